/** Lists: an agency's publications with filters and paging, and the signed-in person's queues. */
import type { FastifyInstance } from 'fastify';
import { access } from '../../../platform/http/access.js';
import { parseLegalDate } from '../../../platform/legal-date.js';
import { toPublication } from '../publications.js';
import { presentSummary } from '../publications.presenter.js';
import { AgencyParams, ListQuery, PageSchema, QueueQuery } from '../publications.schemas.js';
import { awaitingMyReview, listPublications, myDrafts } from '../queries.repository.js';
import type { PublicationState } from '../workflow.js';
import { STATES } from '../workflow.js';
import { agencyParam, errors, tags } from './route-helpers.js';

const page = (rows: Parameters<typeof toPublication>[0][], total: number) => ({
  items: rows.map((r) => presentSummary(toPublication(r))),
  total,
});
const list = (v?: string) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
const legal = (v: string | undefined) => parseLegalDate(v) ?? undefined;

export async function listingRoutes(app: FastifyInstance) {
  const { services } = app;
  const read = { access: access.agency(agencyParam, 'read') };

  app.get(
    '/api/v1/agencies/:agencyId/publications',
    {
      config: read,
      schema: {
        tags,
        summary: '单位的信息列表（可按栏目、状态、体裁、标题、日期筛选）',
        params: AgencyParams,
        querystring: ListQuery,
        response: { 200: PageSchema, ...errors },
      },
    },
    async (req) => {
      const q = req.query as Record<string, string | number | undefined>;
      const states = list(q.state as string)?.filter((s): s is PublicationState =>
        (STATES as readonly string[]).includes(s),
      );
      const { rows, total } = await listPublications(services.db, {
        agencyIds: [agencyParam(req)],
        states,
        columnId: q.columnId as string | undefined,
        genre: q.genre as string | undefined,
        topic: q.topic as string | undefined,
        validities: list(q.validity as string),
        text: (q.q as string | undefined)?.trim() || undefined,
        dateField: q.dateField as 'updatedAt' | undefined,
        from: legal(q.from as string),
        to: legal(q.to as string),
        limit: Number(q.limit ?? 50),
        offset: Number(q.offset ?? 0),
      });
      return page(rows, total);
    },
  );

  app.get(
    '/api/v1/my/publications',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: '我的队列：草稿、待我审核、定时发布、已发布、已撤回（本单位）',
        querystring: QueueQuery,
        response: { 200: PageSchema, ...errors },
      },
    },
    async (req) => {
      const p = req.principal!;
      const q = req.query as { queue?: string; limit?: number; offset?: number };
      const paging = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
      const queue = q.queue ?? 'drafts';
      const result =
        queue === 'drafts'
          ? await myDrafts(services.db, p, paging)
          : queue === 'review'
            ? await awaitingMyReview(services.db, p, paging)
            : await listPublications(services.db, {
                agencyIds: p.agencyId ? [p.agencyId] : [],
                states: [queue as PublicationState],
                ...paging,
              });
      return page(result.rows, result.total);
    },
  );
}
