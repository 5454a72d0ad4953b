/**
 * 批量审核通过 (POST /admin/publications/bulk-approve): the reviewer approves several items of the
 * 待我审核 queue at once. Each goes through the same command as on its own page, in its own
 * transaction: the ones that can pass do, each refused one is reported with its reasons. Not
 * all-or-nothing, and the result page says so.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { sendPage } from '../../../platform/views/render.js';
import type { Role } from '../../accounts/accounts.js';
import { readableAgencies } from '../../accounts/accounts.policy.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { approvePublication } from '../commands/approve-step.js';
import { findPublications } from '../publications.repository.js';
import { STATE_LABELS } from '../workflow.js';
import { agencyRef, body, formValues, queryOrOwnAgency } from './admin-helpers.js';
import { showQueues } from './queues.routes.js';
import { type BulkItem, BulkResultPage } from './views/bulk.views.js';

const REVIEWERS: Role[] = ['firstReviewer', 'secrecyReviewer', 'signer'];
export const BULK_MAX = 100;

function readIds(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw];
  return [
    ...new Set(list.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64)),
  ];
}

export async function bulkAdminRoutes(app: FastifyInstance) {
  app.post(
    '/admin/publications/bulk-approve',
    { config: { access: access.agency(queryOrOwnAgency, REVIEWERS) }, schema: { hide: true } },
    async (req, reply) => {
      const b = body(req);
      const ids = readIds(b.ids);
      const problem =
        ids.length === 0
          ? '请至少选择一条信息'
          : ids.length > BULK_MAX
            ? `一次最多选择${BULK_MAX}条信息`
            : null;
      if (problem)
        return showQueues(req, reply, {
          form: 'bulk',
          values: formValues(b),
          error: AppError.validation([{ field: 'ids', message: problem }]),
        });
      const ctx = commandContext(req);
      const comment = typeof b.comment === 'string' ? b.comment : '';
      const scope = await readableAgencies(app.services.db, ctx.principal);
      const known = new Map(
        (await findPublications(app.services.db, ids))
          .filter((r) => scope === 'all' || scope.includes(r.agency_id))
          .map((r) => [r.id, r.title]),
      );
      const items: BulkItem[] = [];
      for (const id of ids) {
        const title = known.get(id) || (known.has(id) ? '（未填写标题）' : '（无法查看的信息）');
        try {
          const pub = await approvePublication(ctx, id, { comment });
          items.push({ id, title, linked: true, ok: true, outcome: [STATE_LABELS[pub.state]] });
        } catch (err) {
          const e = toAppError(err);
          if (e.status >= 500) req.log.error({ err }, 'bulk approval failed for one item');
          const reasons =
            e.code === 'refused' && e.fields.length > 0 ? e.fields.map((f) => f.message) : [e.message];
          items.push({ id, title, linked: known.has(id), ok: false, outcome: reasons });
        }
      }
      const agency = await agencyRef(req, (await queryOrOwnAgency(req))!);
      return sendPage(req, reply, { title: '批量审核结果', area: 'admin' }, () => (
        <BulkResultPage agency={agency} items={items} />
      ));
    },
  );
}
