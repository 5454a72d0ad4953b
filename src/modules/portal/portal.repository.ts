/**
 * Public read queries of the portal. Only live items leave here: published at least once
 * (published_version set) and not withdrawn; drafts, items in review, scheduled and registered
 * (依申请公开/不予公开) items never do. Titles, dates and 文号 are those of the live version: a row
 * whose amendment is under way holds the unreviewed draft (see portal.ts).
 */
import { sql } from 'kysely';
import type { LegalDate } from '../../platform/legal-date.js';
import type { Db } from '../../platform/services.js';
import type { VersionSnapshot } from '../publications/history.js';
import {
  formatDocNo,
  GENRE_LABELS,
  type Genre,
  TOPIC_LABELS,
  type Topic,
  type Validity,
} from '../publications/vocabulary.js';
import { STATES } from '../publications/workflow.js';
import {
  type ItemLookup,
  type PublicLink,
  type PublicListItem,
  type PublicVersion,
  parseSnapshot,
  toItemLookup,
} from './portal.js';

/** Publications joined with their live version, live items only. */
function live(db: Db) {
  return db
    .selectFrom('publications as p')
    .innerJoin('publication_versions as v', (j) =>
      j.onRef('v.publication_id', '=', 'p.id').onRef('v.version', '=', 'p.published_version'),
    )
    .where('p.published_version', 'is not', null)
    .where('p.state', '<>', 'withdrawn');
}

export interface ListFilter {
  agencyId: string;
  /** Items filed (in their live version) in one of these columns; all columns when absent. */
  columnIds?: readonly string[];
  validities?: readonly Validity[];
  limit: number;
  offset: number;
}

/**
 * Ids of live items being amended whose *published* version is filed in one of `columnIds`: their
 * row's column_id is the draft's. Few rows (amendments under way), so the snapshot is read here.
 */
async function amendingIn(db: Db, agencyId: string, columnIds: readonly string[]): Promise<string[]> {
  const rows = await live(db)
    .select(['p.id', 'v.snapshot_json'])
    .where('p.agency_id', '=', agencyId)
    // An explicit list (not `<> 'published'`), so the (agency_id, state) index answers it.
    .where('p.state', 'in', AMENDING_STATES)
    .execute();
  return rows
    .filter((r) => columnIds.includes(parseSnapshot(r.snapshot_json).columnId ?? ''))
    .map((r) => r.id);
}

/** The live items matching the filter (select what you need from it). */
async function filtered(db: Db, f: Omit<ListFilter, 'limit' | 'offset'>) {
  const amending = f.columnIds ? await amendingIn(db, f.agencyId, f.columnIds) : [];
  let q = live(db).where('p.agency_id', '=', f.agencyId);
  if (f.columnIds) {
    const cols = f.columnIds.length ? [...f.columnIds] : ['-'];
    q = q.where((eb) => {
      const inColumn = eb.and([eb('p.state', '=', 'published'), eb('p.column_id', 'in', cols)]);
      return amending.length ? eb.or([inColumn, eb('p.id', 'in', amending)]) : inColumn;
    });
  }
  if (f.validities?.length) q = q.where('p.validity', 'in', [...f.validities]);
  return q;
}

export async function listLiveItems(
  db: Db,
  f: ListFilter,
): Promise<{ items: PublicListItem[]; total: number; changedAt: string | null }> {
  const q = await filtered(db, f);
  const stats = await q
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('p.updated_at').as('changed')])
    .executeTakeFirst();
  const rows = await q
    .select([
      'p.id',
      'p.state',
      'p.validity',
      'p.doc_no_prefix',
      'p.doc_no_year',
      'p.doc_no_number',
      'p.written_on',
      'v.title',
      'v.published_on',
      // Only rows under amendment need their snapshot (their row holds the draft's 文号).
      sql<string | null>`case when p.state = 'published' then null else v.snapshot_json end`.as('snapshot'),
    ])
    .orderBy('v.published_on', 'desc')
    .orderBy('v.published_at', 'desc')
    .orderBy('p.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const items = rows.map((r): PublicListItem => {
    const s = r.snapshot ? parseSnapshot(r.snapshot) : null;
    return {
      id: r.id,
      title: r.title,
      docNo: s ? s.docNo : formatDocNo(r.doc_no_prefix, numOrNull(r.doc_no_year), numOrNull(r.doc_no_number)),
      writtenOn: (s ? s.writtenOn : r.written_on) as LegalDate | null,
      publishedOn: r.published_on as LegalDate,
      validity: r.validity as Validity | null,
    };
  });
  return { items, total: Number(stats?.n ?? 0), changedAt: (stats?.changed as string | null) ?? null };
}

