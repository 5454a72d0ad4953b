/**
 * Read queries over publications: the filtered list behind every queue, the role queues, the
 * scheduled items that are due. The caller passes the agencies in the reader's scope.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Db } from '../../platform/services.js';
import type { Principal } from '../accounts/accounts.js';
import type { PublicationTable } from './publications.table.js';
import { type PublicationState, STEP_ROLES, WORKFLOW_STEPS } from './workflow.js';

export interface Paging {
  limit: number;
  offset: number;
}

export interface PublicationFilter extends Paging {
  agencyIds: string[] | 'all';
  states?: readonly PublicationState[];
  columnId?: string;
  genre?: string;
  topic?: string;
  validities?: readonly string[];
  /** Part of the title. */
  text?: string;
  /** Which date `from`/`to` (YYYY-MM-DD, both inclusive) apply to; updatedAt is read in Beijing time. */
  dateField?: 'updatedAt' | 'publishedOn' | 'formedOn';
  from?: string;
  to?: string;
  createdBy?: string;
}

type Q = SelectQueryBuilder<Database, 'publications', object>;

export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** Beijing midnight of a legal date, as the ISO instant stored text compares with. */
const beijingStart = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
const dayAfter = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The list filters, shared by the API's lists and the back-office queues. */
export function applyFilter(q: Q, f: Omit<PublicationFilter, keyof Paging>): Q {
  if (f.agencyIds !== 'all') q = q.where('agency_id', 'in', f.agencyIds.length ? f.agencyIds : ['-']);
  if (f.states?.length) q = q.where('state', 'in', [...f.states]);
  if (f.columnId) q = q.where('column_id', '=', f.columnId);
  if (f.genre) q = q.where('genre', '=', f.genre);
  if (f.topic) q = q.where('topic', '=', f.topic);
  if (f.validities?.length) q = q.where('validity', 'in', [...f.validities]);
  if (f.createdBy) q = q.where('created_by', '=', f.createdBy);
  if (f.text) q = q.where(sql<boolean>`title like ${likePattern(f.text)} escape '\\'`);
  const field = f.dateField ?? 'updatedAt';
  if (field === 'updatedAt') {
    if (f.from) q = q.where('updated_at', '>=', beijingStart(f.from));
    if (f.to) q = q.where('updated_at', '<', beijingStart(dayAfter(f.to)));
  } else {
    const column = field === 'publishedOn' ? 'published_on' : 'formed_on';
    if (f.from) q = q.where(column, '>=', f.from);
    if (f.to) q = q.where(column, '<=', f.to);
  }
  return q;
}

export async function listPublications(
  db: Db,
  f: PublicationFilter,
): Promise<{ rows: PublicationTable[]; total: number }> {
  return page(applyFilter(db.selectFrom('publications'), f), f, 'desc');
}

/** 我的草稿: drafts (and amendments in draft) the person created or last changed. */
export async function myDrafts(db: Db, p: Principal, paging: Paging) {
  if (!p.agencyId) return { rows: [], total: 0 };
  const q = db
    .selectFrom('publications')
    .where('agency_id', '=', p.agencyId)
    .where('state', '=', 'draft')
    .where((eb) => eb.or([eb('created_by', '=', p.userId), eb('updated_by', '=', p.userId)]));
  return page(q, paging, 'desc');
}

async function page(q: Q, paging: Paging, order: 'asc' | 'desc') {
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll()
    .orderBy('updated_at', order)
    .orderBy('id')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/**
 * 待我审核: items of the person's agency at a step whose role they hold, leaving out their own work
 * and items where they already approved another step of the round (one person, one step).
 */
export async function awaitingMyReview(db: Db, p: Principal, paging: Paging) {
  const states = WORKFLOW_STEPS.filter((s) => p.roles.has(STEP_ROLES[s]));
  if (!p.agencyId || states.length === 0) return { rows: [], total: 0 };
  const notMine = (c: 'created_by' | 'updated_by' | 'submitted_by') =>
    sql<boolean>`(${sql.ref(c)} is null or ${sql.ref(c)} <> ${p.userId})`;
  const q = db
    .selectFrom('publications')
    .where('agency_id', '=', p.agencyId)
    .where('state', 'in', states)
    .where(notMine('created_by'))
    .where(notMine('updated_by'))
    .where(notMine('submitted_by'))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('publication_events as e')
            .select('e.id')
            .whereRef('e.publication_id', '=', 'publications.id')
            .whereRef('e.round', '=', 'publications.round')
            .whereRef('e.from_state', '<>', 'publications.state')
            .where('e.actor_id', '=', p.userId)
            .where('e.action', 'in', ['approve', 'publish', 'schedule', 'register']),
        ),
      ),
    );
  return page(q, paging, 'asc');
}

/** Scheduled items whose time has come, oldest first. */
export function dueScheduled(db: Db, nowIso: string) {
  return db
    .selectFrom('publications')
    .selectAll()
    .where('state', '=', 'scheduled')
    .where('scheduled_at', '<=', nowIso)
    .orderBy('scheduled_at')
    .execute();
}
