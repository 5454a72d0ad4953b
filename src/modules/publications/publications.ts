/** Domain types of publications and the explicit row → domain mapping (ADR 0003). */
import type { LegalDate } from '../../platform/legal-date.js';
import type { PublicationTable } from './publications.table.js';
import {
  type BodyFormat,
  type DisclosureAttribute,
  formatDocNo,
  type Genre,
  type Topic,
  type Validity,
  type WithholdGround,
} from './vocabulary.js';
import { isStep, type PublicationState, type WorkflowStep } from './workflow.js';

/** 第二十六条: published within 20 working days of being formed or changed. */
export const PUBLISH_WITHIN_WORKDAYS = 20;

export interface Publication {
  id: string;
  agencyId: string;
  columnId: string | null;
  state: PublicationState;
  version: number;
  round: number;
  steps: WorkflowStep[];
  publishedVersion: number | null;
  title: string;
  summary: string;
  keywords: string[];
  bodyFormat: BodyFormat;
  bodySource: string;
  bodyHtml: string;
  bodyText: string;
  docNoPrefix: string | null;
  docNoYear: number | null;
  docNoNumber: number | null;
  /** 雅办发〔2017〕18号, or null when incomplete. */
  docNo: string | null;
  writtenOn: LegalDate | null;
  formedOn: LegalDate | null;
  dueOn: LegalDate | null;
  publisherName: string;
  topic: Topic | null;
  genre: Genre | null;
  validity: Validity | null;
  validityNote: string | null;
  validityChangedOn: LegalDate | null;
  disclosureAttribute: DisclosureAttribute;
  withholdGround: WithholdGround | null;
  withholdReason: string | null;
  decidedOn: LegalDate | null;
  nextReviewOn: LegalDate | null;
  indexNo: string | null;
  indexImported: boolean;
  scheduledAt: string | null;
  scheduledBy: string | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  publishedOn: LegalDate | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  source: 'authored' | 'imported';
  createdBy: string | null;
  updatedBy: string | null;
  submittedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const int = (v: number | string | null) => (v === null ? null : Number(v));
const date = (v: string | null) => v as LegalDate | null;

export function toPublication(r: PublicationTable): Publication {
  const docNoYear = int(r.doc_no_year);
  const docNoNumber = int(r.doc_no_number);
  return {
    id: r.id,
    agencyId: r.agency_id,
    columnId: r.column_id,
    state: r.state as PublicationState,
    version: Number(r.version),
    round: Number(r.round),
    steps: r.steps.split(',').filter(isStep),
    publishedVersion: int(r.published_version),
    title: r.title,
    summary: r.summary,
    keywords: JSON.parse(r.keywords) as string[],
    bodyFormat: r.body_format as BodyFormat,
    bodySource: r.body_source,
    bodyHtml: r.body_html,
    bodyText: r.body_text,
    docNoPrefix: r.doc_no_prefix,
    docNoYear,
    docNoNumber,
    docNo: formatDocNo(r.doc_no_prefix, docNoYear, docNoNumber),
    writtenOn: date(r.written_on),
    formedOn: date(r.formed_on),
    dueOn: date(r.due_on),
    publisherName: r.publisher_name,
    topic: r.topic as Topic | null,
    genre: r.genre as Genre | null,
    validity: r.validity as Validity | null,
    validityNote: r.validity_note,
    validityChangedOn: date(r.validity_changed_on),
    disclosureAttribute: r.disclosure_attribute as DisclosureAttribute,
    withholdGround: r.withhold_ground as WithholdGround | null,
    withholdReason: r.withhold_reason,
    decidedOn: date(r.decided_on),
    nextReviewOn: date(r.next_review_on),
    indexNo: r.index_no,
    indexImported: Number(r.index_imported) === 1,
    scheduledAt: r.scheduled_at,
    scheduledBy: r.scheduled_by,
    firstPublishedAt: r.first_published_at,
    publishedAt: r.published_at,
    publishedOn: date(r.published_on),
    withdrawnAt: r.withdrawn_at,
    withdrawnReason: r.withdrawn_reason,
    source: r.source as Publication['source'],
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    submittedBy: r.submitted_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Whether the public can see a version of it now (published, or published and being amended). */
export function isLive(p: Pick<Publication, 'publishedVersion' | 'state'>): boolean {
  return p.publishedVersion !== null && p.state !== 'withdrawn';
}

export type { Attachment } from './attachments.js';
export { ATTACHMENT_MAX_BYTES, toAttachment } from './attachments.js';
export type { PublishedVersion, VersionSnapshot, WorkflowEvent } from './history.js';
export { toEvent, toVersion } from './history.js';
