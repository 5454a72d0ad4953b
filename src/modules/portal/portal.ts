/**
 * What the public portal shows of a publication: always the *published version* (its snapshot),
 * never the working copy — while an amendment is under way the row holds the unreviewed draft, so
 * title, body, 文号, column and attachments come from `publication_versions`. Only 有效性 (marked
 * on the live item without a review round) and the withdrawal come from the row itself.
 */
import type { LegalDate } from '../../platform/legal-date.js';
import type { VersionSnapshot } from '../publications/history.js';
import type { PublicationTable } from '../publications/publications.table.js';
import {
  GENRE_LABELS,
  type Genre,
  TOPIC_LABELS,
  type Topic,
  VALIDITY_LABELS,
  type Validity,
} from '../publications/vocabulary.js';

/** Items per page of every public list. */
export const PAGE_SIZE = 20;
/** Items on an agency's section home. */
export const LATEST_COUNT = 10;

/** 有效性 values that put a document in the 失效文件 list. */
export const NOT_IN_FORCE: readonly Validity[] = ['amended', 'repealed', 'expired'];

/** One row of a public list. */
export interface PublicListItem {
  id: string;
  title: string;
  docNo: string | null;
  writtenOn: LegalDate | null;
  publishedOn: LegalDate;
  validity: Validity | null;
}

export interface PublicAttachment {
  id: string;
  fileName: string;
  sha256: string;
  type: string;
  size: number;
}

/** The item page: the live version's snapshot plus what is marked on the live item. */
export interface PublicItem {
  id: string;
  agencyId: string;
  version: number;
  title: string;
  summary: string;
  keywords: string[];
  bodyHtml: string;
  columnId: string | null;
  docNo: string | null;
  writtenOn: LegalDate | null;
  /** 形成日期 of version 1, 变更日期 of later versions. */
  formedOn: LegalDate | null;
  publisherName: string;
  topic: Topic | null;
  genre: Genre | null;
  indexNo: string | null;
  attachments: PublicAttachment[];
  publishedOn: LegalDate;
  publishedAt: string;
  firstPublishedAt: string | null;
  validity: Validity | null;
  validityNote: string | null;
  validityChangedOn: LegalDate | null;
  /** When the page last changed, for Last-Modified. */
  changedAt: string;
}

export interface WithdrawnItem {
  id: string;
  indexNo: string | null;
  withdrawnAt: string;
  withdrawnReason: string | null;
}

export interface PublicVersion {
  version: number;
  /** 形成日期 (version 1) or 变更日期. */
  formedOn: LegalDate | null;
  publishedOn: LegalDate;
}

/** A linked policy or interpretation, with the agency whose section shows it. */
export interface PublicLink {
  id: string;
  title: string;
  agencyId: string;
  agencyCode: string;
  /** The live version's column (the link is shown only while the public can see that column). */
  columnId: string | null;
  publishedOn: LegalDate;
}

export type ItemLookup =
  | { kind: 'live'; item: PublicItem }
  | { kind: 'withdrawn'; item: WithdrawnItem }
  | { kind: 'missing' };

export function parseSnapshot(json: string): VersionSnapshot {
  return JSON.parse(json) as VersionSnapshot;
}

type LiveRow = PublicationTable & { v_snapshot_json: string; v_published_on: string; v_published_at: string };

/** Row + live version → what the public sees; withdrawn and never-published rows are told apart. */
export function toItemLookup(row: LiveRow | undefined): ItemLookup {
  if (!row || row.published_version === null) return { kind: 'missing' };
  if (row.state === 'withdrawn')
    return {
      kind: 'withdrawn',
      item: {
        id: row.id,
        indexNo: row.index_no,
        withdrawnAt: row.withdrawn_at ?? row.updated_at,
        withdrawnReason: row.withdrawn_reason,
      },
    };
  const s = parseSnapshot(row.v_snapshot_json);
  const changedAt = [row.v_published_at, row.validity_changed_on ?? '', row.updated_at].sort().at(-1)!;
  return {
    kind: 'live',
    item: {
      id: row.id,
      agencyId: row.agency_id,
      version: Number(row.published_version),
      title: s.title,
      summary: s.summary,
      keywords: s.keywords,
      bodyHtml: s.bodyHtml,
      columnId: s.columnId,
      docNo: s.docNo,
      writtenOn: s.writtenOn as LegalDate | null,
      formedOn: s.formedOn as LegalDate | null,
      publisherName: s.publisherName,
      topic: isTopic(s.topic) ? s.topic : null,
      genre: isGenre(s.genre) ? s.genre : null,
      indexNo: s.indexNo ?? row.index_no,
      attachments: s.attachments,
      publishedOn: row.v_published_on as LegalDate,
      publishedAt: row.v_published_at,
      firstPublishedAt: row.first_published_at,
      validity: row.validity as Validity | null,
      validityNote: row.validity_note,
      validityChangedOn: row.validity_changed_on as LegalDate | null,
      changedAt,
    },
  };
}

const isTopic = (t: string | null): t is Topic => t !== null && t in TOPIC_LABELS;
const isGenre = (g: string | null): g is Genre => g !== null && g in GENRE_LABELS;

export const topicLabel = (t: Topic | null) => (t ? TOPIC_LABELS[t] : null);
export const genreLabel = (g: Genre | null) => (g ? GENRE_LABELS[g] : null);
export const validityLabel = (v: Validity | null) => (v ? VALIDITY_LABELS[v] : null);
