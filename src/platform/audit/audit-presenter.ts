/** Turns a stored audit event into the JSON-safe shape the API and the admin pages show. */
import type { AuditEventTable } from './audit.table.js';

export interface PresentedAuditEvent {
  id: string;
  agencyId: string | null;
  seq: number;
  actor: { id: string | null; label: string };
  action: string;
  target: { type: string; id: string | null };
  /** The (redacted) record before the change, parsed; null when none was recorded. */
  before: unknown;
  after: unknown;
  requestId: string | null;
  occurredAt: string;
}

export type AuditEventRow = Pick<
  AuditEventTable,
  | 'id'
  | 'agency_id'
  | 'seq'
  | 'actor_id'
  | 'actor_label'
  | 'action'
  | 'target_type'
  | 'target_id'
  | 'before_json'
  | 'after_json'
  | 'request_id'
  | 'occurred_at'
>;

export function presentEvent(row: AuditEventRow): PresentedAuditEvent {
  return {
    id: row.id,
    agencyId: row.agency_id,
    seq: Number(row.seq),
    actor: { id: row.actor_id, label: row.actor_label },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    before: parseRecord(row.before_json),
    after: parseRecord(row.after_json),
    requestId: row.request_id,
    occurredAt: row.occurred_at,
  };
}

/**
 * The trail only ever stores JSON.stringify output, so a column that does not
 * parse was edited in the database; show its text rather than fail the page
 * (`verifyAudit` reports the edit).
 */
function parseRecord(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return { unparsable: json };
  }
}
