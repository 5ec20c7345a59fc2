import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * A throwaway PostgreSQL server for the tests and the benchmark: initdb into a temporary folder,
 * the server on 127.0.0.1 on a free port, password authentication (scram-sha-256) for every
 * connection, and a role that owns one database. As root (CI), initdb and the server run as the
 * `postgres` user, since PostgreSQL refuses to run as root. `stop()` ends the server and removes
 * the folder.
 */
export interface PostgresServer {
  host: string;
  port: number;
  /** the role the catalog is read as, its password and its database */
  user: string;
  password: string;
  database: string;
  /** `postgres://user:password@127.0.0.1:port/database` */
  url: string;
  /** the same server as its superuser (`postgres`), for setting up data */
  adminUrl: string;
  /** the psql beside the server, for loading tables */
  psql: string;
  stop(): Promise<void>;
}

/** Where Debian (`/usr/lib/postgresql/<version>/bin`) or the PATH keeps initdb and postgres; the newest version first. */
function findBinaries(): string {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => existsSync(path.join(debian, v, 'bin/postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return path.join(debian, versions[0], 'bin');
  const found = spawnSync('sh', ['-c', 'command -v postgres'], { encoding: 'utf8' }).stdout.trim();
  if (found) return path.dirname(found);
  throw new Error(
    'PostgreSQL server binaries (initdb, postgres) not found: install the Debian package postgresql (listed in .ci/debian-packages), or set OMNIFEED_SKIP_PG=1 to skip the PostgreSQL tests',
  );
}

/** The uid and gid of the `postgres` user, when running as root; nothing otherwise. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line)
    throw new Error('running as root, but there is no postgres user to run the PostgreSQL server as (install the postgresql package)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

const secret = () => `pw-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;

/** Start a server; `user`, `database` name the role and database made for the caller. */
export async function startPostgres(options: { user?: string; database?: string } = {}): Promise<PostgresServer> {
  const bin = findBinaries();
  const owner = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-pg-'));
  const run = { cwd: dir, uid: owner?.uid, gid: owner?.gid, env: { ...process.env, LC_ALL: 'C' } };
  let server: ChildProcess | undefined;
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const adminPassword = secret();
    const pwfile = path.join(dir, 'pwfile');
    writeFileSync(pwfile, `${adminPassword}\n`, { mode: 0o600 });
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    const data = path.join(dir, 'data');
    const init = spawnSync(
      path.join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { ...run, encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.error?.message}`);
    const port = await freePort();
    const log = openSync(path.join(dir, 'server.log'), 'a');
    if (owner) chownSync(path.join(dir, 'server.log'), owner.uid, owner.gid);
    // a throwaway server: no fsync, so loading a million rows for the benchmark takes seconds, not minutes
    const settings = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=40'];
    server = spawn(
      path.join(bin, 'postgres'),
      ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir, ...settings.flatMap((s) => ['-c', s])],
      { ...run, stdio: ['ignore', log, log] },
    );
    const adminUrl = `postgres://postgres:${encodeURIComponent(adminPassword)}@127.0.0.1:${port}/postgres`;
    await waitUntilReady(adminUrl, server, path.join(dir, 'server.log'));
    const user = options.user ?? 'omnifeed';
    const database = options.database ?? 'shop';
    const password = secret();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE "${user}" LOGIN PASSWORD '${password}'`);
      await admin.query(`CREATE DATABASE "${database}" OWNER "${user}"`);
    } finally {
      await admin.end();
    }
    const stop = () => stopServer(server!, dir);
    const base = `127.0.0.1:${port}`;
    return {
      host: '127.0.0.1',
      port,
      user,
      password,
      database,
      url: `postgres://${user}:${encodeURIComponent(password)}@${base}/${database}`,
      adminUrl: `postgres://postgres:${encodeURIComponent(adminPassword)}@${base}/${database}`,
      psql: existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : 'psql',
      stop,
    };
  } catch (error) {
    if (server) await stopServer(server, dir);
    else rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function waitUntilReady(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`the PostgreSQL server stopped (exit ${server.exitCode}): ${readFileSync(logFile, 'utf8')}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`the PostgreSQL server did not start in 60 s: ${(error as Error).message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Fast shutdown (SIGINT: end the sessions, stop), SIGKILL if it takes more than 20 s; then remove the folder. */
async function stopServer(server: ChildProcess, dir: string): Promise<void> {
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.kill('SIGINT');
    const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}
