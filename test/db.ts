/**
 * Fresh, fully migrated databases for data-layer tests, on every dialect (Kysely's own suite does the same):
 * SQLite always (in memory), PostgreSQL too when TEST_DATABASE_URL is set.
 *
 *   describeEachDialect('workday repository', (getDb, dialect) => {
 *     it('stores a year', async () => { await insertYear(getDb().db, …); … });
 *   });
 *
 * PostgreSQL: the globalSetup (test/tiers.ts) migrates one template database per run, gk_tpl_<runId>;
 * freshDb('postgres') copies it (CREATE DATABASE … TEMPLATE, twice as fast as migrating) or reuses a copy
 * this worker already reset to the template's rows (much faster still; see below). The globalSetup's
 * teardown drops the template and every copy.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { connect, type DbHandle, type Dialect } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { postgresUrl } from './tiers.js';

export type { DbHandle, Dialect };

/** The dialects this run covers: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const dialects: readonly Dialect[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * A handle on a fresh, fully migrated database holding only the rows the migrations seed. The caller must
 * close() it: SQLite frees it; PostgreSQL resets it for this worker's next freshDb, or drops it.
 */
export async function freshDb(dialect: Dialect): Promise<DbHandle> {
  if (dialect === 'sqlite') {
    const handle = connect({ databaseUrl: null, sqliteFile: ':memory:' });
    await migrateToLatest(handle.db);
    return handle;
  }
  if (!postgresUrl) throw new Error("freshDb('postgres') needs TEST_DATABASE_URL");
  return freshPostgres(postgresUrl);
}

export interface EachDialectOptions {
  /** 'each' (default): a new database per test. 'all': one database shared by the block's tests. */
  fresh?: 'each' | 'all';
}

/**
 * One describe block per dialect, named `<name> [<dialect>]`. `getDb()` returns the current handle; call it
 * inside tests or hooks, never while the block is being declared.
 */
export function describeEachDialect(
  name: string,
  fn: (getDb: () => DbHandle, dialect: Dialect) => void,
  options: EachDialectOptions = {},
): void {
  for (const dialect of dialects) {
    describe(`${name} [${dialect}]`, () => {
      let handle: DbHandle | undefined;
      const open = async () => {
        handle = await freshDb(dialect);
      };
      const close = async () => {
        const h = handle;
        handle = undefined;
        await h?.close();
      };
      if (options.fresh === 'all') {
        beforeAll(open);
        afterAll(close);
      } else {
        beforeEach(open);
        afterEach(close);
      }
      const getDb = () => {
        if (!handle)
          throw new Error(`getDb() [${dialect}] has no database here: call it inside a test or hook`);
        return handle;
      };
      fn(getDb, dialect);
    });
  }
}

// ── PostgreSQL ──
// Creating a database costs ~150 ms even from a template, so a worker recycles its databases: close() resets
// the rows to the template's (a few ms) and keeps the database for the worker's next freshDb('postgres'). A
// database whose schema the test changed, or that fails to reset, is dropped instead. The teardown drops the rest.

/** What the globalSetup hands to the workers (test/tiers.ts): the template and how to return to it. */
export interface PgTemplate {
  name: string;
  /**
   * One round trip that fails unless the schema is still the template's (FINGERPRINT_SQL), then deletes every
   * row, re-inserts the rows the migrations seeded and rewinds the sequences.
   */
  resetSql: string;
}

const recycled: string[] = []; // this worker's clean databases

async function freshPostgres(adminUrl: string): Promise<DbHandle> {
  const template = safeInject('gkPgTemplate') ?? null;
  if (!template) return migratedFromScratch(adminUrl); // another vitest config, without the globalSetup
  const name = recycled.pop() ?? (await createDatabase(adminUrl, template.name));
  const handle = connect({ databaseUrl: databaseUrlFor(adminUrl, name), sqliteFile: ':memory:' });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // Reset on the test's own pool (no new connection), then end its sessions and their settings.
    const clean = await sql
      .raw(template.resetSql)
      .execute(handle.db)
      .then(
        () => true,
        () => false, // the test changed the schema, broke its pool, or used ON DELETE RESTRICT: take a new copy
      );
    await handle.close().catch(() => {});
    if (clean) recycled.push(name);
    else await dropDatabase(adminUrl, name);
  };
  return { ...handle, close };
}

async function migratedFromScratch(adminUrl: string): Promise<DbHandle> {
  const name = await createDatabase(adminUrl, null);
  const handle = connect({ databaseUrl: databaseUrlFor(adminUrl, name), sqliteFile: ':memory:' });
  const close = async () => {
    await handle.close();
    await dropDatabase(adminUrl, name);
  };
  try {
    await migrateToLatest(handle.db);
  } catch (err) {
    await close();
    throw err;
  }
  return { ...handle, close };
}

function safeInject<K extends 'gkPgTemplate' | 'gkRunId'>(key: K) {
  try {
    return inject(key);
  } catch {
    return undefined;
  }
}

