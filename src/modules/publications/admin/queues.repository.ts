/**
 * SQL of the back-office queues: each queue of one agency with the page's filters (栏目, 状态, 体裁, 标题,
 * 日期范围) and paging, and the drafts an agency admin may hand over. The personal queues follow the
 * core's definitions (queries.repository.ts myDrafts, awaitingMyReview), which take no filters.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Db } from '../../../platform/services.js';
import type { Principal } from '../../accounts/accounts.js';
import type { PublicationTable } from '../publications.table.js';
import { applyFilter as applyPublicationFilter, type Paging } from '../queries.repository.js';
import { type PublicationState, STEP_ROLES, WORKFLOW_STEPS } from '../workflow.js';

export const QUEUES = ['drafts', 'review', 'scheduled', 'published', 'withdrawn', 'register', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

export interface QueueFilter {
  columnId?: string | undefined;
  /** Only in the 'all' queue: the other queues fix the state. */
  state?: PublicationState | undefined;
  genre?: string | undefined;
  text?: string | undefined;
  dateField?: 'updatedAt' | 'publishedOn' | 'formedOn' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

type Q = SelectQueryBuilder<Database, 'publications', object>;

/** The review steps whose role the person holds. */
export function reviewStates(p: Principal): PublicationState[] {
  return WORKFLOW_STEPS.filter((s) => p.roles.has(STEP_ROLES[s]));
}

function forQueue(q: Q, p: Principal, queue: Queue): Q {
  const me = p.userId;
  switch (queue) {
    case 'drafts':
      return q
        .where('state', '=', 'draft')
        .where((eb) => eb.or([eb('created_by', '=', me), eb('updated_by', '=', me)]));
    case 'review': {
      const states = reviewStates(p);
      const notMine = (c: 'created_by' | 'updated_by' | 'submitted_by') =>
        sql<boolean>`(${sql.ref(c)} is null or ${sql.ref(c)} <> ${me})`;
      return q
        .where('state', 'in', states.length ? states : ['-'])
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
                .where('e.actor_id', '=', me)
                .where('e.action', 'in', ['approve', 'publish', 'schedule', 'register']),
            ),
          ),
        );
    }
    case 'register':
      return q.where('state', '=', 'registered');
    case 'all':
      return q;
    default:
      return q.where('state', '=', queue);
  }
}

function applyFilter(q: Q, f: QueueFilter): Q {
  return applyPublicationFilter(q, {
    agencyIds: 'all', // the queue itself has already fixed the agency
    states: f.state ? [f.state] : undefined,
    columnId: f.columnId,
    genre: f.genre,
    text: f.text,
    dateField: f.dateField,
    from: f.from,
    to: f.to,
  });
}

/** One page of a queue of `agencyId` as `p` sees it. The personal queues only exist in p's own agency. */
export async function queuePage(
  db: Db,
  p: Principal,
  agencyId: string,
  queue: Queue,
  filter: QueueFilter,
  paging: Paging,
): Promise<{ rows: PublicationTable[]; total: number }> {
  const personal = queue === 'drafts' || queue === 'review';
  if (personal && p.agencyId !== agencyId) return { rows: [], total: 0 };
  const q = applyFilter(forQueue(db.selectFrom('publications').where('agency_id', '=', agencyId), p, queue), {
    ...filter,
    state: queue === 'all' ? filter.state : undefined,
  });
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  let ordered = q.selectAll();
  // Work waiting longest comes first; scheduled items by their time; lists by their last change.
  if (queue === 'review') ordered = ordered.orderBy('updated_at', 'asc');
  else if (queue === 'scheduled') ordered = ordered.orderBy('scheduled_at', 'asc');
  else if (queue === 'register') ordered = ordered.orderBy('next_review_on', 'asc');
  else ordered = ordered.orderBy('updated_at', 'desc');
  const rows = await ordered.orderBy('id').limit(paging.limit).offset(paging.offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** How many items a personal queue holds, without filters (for the tab labels). */
export async function queueCount(db: Db, p: Principal, agencyId: string, queue: Queue): Promise<number> {
  if ((queue === 'drafts' || queue === 'review') && p.agencyId !== agencyId) return 0;
  const q = forQueue(db.selectFrom('publications').where('agency_id', '=', agencyId), p, queue);
  const row = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The drafts of an agency with who wrote and who last changed them (for 转交草稿). */
export function agencyDrafts(db: Db, agencyId: string) {
  return db
    .selectFrom('publications')
    .select(['id', 'title', 'round', 'version', 'created_by', 'updated_by'])
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'draft')
    .orderBy('updated_at')
    .orderBy('id')
    .execute();
}

/** A person's drafts in an agency: written or last changed by them (as 我的草稿 counts them). */
export function draftsOf(db: Db, agencyId: string, userId: string) {
  return db
    .selectFrom('publications')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'draft')
    .where((eb) => eb.or([eb('created_by', '=', userId), eb('updated_by', '=', userId)]))
    .orderBy('updated_at')
    .orderBy('id')
    .execute();
}
