/**
 * Test-only: a freshly migrated database per dialect. SQLite in memory always;
 * PostgreSQL too when TEST_DATABASE_URL is set (a throw-away database
 * gk_t_<random> is created through that URL and dropped afterwards).
 * To be replaced by the shared helper in test/db.ts once it exists.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type DbHandle, type Dialect } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';

export const testDialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb extends DbHandle {
  /** Closes the connection and, for PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

async function admin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function openTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const handle = connect({ databaseUrl: null, sqliteFile: ':memory:' });
    await migrateToLatest(handle.db);
    return { ...handle, destroy: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `gk_t_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, (c) => c.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = connect({ databaseUrl: url.toString(), sqliteFile: ':memory:' });
  try {
    await migrateToLatest(handle.db);
  } catch (e) {
    await handle.close();
    await admin(adminUrl, (c) => c.query(`drop database if exists "${name}"`));
    throw e;
  }
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      await admin(adminUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
