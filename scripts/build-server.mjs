// Bundles the server for `npm start`; npm packages stay external, the SQL migrations go beside it.
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/server', { recursive: true, force: true });
await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
});
cpSync('server/db/migrations', 'dist/server/migrations', { recursive: true });
console.log('built dist/server/main.js');
