import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,connectors,shared,scripts,client}/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/testing/summary-reporter.ts'],
  },
});
