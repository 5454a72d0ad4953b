/**
 * Keeping the index equal to what the portal shows. `reindexPublication` reads the item as the
 * portal does (portal.ts toItemLookup: the live version's snapshot; 有效性 from the row) and
 * writes or removes its index row; every command that changes what the public sees calls it inside
 * its own transaction. Retiring or restoring a column only flips `visible` (`refreshSearchVisibility`).
 * `rebuildSearchIndex` redoes everything (or one agency) in batches.
 */
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { LegalDate } from '../../platform/legal-date.js';
import type { Db } from '../../platform/services.js';
import { flattenTree } from '../catalog/catalog.js';
import { publicTree } from '../catalog/catalog.repository.js';
import { type PublicItem, toItemLookup } from '../portal/portal.js';
import { htmlToText } from '../publications/body.js';
import { dialectOf } from './dialect.js';
import { docNoParts } from './doc-no.js';
import { baseSortKey, facetToken } from './keys.js';
import type { SearchItemTable, SearchTextTable } from './search.table.js';
import { documentTokens } from './segment.js';

/** Body and attachment text kept for snippets (characters); the tokens cover more (INDEXED_MAX_CHARS). */
export const CONTENT_MAX_CHARS = 50_000;
/** Text of one item segmented into tokens (characters): bounds the time one huge attachment takes. */
export const INDEXED_MAX_CHARS = 500_000;
/** Items per transaction in a rebuild. */
export const REBUILD_BATCH = 200;

/** What one item contributes to the index (pure, see indexDocument). */
export interface IndexDocument {
  row: Omit<SearchItemTable, 'sort_key' | 'indexed_at'>;
  text: Omit<SearchTextTable, 'sort_key'>;
  titleTokens: string[];
  fullTokens: string[];
  facets: string[];
}

/** The index row and tokens of a live item; `attachmentTexts` in the snapshot's order. */
export function indexDocument(
  item: PublicItem,
  attachmentTexts: { fileName: string; text: string }[],
  visible: boolean,
): IndexDocument {
  const body = htmlToText(item.bodyHtml);
  const keywords = item.keywords.join('、');
  const attachments = attachmentTexts.map((a) => a.text.trim()).filter(Boolean);
  const parts = [
    item.title,
    item.docNo ?? '',
    item.summary,
    ...item.keywords,
    item.publisherName,
    item.indexNo ?? '',
    body,
    ...attachmentTexts.map((a) => a.fileName),
    ...attachments,
  ];
  const fullTokens: string[] = [];
  let budget = INDEXED_MAX_CHARS;
  for (const part of parts) {
    if (budget <= 0) break;
    const text = part.length > budget ? part.slice(0, budget) : part;
    budget -= text.length;
    fullTokens.push(...documentTokens(text));
  }
  const doc = docNoParts(item.docNo);
  const facets = [
    facetToken('agency', item.agencyId),
    ...(item.columnId ? [facetToken('column', item.columnId)] : []),
    ...(item.topic ? [facetToken('topic', item.topic)] : []),
    ...(item.genre ? [facetToken('genre', item.genre)] : []),
    ...(item.validity ? [facetToken('validity', item.validity)] : []),
    ...(item.writtenOn ? [facetToken('writtenYear', item.writtenOn.slice(0, 4))] : []),
    ...(doc ? [facetToken('docNoPrefix', doc.prefix), facetToken('docNoYear', String(doc.year))] : []),
  ];
  return {
    row: {
      publication_id: item.id,
      agency_id: item.agencyId,
      column_id: item.columnId,
      visible: visible ? 1 : 0,
      version: item.version,
      title: item.title,
      doc_no: item.docNo,
      doc_no_prefix: doc?.prefix ?? null,
      doc_no_year: doc?.year ?? null,
      doc_no_seq: doc?.seq ?? null,
      index_no: item.indexNo,
      publisher_name: item.publisherName,
      topic: item.topic,
      genre: item.genre,
      validity: item.validity,
      written_on: item.writtenOn,
      published_on: item.publishedOn,
      published_at: item.publishedAt,
    },
    text: {
      summary: item.summary,
      keywords,
      content: [body, ...attachments].join('\n\n').slice(0, CONTENT_MAX_CHARS),
    },
    titleTokens: [...new Set(documentTokens(item.title))],
    fullTokens: [...new Set(fullTokens)],
    facets,
  };
}

