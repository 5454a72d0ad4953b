/**
 * Public read queries of the portal. Only live items leave here: published at least once
 * (published_version set) and not withdrawn; drafts, items in review, scheduled and registered
 * (依申请公开/不予公开) items never do. Titles, dates and 文号 are those of the live version: a row
 * whose amendment is under way holds the unreviewed draft (see portal.ts).
 */
import { sql } from 'kysely';
import type { LegalDate } from '../../platform/legal-date.js';
import type { Db } from '../../platform/services.js';
import { formatDocNo, type Validity } from '../publications/vocabulary.js';
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
    .where('p.state', '<>', 'published')
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

/** How many live items match (e.g. whether the agency has any 失效文件). */
export async function countLiveItems(db: Db, f: Omit<ListFilter, 'limit' | 'offset'>): Promise<number> {
  const row = await (await filtered(db, f)).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