const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));

/** One item of the agency as the public may see it: live, withdrawn (410) or missing (404). */
export async function findPublicItem(db: Db, agencyId: string, id: string): Promise<ItemLookup> {
  const row = await db
    .selectFrom('publications as p')
    .innerJoin('publication_versions as v', (j) =>
      j.onRef('v.publication_id', '=', 'p.id').onRef('v.version', '=', 'p.published_version'),
    )
    .selectAll('p')
    .select([
      'v.snapshot_json as v_snapshot_json',
      'v.published_on as v_published_on',
      'v.published_at as v_published_at',
    ])
    .where('p.id', '=', id)
    .where('p.agency_id', '=', agencyId)
    .where('p.state', '<>', 'registered')
    .executeTakeFirst();
  return toItemLookup(row);
}

/** The published versions of an item, oldest first (the public history of amendments). */
export async function listPublicVersions(db: Db, id: string): Promise<PublicVersion[]> {
  const rows = await db
    .selectFrom('publication_versions')
    .select(['version', 'formed_on', 'published_on'])
    .where('publication_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    formedOn: r.formed_on as LegalDate | null,
    publishedOn: r.published_on as LegalDate,
  }));
}

/**
 * 政策解读 links in one direction, live counterparts only, with their published titles:
 * `of: 'policy'` gives the interpretations of a policy, `of: 'interpretation'` the policies it explains.
 */
export async function liveLinks(
  db: Db,
  id: string,
  of: 'policy' | 'interpretation',
): Promise<{ links: PublicLink[]; changedAt: string | null }> {
  const [self, other] =
    of === 'policy'
      ? (['l.policy_id', 'l.interpretation_id'] as const)
      : (['l.interpretation_id', 'l.policy_id'] as const);
  const rows = await live(db)
    .innerJoin('publication_interpretation_links as l', other, 'p.id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select([
      'p.id',
      'p.agency_id',
      'p.column_id',
      'v.title',
      'v.published_on',
      'v.published_at',
      'a.code',
      'l.created_at',
      sql<string | null>`case when p.state = 'published' then null else v.snapshot_json end`.as('snapshot'),
    ])
    .where(self, '=', id)
    .orderBy('l.created_at')
    .orderBy('p.id')
    .execute();
  const changed = rows.flatMap((r) => [r.published_at, r.created_at]).sort();
  return {
    links: rows.map((r) => ({
      id: r.id,
      title: r.title,
      agencyId: r.agency_id,
      agencyCode: r.code,
      columnId: r.snapshot ? parseSnapshot(r.snapshot).columnId : r.column_id,
      publishedOn: r.published_on as LegalDate,
    })),
    changedAt: changed.at(-1) ?? null,
  };
}

/**
 * Whether any live item matches (e.g. whether the agency has 失效文件, asked on every page of its
 * section): stops at the first row instead of counting them all.
 */
export async function hasLiveItems(db: Db, f: Omit<ListFilter, 'limit' | 'offset'>): Promise<boolean> {
  const row = await (await filtered(db, f)).select('p.id').limit(1).executeTakeFirst();
  return row !== undefined;
}

// ── Entries for feeds, the sitemap and the open API (machine-readable output) ──
//
// These read the platform's whole set of live items, so they are built for size (200,000 items):
// published rows (state 'published': the row is the live version) are read through the indexes of
// migration 060 — newest first, or in id order for the sitemap — and never sorted or scanned in
// full; the few rows being amended (their row holds the draft) are read apart, with their live
// snapshot, and merged in code.

/** A live item as feeds and the open API list it: the live version's metadata, never the body. */
export interface PublicEntry {
  id: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  /** The live version's column. */
  columnId: string | null;
  title: string;
  summary: string;
  docNo: string | null;
  indexNo: string | null;
  publisherName: string;
  topic: Topic | null;
  genre: Genre | null;
  validity: Validity | null;
  writtenOn: LegalDate | null;
  publishedOn: LegalDate;
  publishedAt: string;
  /** Latest change of what the public sees (as the item page's Last-Modified). */
  changedAt: string;
}