/** Brings the index row of one publication in line with what the portal shows (call in the command's transaction). */
export async function reindexPublication(trx: Db, publicationId: string): Promise<void> {
  await reindexMany(trx, [publicationId], new Map(), new Date().toISOString());
}

/** Ids of the nodes the public sees, per agency (cached for the duration of one call). */
type Visibility = Map<string, Set<string>>;

async function visibleIds(db: Db, agencyId: string, cache: Visibility): Promise<Set<string>> {
  let ids = cache.get(agencyId);
  if (!ids) {
    ids = new Set(flattenTree(await publicTree(db, agencyId)).map((t) => t.node.id));
    cache.set(agencyId, ids);
  }
  return ids;
}

async function reindexMany(db: Db, ids: string[], visibility: Visibility, now: string): Promise<number> {
  if (ids.length === 0) return 0;
  const dialect = dialectOf(db);
  const rows = await db
    .selectFrom('publications as p')
    .leftJoin('publication_versions as v', (j) =>
      j.onRef('v.publication_id', '=', 'p.id').onRef('v.version', '=', 'p.published_version'),
    )
    .selectAll('p')
    .select([
      'v.snapshot_json as v_snapshot_json',
      'v.published_on as v_published_on',
      'v.published_at as v_published_at',
    ])
    .where('p.id', 'in', ids)
    .execute();
  const existing = new Map(
    (
      await db
        .selectFrom('search_items')
        .select(['publication_id', 'sort_key', 'published_on', 'published_at'])
        .where('publication_id', 'in', ids)
        .execute()
    ).map((r) => [r.publication_id, { ...r, sort_key: Number(r.sort_key) }]),
  );
  const live = new Map<string, PublicItem>();
  for (const r of rows) {
    if (r.v_snapshot_json === null || r.state === 'registered') continue;
    const found = toItemLookup(
      r as typeof r & { v_snapshot_json: string; v_published_on: string; v_published_at: string },
    );
    if (found.kind === 'live') live.set(r.id, found.item);
  }
  const texts = await attachmentTexts(db, [...live.values()]);
  let indexed = 0;
  for (const id of ids) {
    const old = existing.get(id);
    const item = live.get(id);
    if (!item) {
      if (old) await deleteRow(db, dialect, old.sort_key);
      continue;
    }
    const visible =
      item.columnId === null || (await visibleIds(db, item.agencyId, visibility)).has(item.columnId);
    const doc = indexDocument(
      item,
      item.attachments.map((a) => ({
        fileName: a.fileName,
        text: texts.get(a.id) ?? texts.get(a.sha256) ?? '',
      })),
      visible,
    );
    let key: number;
    if (old && old.published_on === item.publishedOn && old.published_at === item.publishedAt)
      key = old.sort_key;
    else key = await freeKey(db, baseSortKey(item.publishedOn as LegalDate, item.publishedAt, id), id);
    if (old) await deleteRow(db, dialect, old.sort_key);
    await insertRow(db, dialect, { ...doc.row, sort_key: key, indexed_at: now }, doc);
    indexed++;
  }
  return indexed;
}

/**
 * Extracted text of the attachments the live versions list, by attachment id — and by content hash
 * for an attachment whose row an amendment under way has deleted (the same bytes give the same text).
 */
async function attachmentTexts(db: Db, items: PublicItem[]): Promise<Map<string, string>> {
  const wanted = items.flatMap((i) => i.attachments);
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const rows = await db
    .selectFrom('publication_attachments')
    .select(['id', 'sha256', 'text'])
    .where(
      'id',
      'in',
      wanted.map((a) => a.id),
    )
    .execute();
  for (const r of rows) out.set(r.id, r.text);
  const missing = [...new Set(wanted.filter((a) => !out.has(a.id)).map((a) => a.sha256))];
  if (missing.length) {
    const same = await db
      .selectFrom('publication_attachments')
      .select(['sha256', 'text'])
      .where('sha256', 'in', missing)
      .execute();
    for (const r of same) if (!out.has(r.sha256)) out.set(r.sha256, r.text);
  }
  return out;
}

/** The base key, or the next free one above it (another item took the same key: rare). */
async function freeKey(db: Db, base: number, id: string): Promise<number> {
  for (let key = base; ; key++) {
    const owner = await db
      .selectFrom('search_items')
      .select('publication_id')
      .where('sort_key', '=', key)
      .executeTakeFirst();
    if (!owner || owner.publication_id === id) return key;
  }
}

