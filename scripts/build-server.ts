// Bundles the server for `npm start`; npm packages stay external, the SQL migrations go beside it.
// The bench builds the same way into a folder of its own (scripts/bench/processes.ts).
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles each entry point (output name → source) into `outdir`, with the migrations beside them. */
export async function buildServer(outdir = 'dist/server', entryPoints: Record<string, string> = { main: 'server/main.ts' }) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync('server/db/migrations', path.join(outdir, 'migrations'), { recursive: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer();
  console.log('built dist/server/main.js');
}
