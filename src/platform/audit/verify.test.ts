import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db.js';
import type { Database } from '../../db/database.js';
import { checkpointMac, eventMac, GENESIS_MAC, headMac } from './audit-mac.js';
import { KEYS, makeTrail, recordMany, tempCheckpointFile } from './audit-test-helpers.js';
import { parseCheckpointLine, writeCheckpoints } from './checkpoint.js';
import { type AuditVerification, verifyAudit } from './verify.js';

const OTHER_KEY = 'an-attackers-own-key-0123456789abcdef012345';

describeEachDialect('audit verification', (getDb) => {
  let file: string;
  let cleanup: () => Promise<void>;
  let t: ReturnType<typeof makeTrail>;
  let db: Kysely<Database>;

  beforeEach(async () => {
    ({ file, cleanup } = await tempCheckpointFile());
    t = makeTrail();
    db = getDb().db;
  });
  afterEach(() => cleanup());

  const verify = (pageSize?: number) =>
    verifyAudit(db, { auditKey: KEYS.auditKey, checkpointFile: file, pageSize });
  const checkpoint = () =>
    writeCheckpoints(db, { auditKey: KEYS.auditKey, checkpointFile: file, clock: t.clock });
  const kinds = (r: AuditVerification) => r.problems.map((p) => `${p.chain}:${p.kind}:${p.seq ?? ''}`);
  const macOf = async (chain: string, seq: number) =>
    (
      await db
        .selectFrom('audit_events')
        .select('mac')
        .where('chain', '=', chain)
        .where('seq', '=', seq)
        .executeTakeFirstOrThrow()
    ).mac;

  /** Three agencies and the platform chain, some checkpointed. */
  const seed = async () => {
    await recordMany(db, t, 'agency-a', 5);
    await recordMany(db, t, 'agency-b', 3);
    await recordMany(db, t, null, 2);
    expect(await checkpoint()).toBe(3);
    await recordMany(db, t, 'agency-c', 4);
  };

  it('finds a clean trail of several agencies in order', async () => {
    await seed();
    expect(await verify()).toEqual({ ok: true, chains: 4, events: 14, problems: [] });
    expect((await verify(2)).ok).toBe(true); // paged in twos
  });

  it('finds an empty trail with no checkpoint file in order', async () => {
    expect(await verify()).toEqual({ ok: true, chains: 0, events: 0, problems: [] });
  });

  it('writes checkpoints only for chains whose head advanced, to the database and the file', async () => {
    await seed();
    expect(await checkpoint()).toBe(1); // agency-c only
    expect(await checkpoint()).toBe(0);
    await recordMany(db, t, 'agency-a', 1);
    expect(await checkpoint()).toBe(1);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const last = parseCheckpointLine(lines[4]!)!;
    expect(last).toMatchObject({ chain: 'agency-a', seq: 6, mac: await macOf('agency-a', 6) });
    expect(last.checkpointMac).toBe(checkpointMac(KEYS.auditKey, 'agency-a', 6, last.mac, last.createdAt));
    const rows = await db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .orderBy('created_at')
      .orderBy('chain')
      .execute();
    expect(rows.map((r) => `${r.chain}@${r.seq}`)).toEqual([
      'agency-a@5',
      'agency-b@3',
      'platform@2',
      'agency-c@4',
      'agency-a@6',
    ]);
    expect((await verify()).ok).toBe(true);
  });

  it('detects an edited event', async () => {
    await seed();
    await db
      .updateTable('audit_events')
      .set({ after_json: '{"title":"改过的标题"}' })
      .where('chain', '=', 'agency-a')
      .where('seq', '=', 2)
      .execute();
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(kinds(r)).toEqual(['agency-a:edited:2']);
    expect(r.problems[0]!.message).toMatch(/Event #2 does not match its MAC/);
  });

  it('detects an event inserted at the end with a made-up MAC', async () => {
    await seed();
    const last = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain', '=', 'agency-c')
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('audit_events')
      .values({
        ...last,
        id: 'forged-1',
        seq: 5,
        prev_mac: last.mac,
        mac: 'f'.repeat(64),
        action: 'document.delete',
      })
      .execute();
    expect(kinds(await verify())).toEqual(['agency-c:edited:5', 'agency-c:head:5']);
  });

  it('detects an event inserted in the middle, shifting the later ones', async () => {
    await seed();
    // Two steps, so the (chain, seq) unique constraint holds after each statement on both dialects.
    await db
      .updateTable('audit_events')
      .set((eb) => ({ seq: eb(eb.neg(eb.ref('seq')), '-', 1) }))
      .where('chain', '=', 'agency-a')
      .where('seq', '>=', 3)
      .execute();
    await db
      .updateTable('audit_events')
      .set((eb) => ({ seq: eb.neg(eb.ref('seq')) }))
      .where('chain', '=', 'agency-a')
      .where('seq', '<', 0)
      .execute();
    const second = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain', '=', 'agency-a')
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('audit_events')
      .values({ ...second, id: 'forged-2', seq: 3, prev_mac: second.mac, mac: `${'0'.repeat(63)}1` })
      .execute();
    const r = await verify();
    expect(kinds(r)).toEqual(
      expect.arrayContaining([
        'agency-a:edited:3',
        'agency-a:link:4',
        'agency-a:edited:4',
        'agency-a:head:6',
      ]),
    );
    expect(r.problems.every((p) => p.chain === 'agency-a')).toBe(true);
  });

  it('detects an event deleted from the middle, also across a page boundary', async () => {
    await seed();
    await db.deleteFrom('audit_events').where('chain', '=', 'agency-a').where('seq', '=', 3).execute();
    expect(kinds(await verify())).toEqual(['agency-a:gap:3']);
    expect(kinds(await verify(2))).toEqual(['agency-a:gap:3']);
    await db.deleteFrom('audit_events').where('chain', '=', 'agency-b').where('seq', '=', 1).execute();
    const r = await verify();
    expect(kinds(r)).toEqual(['agency-a:gap:3', 'agency-b:gap:1']);
    expect(r.problems[1]!.message).toMatch(/starts at event #2 instead of #1/);
  });

  it('detects a deleted head', async () => {
    await seed();
    await db.deleteFrom('audit_chain_heads').where('chain', '=', 'agency-c').execute();
    expect(kinds(await verify())).toEqual(['agency-c:head:']);
  });

  it('detects events deleted from the end while the head still records them', async () => {
    await seed();
    await db.deleteFrom('audit_events').where('chain', '=', 'agency-c').where('seq', '>=', 3).execute();
    const r = await verify();
    expect(kinds(r)).toEqual(['agency-c:truncated:3']);
    expect(r.problems[0]!.message).toMatch(/events #3 to #4 are deleted from the end/);
  });

  describe('a truncated tail with a rolled-back head', () => {
    /** Deletes events 4–5 of agency-a and puts back the head row as it was after event 3. */
    const truncateAndRollBack = async () => {
      const head3 = { seq: 3, mac: await macOf('agency-a', 3) };
      await db.deleteFrom('audit_events').where('chain', '=', 'agency-a').where('seq', '>', 3).execute();
      await db
        .updateTable('audit_chain_heads')
        .set({ ...head3, head_mac: headMac(KEYS.auditKey, 'agency-a', 3, head3.mac) }) // a value once stored
        .where('chain', '=', 'agency-a')
        .execute();
    };

    it('cannot see a truncated tail with a rolled-back head when no checkpoint covers it', async () => {
      await recordMany(db, t, 'agency-a', 5);
      await truncateAndRollBack();
      expect((await verify()).ok).toBe(true); // the limit ADR 0005 states: only checkpoints catch this
    });

    it('detects a truncated tail with a rolled-back head through the checkpoints', async () => {
      await seed();
      await truncateAndRollBack();
      const r = await verify();
      expect(kinds(r)).toEqual(['agency-a:truncated:4']);
      expect(r.problems[0]!.message).toMatch(/records event #5, but the chain ends at #3/);
    });

    it('detects it through the file alone when the database checkpoints were deleted as well', async () => {
      await seed();
      await truncateAndRollBack();
      await db.deleteFrom('audit_checkpoints').execute();
      const r = await verify();
      expect(kinds(r)).toEqual(['agency-a:truncated:4']);
      expect(r.problems[0]!.message).toMatch(/^Line 1 of the checkpoint file/);
    });

    it('detects a whole chain deleted with its head and checkpoints, through the file', async () => {
      await seed();
      for (const table of ['audit_events', 'audit_chain_heads', 'audit_checkpoints'] as const)
        await db.deleteFrom(table).where('chain', '=', 'agency-b').execute();
      const r = await verify();
      expect(kinds(r)).toEqual(['agency-b:truncated:1']);
      expect(r.problems[0]!.message).toMatch(/the whole chain was deleted/);
    });
  });

  it('detects a chain recomputed with another key', async () => {
    await seed();
    let prev = GENESIS_MAC;
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain', '=', 'agency-b')
      .orderBy('seq')
      .execute();
    for (const e of rows) {
      const mac = eventMac(OTHER_KEY, {
        chain: e.chain,
        seq: e.seq,
        agencyId: e.agency_id,
        actorId: e.actor_id,
        actorLabel: e.actor_label,
        action: e.action,
        targetType: e.target_type,
        targetId: e.target_id,
        beforeJson: e.before_json,
        afterJson: e.after_json === null ? null : '{"title":"rewritten"}',
        requestId: e.request_id,
        occurredAt: e.occurred_at,
        prevMac: prev,
      });
      await db
        .updateTable('audit_events')
        .set({ after_json: '{"title":"rewritten"}', prev_mac: prev, mac })
        .where('id', '=', e.id)
        .execute();
      prev = mac;
    }
    await db
      .updateTable('audit_chain_heads')
      .set({ mac: prev, head_mac: headMac(OTHER_KEY, 'agency-b', 3, prev) })
      .where('chain', '=', 'agency-b')
      .execute();
    await db
      .updateTable('audit_checkpoints')
      .set({ mac: prev, checkpoint_mac: 'forged' })
      .where('chain', '=', 'agency-b')
      .execute();
    const r = await verify();
    expect(kinds(r)).toEqual([
      'agency-b:edited:1',
      'agency-b:edited:2',
      'agency-b:edited:3',
      'agency-b:head:',
      'agency-b:checkpoint:3', // the database checkpoint: forged
      'agency-b:checkpoint:3', // the file line: event #3 is no longer the one it recorded
    ]);
  });

  it('summarises long runs of one problem', async () => {
    await recordMany(db, t, 'agency-a', 6);
    await db.updateTable('audit_events').set({ actor_label: 'someone else' }).execute();
    const r = await verifyAudit(db, { auditKey: KEYS.auditKey, checkpointFile: file, maxProblemsPerKind: 2 });
    expect(kinds(r)).toEqual(['agency-a:edited:1', 'agency-a:edited:2', 'agency-a:edited:']);
    expect(r.problems[2]!.message).toMatch(/and 4 more problems/);
  });

  it('detects a forged head', async () => {
    await seed();
    await db.updateTable('audit_chain_heads').set({ seq: 9 }).where('chain', '=', 'agency-a').execute();
    expect(kinds(await verify())).toEqual(['agency-a:head:']);
  });

  it('detects a tampered checkpoint file line and a line that is not a checkpoint', async () => {
    await seed();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const first = JSON.parse(lines[0]!);
    lines[0] = JSON.stringify({ ...first, seq: first.seq + 1 });
    lines.push('not json at all');
    await writeFile(file, `${lines.join('\n')}\n`);
    const r = await verify();
    // The altered line no longer vouches for event #5, so the file also lacks the database's checkpoint.
    expect(kinds(r)).toEqual(['agency-a:checkpoint:6', '*:checkpoint:', 'agency-a:checkpoint:5']);
    expect(r.problems[0]!.message).toMatch(/Line 1 of the checkpoint file does not match its MAC/);
    expect(r.problems[1]!.message).toMatch(/Line 4 of the checkpoint file is not a valid checkpoint/);
  });

  it('reports a missing checkpoint file when the database holds checkpoints', async () => {
    await seed();
    await rm(file);
    const r = await verify();
    expect(kinds(r)).toEqual(['*:checkpoint:']);
    expect(r.problems[0]!.message).toMatch(/is missing, but the database holds 3 checkpoints/);
  });

  it('reports a checkpoint file that lacks the database checkpoints', async () => {
    await seed();
    await writeFile(file, '');
    expect(kinds(await verify())).toEqual([
      'agency-a:checkpoint:5',
      'agency-b:checkpoint:3',
      'platform:checkpoint:2',
    ]);
  });

  it('creates the directory of the checkpoint file', async () => {
    await recordMany(db, t, 'agency-a', 1);
    expect(existsSync(file)).toBe(false);
    expect(await checkpoint()).toBe(1);
    expect(existsSync(file)).toBe(true);
  });
});
