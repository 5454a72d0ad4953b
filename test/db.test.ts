import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.js';
import { migrations } from '../src/db/migrations/index.js';
import { describeEachDialect } from './db.js';

const FOUNDATION_TABLES = [
  'agencies',
  'agency_name_history',
  'users',
  'user_roles',
  'sessions',
  'audit_events',
  'audit_chain_heads',
  'audit_checkpoints',
  'calendar_years',
  'calendar_days',
];

describeEachDialect('migrations', (getDb, dialect) => {
  it('creates the foundation tables', async () => {
    const tables = (await getDb().db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(FOUNDATION_TABLES));
  });

  it('records every migration as applied', async () => {
    const applied = await getDb()
      .db.withTables<{ kysely_migration: { name: string } }>()
      .selectFrom('kysely_migration')
      .select('name')
      .orderBy('name')
      .execute();
    expect(applied.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it('seeds the official 2024–2026 calendar', async () => {
    const { db } = getDb();
    const years = await db.selectFrom('calendar_years').select(['year', 'status']).orderBy('year').execute();
    expect(years.filter((y) => y.year >= 2024 && y.year <= 2026)).toEqual([
      { year: 2024, status: 'official' },
      { year: 2025, status: 'official' },
      { year: 2026, status: 'official' },
    ]);
    const day = (date: string) =>
      db.selectFrom('calendar_days').select(['kind', 'name']).where('date', '=', date).executeTakeFirst();
    expect(await day('2025-01-28')).toEqual({ kind: 'holiday', name: '春节' });
    expect(await day('2025-01-26')).toEqual({ kind: 'makeupWorkday', name: '调休上班' });
    expect(await day('2026-10-07')).toEqual({ kind: 'holiday', name: '国庆节' });
  });

  it('is a no-op when run a second time', async () => {
    const { db } = getDb();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('calendar_days')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const again = await migrateToLatest(db);
    expect(again.results).toEqual([]);
    expect(await count()).toBe(before);
  });

  if (dialect === 'postgres')
    it('stores text as UTF-8', async () => {
      const { rows } = await sql<{ server_encoding: string }>`SHOW server_encoding`.execute(getDb().db);
      expect(rows[0]?.server_encoding).toBe('UTF8');
    });
});

// On PostgreSQL a worker recycles its databases (test/db.ts): these pairs prove a test still starts clean.
describeEachDialect('freshDb isolation', (getDb) => {
  const seededDays = async () =>
    (await getDb().db.selectFrom('calendar_days').select('date').orderBy('date').execute()).map(
      (r) => r.date,
    );
  let seeded: string[] = [];

  it('gives a test its own database (writes, deletes and changes seeded rows here)', async () => {
    const { db } = getDb();
    seeded = await seededDays();
    await db
      .insertInto('calendar_years')
      .values({ year: 2099, status: 'provisional', notice_title: null, notice_ref: null, updated_at: 'x' })
      .execute();
    await db.deleteFrom('calendar_days').where('year', '=', 2024).execute();
    await db.updateTable('calendar_years').set({ status: 'provisional' }).where('year', '=', 2025).execute();
  });

  it('… and the next test sees none of it', async () => {
    const { db } = getDb();
    const years = await db.selectFrom('calendar_years').select(['year', 'status']).orderBy('year').execute();
    expect(years.find((y) => y.year === 2099)).toBeUndefined();
    expect(years.find((y) => y.year === 2025)?.status).toBe('official');
    expect(await seededDays()).toEqual(seeded);
  });

  it('a test may change the schema (adds a table here) …', async () => {
    await getDb().db.schema.createTable('scratch').addColumn('id', 'text').execute();
  });

  it('… and the next test does not see that either', async () => {
    const tables = (await getDb().db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('scratch');
  });
});

describeEachDialect(
  'a shared database',
  (getDb) => {
    it('keeps writes of one test (fresh: all) …', async () => {
      await getDb()
        .db.insertInto('calendar_years')
        .values({ year: 2098, status: 'provisional', notice_title: null, notice_ref: null, updated_at: 'x' })
        .execute();
    });

    it('… for the next test of the block', async () => {
      const row = await getDb()
        .db.selectFrom('calendar_years')
        .select('year')
        .where('year', '=', 2098)
        .executeTakeFirst();
      expect(row).toEqual({ year: 2098 });
    });
  },
  { fresh: 'all' },
);
