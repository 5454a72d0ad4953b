/** A publication's history: its workflow events and a snapshot of each published version. */
import type { LegalDate } from '../../platform/legal-date.js';
import type { PublicationEventTable, PublicationVersionTable } from './publications.table.js';
import type { PublicationState } from './workflow.js';

const date = (v: string | null) => v as LegalDate | null;

export interface WorkflowEvent {
  id: string;
  version: number;
  round: number;
  action: string;
  fromState: PublicationState;
  toState: PublicationState;
  actorId: string | null;
  actorLabel: string;
  comment: string | null;
  at: string;
}

export function toEvent(r: PublicationEventTable): WorkflowEvent {
  return {
    id: r.id,
    version: Number(r.version),
    round: Number(r.round),
    action: r.action,
    fromState: r.from_state as PublicationState,
    toState: r.to_state as PublicationState,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    comment: r.comment,
    at: r.at,
  };
}

export interface PublishedVersion {
  version: number;
  title: string;
  formedOn: LegalDate | null;
  dueOn: LegalDate | null;
  publishedOn: LegalDate;
  publishedAt: string;
  publishedBy: string | null;
  /** What the public saw: the metadata, the sanitised body and the attachment list of that version. */
  snapshot: VersionSnapshot;
}

export interface VersionSnapshot {
  title: string;
  summary: string;
  keywords: string[];
  bodyHtml: string;
  columnId: string | null;
  docNo: string | null;
  writtenOn: string | null;
  formedOn: string | null;
  publisherName: string;
  topic: string | null;
  genre: string | null;
  indexNo: string | null;
  attachments: { id: string; fileName: string; sha256: string; type: string; size: number }[];
}

export function toVersion(r: PublicationVersionTable): PublishedVersion {
  return {
    version: Number(r.version),
    title: r.title,
    formedOn: date(r.formed_on),
    dueOn: date(r.due_on),
    publishedOn: r.published_on as LegalDate,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    snapshot: JSON.parse(r.snapshot_json) as VersionSnapshot,
  };
}
