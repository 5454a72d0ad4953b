/**
 * Staff download of an application's attachment (身份证明, 授权委托书, supporting material …):
 * GET /admin/applications/cases/:caseId/attachments/:caseAttachmentId.
 *
 * The files carry the applicant's personal data, so the rule is the applicant view's (`mayViewApplicant`:
 * the case's handler, the 公开办负责人 and signers, 依申请办理 staff while the case has no handler, the
 * supervisors) and every download writes an audit event (`application.attachment_download`) in the agency's
 * chain — ids, the tracking number and the purpose only, never the file name. The file is opened from the
 * sealed store (`readAttachment`, ADR 0013): a file that fails authentication or its SHA-256 is refused with
 * the store's 422 and no byte is sent; a case/attachment pair that does not match is 404. The bytes go out
 * with the stored name (RFC 5987 `filename*` for Chinese names), the stored type, never cached, never sniffed.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { auditActor } from '../../accounts/commands/context.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { DOCUMENT_TYPE_MIME, type DocumentType } from '../../checks/extract.js';
import { contentDisposition } from '../../portal/http-cache.js';
import { readAttachment } from '../attachments.js';
import { type CommandContext, loadCase } from '../commands/run.js';
import { mayViewApplicant } from '../commands/view-applicant.js';
import { assertMayViewCases, caseAgency } from './admin-helpers.js';

export const attachmentUrl = (caseId: string, attachmentId: string) =>
  `/admin/applications/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;

export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** Opens the attachment for a member of staff allowed to see the applicant's data, and audits the download. */
export async function downloadAttachment(
  ctx: CommandContext,
  caseId: string,
  attachmentId: string,
): Promise<AttachmentDownload> {
  const lc = await loadCase(ctx, caseId);
  if (!(await mayViewApplicant(ctx, lc.case)))
    throw new AppError(
      'forbidden',
      '申请材料含有申请人信息，只有本申请的承办人、公开办负责人、审签领导和主管部门可以下载。',
    );
  const file = await readAttachment(ctx.services, caseId, attachmentId);
  const purpose = await ctx.services.db
    .selectFrom('application_attachments')
    .select('purpose')
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  await ctx.services.db.transaction().execute(async (trx) => {
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: lc.case.agencyId,
      action: 'application.attachment_download',
      targetType: 'application',
      targetId: caseId,
      after: { trackingNo: lc.case.trackingNo, attachmentId, purpose: purpose?.purpose ?? null },
    });
  });
  return {
    fileName: file.fileName,
    contentType: DOCUMENT_TYPE_MIME[file.type as DocumentType] ?? 'application/octet-stream',
    bytes: file.bytes,
  };
}

export async function applicationsAttachmentRoutes(app: FastifyInstance) {
  app.get(
    '/admin/applications/cases/:caseId/attachments/:caseAttachmentId',
    { config: { access: access.agency(caseAgency, 'read') }, schema: { hide: true } },
    async (req, reply) => {
      const { caseId, caseAttachmentId } = req.params as { caseId: string; caseAttachmentId: string };
      await assertMayViewCases(req, (await caseAgency(req))!);
      const file = await downloadAttachment(commandContext(req), caseId, caseAttachmentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('content-length', file.bytes.length)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );
}
