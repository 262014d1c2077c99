import { spawnSync } from 'node:child_process';
import { ensureChromium } from './services/chromium';
import { ensurePostgresServer } from './services/postgres';
import { ensureRedis } from './services/redis';

// `npm test`: starts what the tests need (Redis, a browser, the built client), then runs them all.
// TEST_DATABASE_URL points the tests at a PostgreSQL server; without it each test file uses PGlite.
const redis = await ensureRedis();
// The fault tests need a PostgreSQL server (shared by two processes, or cut by a proxy) even when the rest use PGlite.
const postgres = await ensurePostgresServer();
const chromiumPath = ensureChromium();
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) {
  await Promise.all([redis.stop(), postgres.stop()]);
  process.exit(build.status ?? 1);
}
console.log(`Redis: ${redis.url}; database: ${process.env.TEST_DATABASE_URL ? 'PostgreSQL server (TEST_DATABASE_URL)' : 'PGlite per test file'}`);
const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, REDIS_URL: redis.url, CHROMIUM_PATH: chromiumPath, TEST_POSTGRES_SERVER_URL: postgres.url },
});
await Promise.all([redis.stop(), postgres.stop()]);
process.exit(run.status ?? 1);
