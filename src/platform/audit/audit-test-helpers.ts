/** Shared set-up of the audit tests (not a test file itself). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { fixedClock } from '../clock.js';
import { type Actor, type AuditInput, AuditTrail } from './audit.js';

export const KEYS = {
  auditKey: 'test-audit-key-0123456789abcdef0123456789',
  piiKey: 'test-pii-key-0123456789abcdef0123456789abcd',
};

export const ACTOR: Actor = { actorId: 'u-1', actorLabel: '张敏（city-editor）', requestId: 'req-1' };

export function makeTrail() {
  const clock = fixedClock('2026-11-22T08:00:00.000Z');
  return { clock, trail: new AuditTrail(KEYS, clock) };
}

export function input(agencyId: string | null, n: number, extra: Partial<AuditInput> = {}): AuditInput {
  return {
    agencyId,
    action: 'document.update',
    targetType: 'document',
    targetId: `doc-${n}`,
    before: { title: `标题 ${n}` },
    after: { title: `新标题 ${n}` },
    ...extra,
  };
}

/** Records `count` events on the chain of `agencyId`, one transaction each, one second apart. */
export async function recordMany(
  db: Kysely<Database>,
  t: ReturnType<typeof makeTrail>,
  agencyId: string | null,
  count: number,
): Promise<void> {
  for (let i = 1; i <= count; i++) {
    t.clock.advance(1000);
    await db.transaction().execute((trx) => t.trail.record(trx, ACTOR, input(agencyId, i)));
  }
}

/** A checkpoint file path in a directory that does not exist yet (writeCheckpoints must create it). */
export async function tempCheckpointFile(): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-audit-'));
  return {
    file: path.join(dir, 'nested', 'audit-checkpoints.log'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
