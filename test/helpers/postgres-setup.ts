/**
 * vitest globalSetup: one throwaway PostgreSQL server for the whole run (initdb into a temporary
 * folder, 127.0.0.1, a free port, password authentication), with the demo catalog loaded as the
 * tables `products` and `inventory` of the database `shop`. It is stopped and its folder removed
 * when the run ends. Without the server binaries the run fails, unless OMNIFEED_SKIP_PG=1 is set:
 * then the PostgreSQL tests are skipped and say so.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresServer } from '../../src/dev/postgres-server.js';
import { csvToPostgres, DEMO_TABLES } from '../../src/dev/tables.js';
import { repoRoot } from './workspace.js';

/** the server as the tests see it (the setup stops it) */
export type PostgresInfo = Omit<PostgresServer, 'stop'>;

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresInfo | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.OMNIFEED_SKIP_PG === '1') {
    console.log('OMNIFEED_SKIP_PG=1: the PostgreSQL tests are skipped');
    project.provide('postgres', null);
    return undefined;
  }
  const server = await startPostgres();
  try {
    for (const { csv, table } of DEMO_TABLES) csvToPostgres(path.join(repoRoot, csv), server, table);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const { stop, ...info } = server;
  project.provide('postgres', info);
  return stop;
}
