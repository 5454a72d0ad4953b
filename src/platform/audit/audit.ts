/**
 * The audit trail: every change to data writes one event, in the same
 * transaction as the change (a failed command rolls its event back with it).
 * Events form one HMAC-SM3 chain per agency (ADR 0005).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { type Clock, isoNow } from '../clock.js';
import { insertEvent, lockHead, updateHead } from './audit.repository.js';
import { eventMac, GENESIS_MAC, headMac } from './audit-mac.js';
import { type AuditRecord, redact } from './redact.js';

/** Who acts, for which request. Built once per request (or CLI run). */
export interface Actor {
  actorId: string | null;
  /** Shown in the trail, e.g. "张敏（city-editor）" or "系统". */
  actorLabel: string;
  requestId: string | null;
}

export interface AuditInput {
  /** The agency whose chain records the event; null for platform-level events. */
  agencyId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before?: AuditRecord | null;
  after?: AuditRecord | null;
  /** Extra field names that are personal data for this target. */
  personalFields?: string[];
}

export const PLATFORM_CHAIN = 'platform';

export class AuditTrail {
  constructor(
    private readonly keys: { auditKey: string; piiKey: string },
    private readonly clock: Clock,
  ) {}

  async record(trx: Transaction<Database>, actor: Actor, input: AuditInput): Promise<void> {
    const chain = input.agencyId ?? PLATFORM_CHAIN;
    const head = await lockHead(trx, chain, GENESIS_MAC, isoNow(this.clock));
    // Read after the lock: a writer that waited for it must not stamp an earlier time than the one before.
    const now = isoNow(this.clock);
    const before = redact(input.before, this.keys.piiKey, input.personalFields);
    const after = redact(input.after, this.keys.piiKey, input.personalFields);
    const fields = {
      chain,
      seq: head.seq + 1,
      agencyId: input.agencyId,
      actorId: actor.actorId,
      actorLabel: actor.actorLabel,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      beforeJson: before ? JSON.stringify(before) : null,
      afterJson: after ? JSON.stringify(after) : null,
      requestId: actor.requestId,
      occurredAt: now,
      prevMac: head.mac,
    };
    const mac = eventMac(this.keys.auditKey, fields);
    await insertEvent(trx, {
      id: randomUUID(),
      chain,
      seq: fields.seq,
      agency_id: fields.agencyId,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      before_json: fields.beforeJson,
      after_json: fields.afterJson,
      request_id: fields.requestId,
      occurred_at: fields.occurredAt,
      prev_mac: fields.prevMac,
      mac,
    });
    await updateHead(trx, chain, fields.seq, mac, headMac(this.keys.auditKey, chain, fields.seq, mac), now);
  }
}

/** Only the fields that changed, for compact before/after records. */
export function diff(before: AuditRecord, after: AuditRecord): { before: AuditRecord; after: AuditRecord } {
  const b: AuditRecord = {};
  const a: AuditRecord = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}
