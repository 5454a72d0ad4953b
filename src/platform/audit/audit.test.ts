import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db.js';
import { systemClock } from '../clock.js';
import { AuditTrail, diff, PLATFORM_CHAIN } from './audit.js';
import { eventMac, GENESIS_MAC, headMac, hmacSm3 } from './audit-mac.js';
import { presentEvent } from './audit-presenter.js';
import { ACTOR, input, KEYS, makeTrail, recordMany } from './audit-test-helpers.js';
import { redact } from './redact.js';

describeEachDialect('audit trail', (getDb, dialect) => {
  it('numbers each chain from 1 and links every event to the one before', async () => {
    const { db } = getDb();
    const t = makeTrail();
    await recordMany(db, t, 'agency-a', 3);
    await recordMany(db, t, null, 2);
    const rows = await db.selectFrom('audit_events').selectAll().orderBy('chain').orderBy('seq').execute();
    const chainA = rows.filter((r) => r.chain === 'agency-a');
    expect(chainA.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.filter((r) => r.chain === PLATFORM_CHAIN).map((r) => r.seq)).toEqual([1, 2]);
    expect(chainA[0]!.prev_mac).toBe(GENESIS_MAC);
    expect(chainA[1]!.prev_mac).toBe(chainA[0]!.mac);
    expect(chainA[2]!.prev_mac).toBe(chainA[1]!.mac);
    const first = chainA[0]!;
    expect(first.mac).toBe(
      eventMac(KEYS.auditKey, {
        chain: 'agency-a',
        seq: 1,
        agencyId: 'agency-a',
        actorId: ACTOR.actorId,
        actorLabel: ACTOR.actorLabel,
        action: first.action,
        targetType: first.target_type,
        targetId: first.target_id,
        beforeJson: first.before_json,
        afterJson: first.after_json,
        requestId: ACTOR.requestId,
        occurredAt: first.occurred_at,
        prevMac: GENESIS_MAC,
      }),
    );
    const head = await db
      .selectFrom('audit_chain_heads')
      .selectAll()
      .where('chain', '=', 'agency-a')
      .executeTakeFirst();
    expect(head).toMatchObject({ seq: 3, mac: chainA[2]!.mac });
    expect(head!.head_mac).toBe(headMac(KEYS.auditKey, 'agency-a', 3, chainA[2]!.mac));
  });

  it('leaves no event and no head change when the transaction fails', async () => {
    const { db } = getDb();
    const t = makeTrail();
    await recordMany(db, t, 'agency-a', 2);
    const headBefore = await db.selectFrom('audit_chain_heads').selectAll().orderBy('chain').execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await t.trail.record(trx, ACTOR, input('agency-a', 3));
        await t.trail.record(trx, ACTOR, input('agency-new', 1));
        throw new Error('the command failed after recording');
      }),
    ).rejects.toThrow('the command failed');
    const events = await db.selectFrom('audit_events').select(['chain', 'seq']).execute();
    expect(events).toHaveLength(2);
    expect(await db.selectFrom('audit_chain_heads').selectAll().orderBy('chain').execute()).toEqual(
      headBefore,
    );
    // The next event continues the chain as if nothing happened.
    await db.transaction().execute((trx) => t.trail.record(trx, ACTOR, input('agency-a', 3)));
    const seqs = await db
      .selectFrom('audit_events')
      .select('seq')
      .where('chain', '=', 'agency-a')
      .orderBy('seq')
      .execute();
    expect(seqs.map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('stores personal fields as keyed hashes and drops secrets', async () => {
    const { db } = getDb();
    const t = makeTrail();
    const clear = {
      idNumber: '110101199003078515',
      phone: '13912345678',
      name: '李秀英',
      passwordHash: '$argon2id$v=19$m=65536$c2FsdHNhbHQ$secret-hash-value',
      token: 'tok-very-secret-token-value',
    };
    await db.transaction().execute((trx) =>
      t.trail.record(trx, ACTOR, {
        agencyId: 'agency-a',
        action: 'application.create',
        targetType: 'application',
        targetId: 'app-1',
        before: null,
        after: { status: 'received', ...clear },
        personalFields: ['name'],
      }),
    );
    const row = await db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    for (const value of Object.values(clear)) expect(stored).not.toContain(value);
    const after = JSON.parse(row.after_json!);
    expect(after.status).toBe('received');
    expect(after.idNumber).toEqual({
      redacted: true,
      sm3: hmacSm3(KEYS.piiKey, `idNumber:${clear.idNumber}`).slice(0, 32),
    });
    expect(after.idNumber.sm3).toMatch(/^[0-9a-f]{32}$/); // 128 bits
    expect(after.name.redacted).toBe(true);
    expect(after.phone.redacted).toBe(true);
    expect(after.passwordHash).toBe('[secret]');
    expect(after.token).toBe('[secret]');
    expect(row.before_json).toBeNull();
  });

  if (dialect === 'postgres')
    it('numbers 20 concurrent records on one chain 1..20 without errors', async () => {
      const { db } = getDb();
      const trail = new AuditTrail(KEYS, systemClock);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction().execute((trx) => trail.record(trx, ACTOR, input('agency-busy', i + 1))),
        ),
      );
      const rows = await db
        .selectFrom('audit_events')
        .select(['seq', 'prev_mac', 'mac', 'occurred_at'])
        .where('chain', '=', 'agency-busy')
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]!.prev_mac).toBe(rows[i - 1]!.mac);
        expect(rows[i]!.occurred_at >= rows[i - 1]!.occurred_at).toBe(true); // stamped after the lock
      }
      const head = await db
        .selectFrom('audit_chain_heads')
        .selectAll()
        .where('chain', '=', 'agency-busy')
        .executeTakeFirst();
      expect(head).toMatchObject({ seq: 20, mac: rows[19]!.mac });
    });

  it('presents a stored event as JSON-safe data', async () => {
    const { db } = getDb();
    const t = makeTrail();
    await recordMany(db, t, 'agency-a', 1);
    const row = await db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
    const presented = presentEvent(row);
    expect(presented).toEqual({
      id: row.id,
      agencyId: 'agency-a',
      seq: 1,
      actor: { id: 'u-1', label: '张敏（city-editor）' },
      action: 'document.update',
      target: { type: 'document', id: 'doc-1' },
      before: { title: '标题 1' },
      after: { title: '新标题 1' },
      requestId: 'req-1',
      occurredAt: '2026-11-22T08:00:01.000Z',
    });
    expect(JSON.parse(JSON.stringify(presented))).toEqual(presented);
  });
});