export interface EntryFilter {
  /** Null: every agency. */
  agencyIds: readonly string[] | null;
  /** Live version filed in one of these columns; null: any column the public sees. */
  columnIds: readonly string[] | null;
  /** Nodes the public does not see (hiddenNodeIds): their items never leave. */
  hiddenColumnIds: readonly string[];
  topics?: readonly Topic[];
  genres?: readonly Genre[];
  validities?: readonly Validity[];
  /** 发布日期 and 成文日期 ranges, inclusive. */
  publishedFrom?: LegalDate | null;
  publishedTo?: LegalDate | null;
  writtenFrom?: LegalDate | null;
  writtenTo?: LegalDate | null;
  /** Items whose row changed at or after this instant (ISO). */
  changedSince?: string | null;
}

/** Position in the lists' order (发布日期 newest first, then publication instant, then id). */
export interface EntryCursor {
  publishedOn: string;
  publishedAt: string;
  id: string;
}

/** States of a live item whose amendment is under way: published once, its row now a draft. */
const AMENDING_STATES = STATES.filter((s) => s !== 'published' && s !== 'withdrawn' && s !== 'registered');

/**
 * Ids of the catalogue nodes the public does not see: retired ones and everything below them
 * (on every agency: node ids are unique). Few rows; one recursive query on both engines.
 */
