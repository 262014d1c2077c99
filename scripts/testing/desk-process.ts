import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

export interface DeskProcess {
  child: ChildProcess;
  /** Resolves once the process has logged that it started (its pollers and workers are running). */
  started: Promise<void>;
  /** kill -9: no chance to finish a job, release a lock or close a connection. */
  kill(): Promise<void>;
  /** SIGTERM and wait for it to exit. */
  stop(): Promise<void>;
  /** The last of what it logged (pino JSON lines), for a failing test's message. */
  output(): string;
}

/**
 * Runs `server/main.ts` as a separate process with these settings — e.g. `ROLES=worker` beside a
 * test desk's web process, sharing its database, Redis and key prefix.
 */
export function startDeskProcess(environment: Record<string, string>): DeskProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...environment, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let isStarted = false;
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`desk process did not start within 60 s:\n${output.slice(-2000)}`)), 60_000);
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (!isStarted && output.includes('social desk started')) {
        isStarted = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`desk process exited (${code ?? signal}) before it started:\n${output.slice(-2000)}`));
    });
  });
  started.catch(() => {});
  const exited = () =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    started,
    output: () => output,
    async kill() {
      const done = exited();
      child.kill('SIGKILL');
      await done;
    },
    async stop() {
      const done = exited();
      child.kill('SIGTERM');
      await done;
    },
  };
}