async function createDatabase(adminUrl: string, template: string | null): Promise<string> {
  const name = `gk_t_${safeInject('gkRunId') ?? 'x'}_${randomBytes(4).toString('hex')}`;
  await adminQuery(
    adminUrl,
    template
      ? `CREATE DATABASE ${name} TEMPLATE ${template}`
      : `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`,
  );
  return name;
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// ── PostgreSQL administration, used by the globalSetup in test/tiers.ts ──

/** Creates and migrates gk_tpl_<runId>, the database every test database is copied from. */
export async function createPostgresTemplate(adminUrl: string, runId: string): Promise<PgTemplate> {
  const name = `gk_tpl_${runId}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  const handle = connect({ databaseUrl: databaseUrlFor(adminUrl, name), sqliteFile: ':memory:' });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return { name, resetSql: await withClient(databaseUrlFor(adminUrl, name), buildResetSql) };
}

/** Drops this run's template and test databases (including those of crashed or recycling workers). */
export async function dropRunDatabases(adminUrl: string, runId: string): Promise<void> {
  const rows = await adminQuery(
    adminUrl,
    'SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2',
    [`gk_tpl_${runId}`, `gk\\_t\\_${runId}\\_%`],
  );
  await Promise.all(rows.map(({ datname }) => dropDatabase(adminUrl, datname)));
}

/** The user schema (tables, columns, constraints, functions) of the connected database, as one hash. */
const FINGERPRINT_SQL = `
  WITH rel AS (
    SELECT c.oid, c.relname, c.relkind, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')
  SELECT md5(concat_ws('|',
    (SELECT string_agg(concat_ws(',', oid, nspname, relname, relkind), ';' ORDER BY oid) FROM rel),
    (SELECT string_agg(concat_ws(',', attrelid, attnum, attname, atttypid, attnotnull, atthasdef, attisdropped), ';'
       ORDER BY attrelid, attnum) FROM pg_attribute WHERE attrelid IN (SELECT oid FROM rel)),
    (SELECT string_agg(concat_ws(',', oid, conname, contype), ';' ORDER BY oid)
       FROM pg_constraint WHERE conrelid IN (SELECT oid FROM rel)),
    (SELECT string_agg(concat_ws(',', p.oid, proname), ';' ORDER BY p.oid) FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))
  )) AS fingerprint`;

/**
 * SQL that brings a copy of the template back to the template's rows. Deletes and inserts each run as one
 * statement (data-modifying CTEs), so foreign keys are checked once at its end and table order does not matter.
 */
async function buildResetSql(client: pg.Client): Promise<string> {
  const { rows: tables } = await client.query<{ qname: string; columns: string; seed: string }>(`
    SELECT format('%I.%I', n.nspname, c.relname) AS qname,
           (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
             WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped AND attgenerated = '') AS columns,
           '' AS seed
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT LIKE 'kysely\\_migration%'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY 1`);
  for (const t of tables)
    t.seed = (
      await client.query(`SELECT coalesce(json_agg(t), '[]')::text AS seed FROM ${t.qname} t`)
    ).rows[0].seed;
  const { rows: sequences } = await client.query<{ qname: string; value: string; called: boolean }>(`
    SELECT format('%I.%I', schemaname, sequencename) AS qname,
           coalesce(last_value, start_value) AS value, last_value IS NOT NULL AS called
    FROM pg_sequences`);

  const ctes = (parts: string[]) => `WITH ${parts.map((p, i) => `s${i} AS (${p})`).join(', ')} SELECT 1;`;
  const seeded = tables.filter((t) => t.seed !== '[]');
  const literal = (json: string) => {
    let tag = 'seed';
    while (json.includes(`$${tag}$`)) tag += '_';
    return `$${tag}$${json}$${tag}$`;
  };
  const { fingerprint } = (await client.query(FINGERPRINT_SQL)).rows[0];
  return [
    'BEGIN;',
    `DO $$ BEGIN IF (${FINGERPRINT_SQL}) IS DISTINCT FROM '${fingerprint}' THEN RAISE EXCEPTION 'schema changed'; END IF; END $$;`,
    tables.length ? ctes(tables.map((t) => `DELETE FROM ${t.qname}`)) : '',
    seeded.length
      ? ctes(
          seeded.map(
            (t) =>
              `INSERT INTO ${t.qname} (${t.columns}) OVERRIDING SYSTEM VALUE ` +
              `SELECT ${t.columns} FROM json_populate_recordset(NULL::${t.qname}, ${literal(t.seed)})`,
          ),
        )
      : '',
    ...sequences.map((q) => `SELECT setval('${q.qname.replaceAll("'", "''")}', ${q.value}, ${q.called});`),
    'COMMIT;',
  ].join('\n');
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {}); // a dropped connection surfaces through the awaited calls
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** One statement on a short-lived connection (CREATE/DROP DATABASE cannot run inside a transaction). */
async function adminQuery(
  adminUrl: string,
  text: string,
  values: unknown[] = [],
): Promise<Record<string, any>[]> {
  return withClient(adminUrl, async (client) => (await client.query(text, values)).rows);
}

function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}