export async function hiddenNodeIds(db: Db): Promise<string[]> {
  const rows = await db
    .withRecursive('hidden(id)', (qb) =>
      qb
        .selectFrom('catalog_nodes')
        .select('id')
        .where('status', '=', 'retired')
        .union((qb2) =>
          qb2.selectFrom('catalog_nodes as c').innerJoin('hidden as h', 'h.id', 'c.parent_id').select('c.id'),
        ),
    )
    .selectFrom('hidden')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

const some = (list: readonly string[]) => (list.length ? [...list] : ['-']);
const inRange = (v: string | null, from?: string | null, to?: string | null) =>
  (!from || (v !== null && v >= from)) && (!to || (v !== null && v <= to));

/** The lists' order: 发布日期 and instant newest first, then id. */
export function compareEntries(a: EntryCursor, b: EntryCursor): number {
  if (a.publishedOn !== b.publishedOn) return a.publishedOn < b.publishedOn ? 1 : -1;
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Published rows matching the filter (the row is the live version). */
function publishedRows(db: Db, f: EntryFilter) {
  let q = db.selectFrom('publications as p').where('p.state', '=', 'published');
  if (f.agencyIds) q = q.where('p.agency_id', 'in', some(f.agencyIds));
  if (f.columnIds) q = q.where('p.column_id', 'in', some(f.columnIds));
  if (f.hiddenColumnIds.length)
    q = q.where((eb) =>
      eb.or([eb('p.column_id', 'is', null), eb('p.column_id', 'not in', [...f.hiddenColumnIds])]),
    );
  if (f.topics?.length) q = q.where('p.topic', 'in', [...f.topics]);
  if (f.genres?.length) q = q.where('p.genre', 'in', [...f.genres]);
  if (f.validities?.length) q = q.where('p.validity', 'in', [...f.validities]);
  if (f.publishedFrom) q = q.where('p.published_on', '>=', f.publishedFrom);
  if (f.publishedTo) q = q.where('p.published_on', '<=', f.publishedTo);
  if (f.writtenFrom) q = q.where('p.written_on', '>=', f.writtenFrom);
  if (f.writtenTo) q = q.where('p.written_on', '<=', f.writtenTo);
  if (f.changedSince) q = q.where('p.updated_at', '>=', f.changedSince);
  return q;
}

const ENTRY_COLUMNS = [
  'p.id',
  'p.agency_id',
  'a.code',
  'a.name as agency_name',
  'p.column_id',
  'p.summary',
  'p.index_no',
  'p.publisher_name',
  'p.topic',
  'p.genre',
  'p.validity',
  'p.validity_changed_on',
  'p.doc_no_prefix',
  'p.doc_no_year',
  'p.doc_no_number',
  'p.written_on',
  'p.updated_at',
  'v.title',
  'v.published_on',
  'v.published_at',
] as const;

type EntryRow = {
  id: string;
  agency_id: string;
  code: string;
  agency_name: string;
  column_id: string | null;
  summary: string;
  index_no: string | null;
  publisher_name: string;
  topic: string | null;
  genre: string | null;
  validity: string | null;
  validity_changed_on: string | null;
  doc_no_prefix: string | null;
  doc_no_year: number | string | null;
  doc_no_number: number | string | null;
  written_on: string | null;
  updated_at: string;
  title: string;
  published_on: string;
  published_at: string;
};

/** Row (+ the live snapshot for a row being amended) → entry. */
function toEntry(r: EntryRow, s: VersionSnapshot | null): PublicEntry {
  const topic = s ? s.topic : r.topic;
  const genre = s ? s.genre : r.genre;
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyCode: r.code,
    agencyName: r.agency_name,
    columnId: s ? s.columnId : r.column_id,
    title: r.title,
    summary: s ? s.summary : r.summary,
    docNo: s ? s.docNo : formatDocNo(r.doc_no_prefix, numOrNull(r.doc_no_year), numOrNull(r.doc_no_number)),
    indexNo: (s ? s.indexNo : null) ?? r.index_no,
    publisherName: s ? s.publisherName : r.publisher_name,
    topic: topic && topic in TOPIC_LABELS ? (topic as Topic) : null,
    genre: genre && genre in GENRE_LABELS ? (genre as Genre) : null,
    validity: r.validity as Validity | null,
    writtenOn: (s ? s.writtenOn : r.written_on) as LegalDate | null,
    publishedOn: r.published_on as LegalDate,
    publishedAt: r.published_at,
    changedAt: [r.published_at, r.validity_changed_on ?? '', r.updated_at].sort().at(-1)!,
  };
}

/** Live items being amended that match the filter, as their live version (few rows). */
async function amendingEntries(db: Db, f: EntryFilter): Promise<PublicEntry[]> {
  let q = live(db).innerJoin('agencies as a', 'a.id', 'p.agency_id').where('p.state', 'in', AMENDING_STATES);
  if (f.agencyIds) q = q.where('p.agency_id', 'in', some(f.agencyIds));
  if (f.validities?.length) q = q.where('p.validity', 'in', [...f.validities]);
  if (f.publishedFrom) q = q.where('v.published_on', '>=', f.publishedFrom);
  if (f.publishedTo) q = q.where('v.published_on', '<=', f.publishedTo);
  if (f.changedSince) q = q.where('p.updated_at', '>=', f.changedSince);
  const rows = await q.select([...ENTRY_COLUMNS, 'v.snapshot_json']).execute();
  return rows
    .map((r) => toEntry(r, parseSnapshot(r.snapshot_json)))
    .filter(
      (e) =>
        (e.columnId === null || !f.hiddenColumnIds.includes(e.columnId)) &&
        (!f.columnIds || (e.columnId !== null && f.columnIds.includes(e.columnId))) &&
        (!f.topics?.length || (e.topic !== null && f.topics.includes(e.topic))) &&
        (!f.genres?.length || (e.genre !== null && f.genres.includes(e.genre))) &&
        inRange(e.writtenOn, f.writtenFrom, f.writtenTo),
    );
}

/**
 * A page of live items in the portal lists' order, after the cursor (keyset: no OFFSET).
 * `total` counts every match when asked for.
 */
export async function listLiveEntries(
  db: Db,
  f: EntryFilter,
  page: { limit: number; after?: EntryCursor | null; count?: boolean },
): Promise<{ entries: PublicEntry[]; total: number | null }> {
  const after = page.after ?? null;
  const amending = await amendingEntries(db, f);
  let q = publishedRows(db, f);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('p.published_on', '<', after.publishedOn),
        eb.and([
          eb('p.published_on', '=', after.publishedOn),
          eb.or([
            eb('p.published_at', '<', after.publishedAt),
            eb.and([eb('p.published_at', '=', after.publishedAt), eb('p.id', '>', after.id)]),
          ]),
        ]),
      ]),
    );
  const [rows, counted] = await Promise.all([
    q
      .innerJoin('publication_versions as v', (j) =>
        j.onRef('v.publication_id', '=', 'p.id').onRef('v.version', '=', 'p.published_version'),
      )
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select([...ENTRY_COLUMNS])
      .orderBy('p.published_on', 'desc')
      .orderBy('p.published_at', 'desc')
      .orderBy('p.id')
      .limit(page.limit)
      .execute(),
    page.count
      ? publishedRows(db, f)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      : null,
  ]);
  const merged = [
    ...rows.map((r) => toEntry(r, null)),
    ...amending.filter((e) => !after || compareEntries(after, e) < 0),
  ].sort(compareEntries);
  return {
    entries: merged.slice(0, page.limit),
    total: counted ? Number(counted.n) + amending.length : null,
  };
}

