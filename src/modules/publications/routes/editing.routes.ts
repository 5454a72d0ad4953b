/** Creating and editing publications, handling findings, validity and 政策解读 links. */
import type { FastifyInstance } from 'fastify';
import { access } from '../../../platform/http/access.js';
import { createPublication } from '../commands/create-publication.js';
import { linkInterpretation } from '../commands/link-interpretation.js';
import { loadPublication } from '../commands/load.js';
import { maskBodyFindings } from '../commands/mask-body-findings.js';
import { overrideFinding } from '../commands/override-finding.js';
import { setValidity } from '../commands/set-validity.js';
import { unlinkInterpretation } from '../commands/unlink-interpretation.js';
import { updatePublication } from '../commands/update-publication.js';
import {
  AgencyParams,
  DetailSchema,
  LinkParams,
  LinkSchema,
  MaskSchema,
  OverrideSchema,
  PublicationInputSchema,
  PublicationParams,
  ValiditySchema,
} from '../publications.schemas.js';
import {
  agencyParam,
  commandContext,
  detailReply,
  errors,
  input,
  publicationAgency,
  publicationId,
  tags,
} from './route-helpers.js';

export async function editingRoutes(app: FastifyInstance) {
  const post = (path: string, summary: string, roles: Parameters<typeof access.agency>[1], body: object) => ({
    url: `/api/v1/publications/:publicationId/${path}`,
    config: { access: access.agency(publicationAgency, roles) },
    schema: { tags, summary, params: PublicationParams, body, response: { 200: DetailSchema, ...errors } },
  });

  app.post(
    '/api/v1/agencies/:agencyId/publications',
    {
      config: { access: access.agency(agencyParam, ['editor']) },
      schema: {
        tags,
        summary: '新建信息（草稿）',
        params: AgencyParams,
        body: PublicationInputSchema,
        response: { 201: DetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const pub = await createPublication(commandContext(req), agencyParam(req), input(req));
      return reply.status(201).send(await detailReply(req, pub));
    },
  );

  app.get(
    '/api/v1/publications/:publicationId',
    {
      config: { access: access.agency(publicationAgency, 'read') },
      schema: {
        tags,
        summary: '信息详情：版本、流转记录、检查结果、可办理的操作及原因',
        params: PublicationParams,
        response: { 200: DetailSchema, ...errors },
      },
    },
    async (req) => detailReply(req, await loadPublication(commandContext(req), publicationId(req))),
  );

  app.patch(
    '/api/v1/publications/:publicationId',
    {
      config: { access: access.agency(publicationAgency, ['editor']) },
      schema: {
        tags,
        summary: '修改草稿（只修改提交的字段）',
        params: PublicationParams,
        body: PublicationInputSchema,
        response: { 200: DetailSchema, ...errors },
      },
    },
    async (req) =>
      detailReply(req, await updatePublication(commandContext(req), publicationId(req), input(req))),
  );

  const { url: o, ...overrideOpts } = post(
    'findings/override',
    '说明理由后忽略一项检查问题（记入审计）',
    ['editor', 'firstReviewer', 'secrecyReviewer', 'signer'],
    OverrideSchema,
  );
  app.post(o, overrideOpts, async (req) =>
    detailReply(req, await overrideFinding(commandContext(req), publicationId(req), input(req))),
  );

  const { url: m, ...maskOpts } = post('mask-findings', '一键脱敏正文中的个人信息', ['editor'], MaskSchema);
  app.post(m, maskOpts, async (req) =>
    detailReply(req, await maskBodyFindings(commandContext(req), publicationId(req), input(req))),
  );

  const { url: v, ...validityOpts } = post(
    'validity',
    '标注有效性（已修改、已废止、失效）',
    ['editor', 'signer'],
    ValiditySchema,
  );
  app.post(v, validityOpts, async (req) =>
    detailReply(req, await setValidity(commandContext(req), publicationId(req), input(req))),
  );

  const { url: l, ...linkOpts } = post(
    'interpretation-links',
    '政策解读关联政策文件',
    ['editor'],
    LinkSchema,
  );
  app.post(l, linkOpts, async (req) => {
    const ctx = commandContext(req);
    await linkInterpretation(ctx, publicationId(req), input(req));
    return detailReply(req, await loadPublication(ctx, publicationId(req)));
  });

  app.delete(
    '/api/v1/publications/:publicationId/interpretation-links/:policyId',
    {
      config: { access: access.agency(publicationAgency, ['editor']) },
      schema: {
        tags,
        summary: '取消政策解读与政策文件的关联',
        params: LinkParams,
        response: { 200: DetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = commandContext(req);
      const { policyId } = req.params as { policyId: string };
      await unlinkInterpretation(ctx, publicationId(req), policyId);
      return detailReply(req, await loadPublication(ctx, publicationId(req)));
    },
  );
}