describe('redact', () => {
  it('passes null through and leaves ordinary fields alone', () => {
    expect(redact(null, KEYS.piiKey)).toBeNull();
    expect(redact({ title: 'x', phone: '', email: null }, KEYS.piiKey)).toEqual({
      title: 'x',
      phone: '',
      email: null,
    });
  });

  it('tells different structured values apart', () => {
    const a = redact({ address: { city: '北京', detail: '东城区 1 号' } }, KEYS.piiKey) as any;
    const b = redact({ address: { city: '上海', detail: '黄浦区 2 号' } }, KEYS.piiKey) as any;
    expect(a.address.sm3).not.toBe(b.address.sm3);
    expect(JSON.stringify(a)).not.toContain('东城区');
  });

  it('depends on the PII key (an unkeyed hash of an ID number could be brute-forced)', () => {
    const one = redact({ idNumber: '110101199003078515' }, KEYS.piiKey) as any;
    const other = redact({ idNumber: '110101199003078515' }, 'another-pii-key-0123456789abcdef01234') as any;
    expect(one.idNumber.sm3).not.toBe(other.idNumber.sm3);
  });
});

describe('diff', () => {
  it('keeps only the fields that changed', () => {
    expect(diff({ a: 1, b: 2, c: 3 }, { a: 1, b: 5, d: 4 })).toEqual({
      before: { b: 2, c: 3, d: null },
      after: { b: 5, c: null, d: 4 },
    });
  });
});

describe('presentEvent', () => {
  it('shows an unparsable before/after column as text instead of failing', () => {
    const presented = presentEvent({
      id: 'e-1',
      agency_id: null,
      seq: 7,
      actor_id: null,
      actor_label: '系统',
      action: 'x',
      target_type: 't',
      target_id: null,
      before_json: '{broken',
      after_json: null,
      request_id: null,
      occurred_at: '2026-11-22T08:00:00.000Z',
    });
    expect(presented.before).toEqual({ unparsable: '{broken' });
    expect(presented.after).toBeNull();
  });
});
