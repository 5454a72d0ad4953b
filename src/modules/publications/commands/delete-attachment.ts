/**
 * 删除附件 (of a draft): the row goes; the stored file stays, since a published version or another
 * item may use the same bytes. Replacing an attachment is delete + upload.
 */
import { AppError } from '../../../platform/errors.js';
import { auditActor } from '../../accounts/commands/context.js';
import { deleteAttachmentRow, findAttachmentRow } from '../attachments.repository.js';
import type { Publication } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { updatePublicationIf } from '../publications.repository.js';
import { type CommandContext, loadPublication, reload, reviewContext } from './load.js';

export async function deleteAttachment(
  ctx: CommandContext,
  id: string,
  attachmentId: string,
): Promise<Publication> {
  const pub = await loadPublication(ctx, id);
  assertCan('edit', pub, ctx.principal, await reviewContext(ctx.services, pub));
  const row = await findAttachmentRow(ctx.services.db, id, attachmentId);
  if (!row) throw new AppError('not_found', '附件不存在。');
  await ctx.services.db.transaction().execute(async (trx) => {
    // Whoever changes the attachments has worked on the item (separation of duties).
    const touched = { updated_by: ctx.principal.userId, updated_at: ctx.services.clock.now().toISOString() };
    if (!(await updatePublicationIf(trx, id, { state: 'draft', round: pub.round }, touched)))
      throw new AppError('conflict', '该信息刚刚已被他人处理，请刷新后重试。');
    await deleteAttachmentRow(trx, attachmentId);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: pub.agencyId,
      action: 'publication.attachment_delete',
      targetType: 'publication',
      targetId: id,
      before: { attachmentId, fileName: row.file_name, sha256: row.sha256 },
    });
  });
  return reload(ctx.services, id);
}
