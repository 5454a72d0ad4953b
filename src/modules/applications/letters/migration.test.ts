/** Migration 2026-12-07-100 on every dialect: its tables, down and up again, and the scan cursor it starts. */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../../test/db.js';
import { down, up } from '../../../db/migrations/2026-12-07-100-application-letters.js';

const TABLES = [
  'application_letter_templates',
  'application_letter_settings',
  'application_notifications',
  'application_notify_state',
];

describeEachDialect('migration 100 (letters and notifications)', (getDb) => {
  it('creates its tables; down removes them; up again restores them with the cursor row', async () => {
    const db = getDb().db as unknown as Kysely<any>;
    const names = async () => (await db.introspection.getTables()).map((t) => t.name);
    expect(await names()).toEqual(expect.arrayContaining(TABLES));
    const state = await db.selectFrom('application_notify_state').selectAll().execute();
    // A fresh database has no events: the scan starts from the beginning.
    expect(state.map((s) => [s.id, s.cursor_at])).toEqual([['events', '']]);
    await down(db);
    const after = await names();
    for (const t of TABLES) expect(after).not.toContain(t);
    await up(db);
    expect(await names()).toEqual(expect.arrayContaining(TABLES));
  });
});