async function deleteRow(db: Db, dialect: string, key: number): Promise<void> {
  if (dialect === 'sqlite') await sql`delete from search_fts where rowid = ${key}`.execute(db);
  await db.deleteFrom('search_texts').where('sort_key', '=', key).execute();
  await db.deleteFrom('search_items').where('sort_key', '=', key).execute();
}

async function insertRow(db: Db, dialect: string, row: SearchItemTable, doc: IndexDocument): Promise<void> {
  // An upsert: a text row left behind by someone emptying search_items by hand must not block.
  await db
    .insertInto('search_texts')
    .values({ sort_key: row.sort_key, ...doc.text })
    .onConflict((oc) => oc.column('sort_key').doUpdateSet(doc.text))
    .execute();
  if (dialect === 'postgres') {
    await db
      .insertInto('search_items')
      .values({
        ...row,
        title_tsv: sql`array_to_tsvector(${doc.titleTokens}::text[])`,
        full_tsv: sql`array_to_tsvector(${doc.fullTokens}::text[])`,
      } as SearchItemTable)
      .execute();
    return;
  }
  await db.insertInto('search_items').values(row).execute();
  await sql`insert into search_fts (rowid, title, full, facets) values (${row.sort_key},
    ${doc.titleTokens.join(' ')}, ${doc.fullTokens.join(' ')}, ${doc.facets.join(' ')})`.execute(db);
}

/**
 * After a column of the agency was retired or restored: which index rows the public may see. Call
 * in the catalogue command's transaction.
 */
export async function refreshSearchVisibility(trx: Db, agencyId: string): Promise<void> {
  const ids = [...(await visibleIds(trx, agencyId, new Map()))];
  const shown = ids.length ? ids : ['-'];
  await trx
    .updateTable('search_items')
    .set({ visible: 1 })
    .where('agency_id', '=', agencyId)
    .where('visible', '=', 0)
    .where((eb) => eb.or([eb('column_id', 'is', null), eb('column_id', 'in', shown)]))
    .execute();
  await trx
    .updateTable('search_items')
    .set({ visible: 0 })
    .where('agency_id', '=', agencyId)
    .where('visible', '=', 1)
    .where('column_id', 'is not', null)
    .where('column_id', 'not in', shown)
    .execute();
}

export interface RebuildResult {
  /** Live items now in the index. */
  indexed: number;
  /** Publications looked at (live ones, and any the index still held). */
  examined: number;
  ms: number;
}

/**
 * Re-indexes every live item (or one agency's) in batches of REBUILD_BATCH, one transaction each,
 * and removes rows of items no longer live. Searches keep working meanwhile.
 */
export async function rebuildSearchIndex(
  db: Db,
  opts: { agencyId?: string | null; onBatch?: (done: number, total: number) => void } = {},
): Promise<RebuildResult> {
  const started = performance.now();
  let pubs = db.selectFrom('publications').select('id').where('published_version', 'is not', null);
  let held = db.selectFrom('search_items').select('publication_id as id');
  if (opts.agencyId) {
    pubs = pubs.where('agency_id', '=', opts.agencyId);
    held = held.where('agency_id', '=', opts.agencyId);
  }
  const ids = [...new Set([...(await pubs.execute()), ...(await held.execute())].map((r) => r.id))].sort();
  const indexed = await reindexPublications(db, ids, opts.onBatch);
  if (!opts.agencyId)
    await db
      .deleteFrom('search_texts')
      .where('sort_key', 'not in', db.selectFrom('search_items').select('sort_key'))
      .execute();
  if (dialectOf(db) === 'sqlite')
    await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
  return { indexed, examined: ids.length, ms: Math.round(performance.now() - started) };
}

/**
 * Brings the index rows of these publications in line with the portal, REBUILD_BATCH per
 * transaction (e.g. after writing many items outside the commands). Returns how many are live.
 */
export async function reindexPublications(
  db: Db,
  ids: readonly string[],
  onBatch?: (done: number, total: number) => void,
): Promise<number> {
  let indexed = 0;
  const visibility: Visibility = new Map();
  for (let i = 0; i < ids.length; i += REBUILD_BATCH) {
    const batch = ids.slice(i, i + REBUILD_BATCH);
    const now = new Date().toISOString();
    indexed += await inTransaction(db, (trx) => reindexMany(trx, batch, visibility, now));
    onBatch?.(Math.min(i + REBUILD_BATCH, ids.length), ids.length);
  }
  return indexed;
}

function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}
