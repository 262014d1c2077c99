import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { findFreePort, stopChild, waitUntil } from './redis';

export interface PostgresService {
  url: string;
  /** Whether this script started the server (and so stops it). */
  isOwned: boolean;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL *server*, for the fault tests that need one (two processes sharing a database, or a
 * proxy cutting it: PGlite lives inside one process). TEST_DATABASE_URL if given; else a server
 * answering on 127.0.0.1:5432; else Debian's PostgreSQL binaries (installed with apt-get when
 * missing and we are root) run as a private server on a free port with its data in
 * .data/postgres, trusting local connections, stopped when the tests end.
 */
export async function ensurePostgresServer(log: (line: string) => void = console.log): Promise<PostgresService> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, isOwned: false, stop: async () => {} };
  const local = `postgres://${userInfo().username}@127.0.0.1:5432/postgres`;
  if (await answers(local)) return { url: local, isOwned: false, stop: async () => {} };

  const binDir = postgresBinDir(log);
  const isRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: as root, the server runs as Debian's `postgres` user.
  const runAs = (command: string, args: string[]) => (isRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args });
  const owner = isRoot ? 'postgres' : userInfo().username;
  const dataDir = path.resolve('.data/postgres');
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (isRoot) chownPostgres(dataDir);
    log(`Creating a PostgreSQL cluster for the tests in ${dataDir}`);
    const init = runAs(path.join(binDir, 'initdb'), ['-D', dataDir, '--auth=trust', '--username', owner, '--encoding=UTF8']);
    const result = spawnSync(init.command, init.args, { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('initdb failed; start PostgreSQL yourself or set TEST_DATABASE_URL.');
  }
  const port = await findFreePort();
  log(`Starting PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
  const server = runAs(path.join(binDir, 'postgres'), ['-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300']);
  const child = spawn(server.command, server.args, { stdio: 'ignore' });
  const url = `postgres://${owner}@127.0.0.1:${port}/postgres`;
  await waitUntil(() => answers(url), 30_000, 'PostgreSQL did not start within 30 s');
  const stop = async () => {
    // pg_ctl as the server's own user: a signal to runuser is not passed on to PostgreSQL.
    const fastShutdown = runAs(path.join(binDir, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-s']);
    spawnSync(fastShutdown.command, fastShutdown.args, { stdio: 'ignore' });
    await stopChild(child);
  };
  return { url, isOwned: true, stop };
}

/** The newest installed PostgreSQL's bin directory (Debian keeps them in /usr/lib/postgresql/<version>/bin). */
function postgresBinDir(log: (line: string) => void): string {
  const found = installedBinDir();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version']).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error('No PostgreSQL server answers and none is installed. Install it (Debian/Ubuntu: sudo apt-get install postgresql) or set TEST_DATABASE_URL.');
  }
  log('Installing PostgreSQL with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
  const installed = installedBinDir();
  if (install.status !== 0 || !installed) throw new Error('apt-get install postgresql failed; install it yourself or set TEST_DATABASE_URL.');
  return installed;
}

function installedBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin') : null;
}

function chownPostgres(dir: string) {
  const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('the postgres user is missing; install Debian’s postgresql package.');
  chownSync(dir, uid, gid);
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