/** The agency code of a publication the public has seen (live or withdrawn), for lookups by id alone. */
export async function agencyCodeOfPublished(db: Db, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select('a.code')
    .where('p.id', '=', id)
    .where('p.published_version', 'is not', null)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** Every catalogue node of every agency, in sibling order (for the sitemap: one query, not one per agency). */
export function listAllNodes(db: Db) {
  return db
    .selectFrom('catalog_nodes')
    .selectAll()
    .orderBy('agency_id')
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('slug')
    .execute();
}

/** The latest publication instant of the published items filed in each column (sitemap lastmod). */
export async function latestPerColumn(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('publications')
    .select((eb) => ['column_id', eb.fn.max('published_at').as('latest')])
    .where('state', '=', 'published')
    .groupBy('column_id')
    .execute();
  return new Map(rows.filter((r) => r.column_id !== null).map((r) => [r.column_id!, String(r.latest)]));
}

/** One sitemap entry of an item. */
export interface ItemLocation {
  id: string;
  agencyCode: string;
  lastModified: string;
}

const latestOf = (publishedAt: string, validityChangedOn: string | null) =>
  [publishedAt, validityChangedOn ?? ''].sort().at(-1)!;

/** Published items the public sees, not their rows: the index holds every column read here. */
function publishedLocations(db: Db, hiddenColumnIds: readonly string[]) {
  let q = db.selectFrom('publications as p').where('p.state', '=', 'published');
  if (hiddenColumnIds.length)
    q = q.where((eb) =>
      eb.or([eb('p.column_id', 'is', null), eb('p.column_id', 'not in', [...hiddenColumnIds])]),
    );
  return q;
}

export async function countPublishedLocations(db: Db, hiddenColumnIds: readonly string[]): Promise<number> {
  const row = await publishedLocations(db, hiddenColumnIds)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Published items in id order from position `offset`, at most `count`, in batches of `batch`:
 * OFFSET places the first batch, then keyset (`id > last`) — read from publications_public_idx.
 */
export async function* publishedItemLocations(
  db: Db,
  hiddenColumnIds: readonly string[],
  offset: number,
  count: number,
  batch = 5000,
): AsyncGenerator<ItemLocation[]> {
  let left = count;
  let last: string | null = null;
  while (left > 0) {
    const size = Math.min(batch, left);
    let q = publishedLocations(db, hiddenColumnIds)
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select(['p.id', 'a.code', 'p.published_at', 'p.validity_changed_on'])
      .orderBy('p.id')
      .limit(size);
    q = last === null ? q.offset(offset) : q.where('p.id', '>', last);
    const rows = await q.execute();
    yield rows.map((r) => ({
      id: r.id,
      agencyCode: r.code,
      lastModified: latestOf(r.published_at ?? '', r.validity_changed_on),
    }));
    left -= rows.length;
    if (rows.length < size) return;
    last = rows.at(-1)!.id;
  }
}

/** Items being amended, in the column of their live version, if the public sees it (few rows). */
export async function amendingItemLocations(
  db: Db,
  hiddenColumnIds: readonly string[],
): Promise<ItemLocation[]> {
  const rows = await live(db)
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .where('p.state', 'in', AMENDING_STATES)
    .select(['p.id', 'a.code', 'v.published_at', 'p.validity_changed_on', 'v.snapshot_json'])
    .orderBy('p.id')
    .execute();
  return rows
    .filter((r) => {
      const col = parseSnapshot(r.snapshot_json).columnId;
      return col === null || !hiddenColumnIds.includes(col);
    })
    .map((r) => ({
      id: r.id,
      agencyCode: r.code,
      lastModified: latestOf(r.published_at, r.validity_changed_on),
    }));
}
