/**
 * The detail page of a publication (GET /admin/publications/:publicationId), its preview, and every
 * action posted from it: workflow transitions, masking, overrides, validity, 政策解读 links. Thin: parse,
 * call one command, redirect (303); a failed submission re-renders the page with the typed values and
 * the errors (400) or the policy's reasons (422).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../../../platform/http/access.js';
import { sendPage } from '../../../platform/views/render.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { findNode } from '../../catalog/catalog.repository.js';
import { listAttachmentRows } from '../attachments.repository.js';
import { linkInterpretation } from '../commands/link-interpretation.js';
import { loadPublication } from '../commands/load.js';
import { overrideFinding } from '../commands/override-finding.js';
import { unlinkInterpretation } from '../commands/unlink-interpretation.js';
import { interpretationsOf, policiesOf } from '../interpretation.repository.js';
import { toAttachment, toPublication } from '../publications.js';
import { publicationAgency, publicationId } from '../routes/route-helpers.js';
import { PAGE_ACTIONS } from './actions.js';
import {
  attempt,
  body,
  doneMessage,
  type Failed,
  findingSlug,
  formValues,
  prefixFields,
  type Req,
  unprefix,
} from './admin-helpers.js';
import { loadDetailView } from './detail-page.js';
import { DetailPage } from './views/detail.views.js';
import { PreviewPage } from './views/preview.views.js';

export async function showDetail(req: Req, reply: FastifyReply, f?: Failed) {
  const ctx = commandContext(req);
  const pub = await loadPublication(ctx, publicationId(req));
  const view = await loadDetailView(ctx.services, ctx.principal, pub);
  return sendPage(
    req,
    reply,
    { title: pub.title || '主动公开信息', area: 'admin', status: f?.error.status },
    (c) => (
      <DetailPage
        csrf={c.csrf}
        view={view}
        message={f ? undefined : doneMessage(req)}
        error={f?.error}
        values={f?.values ?? {}}
      />
    ),
  );
}

const detailUrl = (id: string, done: string, anchor = '') =>
  `/admin/publications/${id}?done=${done}${anchor}`;

export async function detailAdminRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const read = { config: { access: access.agency(publicationAgency, 'read') }, schema: hide };
  const acting = (roles: Parameters<typeof access.agency>[1]) => ({
    config: { access: access.agency(publicationAgency, roles) },
    schema: hide,
  });

  app.get('/admin/publications/:publicationId', read, async (req, reply) => showDetail(req, reply));

  app.get('/admin/publications/:publicationId/preview', read, async (req, reply) => {
    const ctx = commandContext(req);
    const pub = await loadPublication(ctx, publicationId(req));
    const [column, attachments, related] = await Promise.all([
      pub.columnId ? findNode(app.services.db, pub.columnId) : Promise.resolve(undefined),
      listAttachmentRows(app.services.db, pub.id),
      pub.genre === 'interpretation'
        ? policiesOf(app.services.db, pub.id)
        : interpretationsOf(app.services.db, pub.id),
    ]);
    return sendPage(req, reply, { title: `预览：${pub.title || '未填写标题'}`, area: 'admin' }, () => (
      <PreviewPage
        pub={pub}
        columnName={column?.name ?? null}
        attachments={attachments.map(toAttachment)}
        related={related.map(toPublication).filter((r) => r.state !== 'withdrawn')}
      />
    ));
  });

  for (const a of PAGE_ACTIONS) {
    app.post(`/admin/publications/:publicationId/${a.path}`, acting(a.roles), async (req, reply) => {
      const id = publicationId(req);
      const input = unprefix(body(req), a.path);
      const r = await attempt(() => a.run(commandContext(req), id, input));
      if (!r.ok)
        return showDetail(req, reply, {
          form: a.path,
          values: formValues(body(req)),
          error: prefixFields(r.error, a.path),
        });
      return reply.redirect(detailUrl(id, a.path), 303);
    });
  }

  app.post(
    '/admin/publications/:publicationId/override',
    acting(['editor', 'firstReviewer', 'secrecyReviewer', 'signer']),
    async (req, reply) => {
      const id = publicationId(req);
      const b = body(req);
      const key = typeof b.findingKey === 'string' ? b.findingKey : '';
      const prefix = `ov-${findingSlug(key)}`;
      const r = await attempt(() =>
        overrideFinding(commandContext(req), id, { findingKey: key, reason: unprefix(b, prefix).reason }),
      );
      if (!r.ok) {
        // The reason's field on the page is named after the finding; a bad key is reported on it too.
        const error = prefixFields(r.error, prefix);
        for (const e of error.fields) if (e.field === `${prefix}-findingKey`) e.field = `${prefix}-reason`;
        return showDetail(req, reply, { form: prefix, values: formValues(b), error });
      }
      return reply.redirect(detailUrl(id, 'override', '#h-checks'), 303);
    },
  );

  app.post('/admin/publications/:publicationId/link', acting(['editor']), async (req, reply) => {
    const id = publicationId(req);
    const r = await attempt(() => linkInterpretation(commandContext(req), id, unprefix(body(req), 'link')));
    if (!r.ok)
      return showDetail(req, reply, {
        form: 'link',
        values: formValues(body(req)),
        error: prefixFields(r.error, 'link'),
      });
    return reply.redirect(detailUrl(id, 'link', '#h-links'), 303);
  });

  app.post(
    '/admin/publications/:publicationId/links/:policyId/delete',
    acting(['editor']),
    async (req, reply) => {
      const id = publicationId(req);
      const { policyId } = req.params as { policyId: string };
      const r = await attempt(() => unlinkInterpretation(commandContext(req), id, policyId));
      if (!r.ok) return showDetail(req, reply, { error: r.error });
      return reply.redirect(detailUrl(id, 'unlink', '#h-links'), 303);
    },
  );
}
