/**
 * 上传附件: the type comes from the content (sniffType), never from the name; anything but PDF, Word,
 * Excel and images is refused naming the file, as is a file over 50 MB or one whose text cannot be
 * read (damaged, password-protected). The bytes are stored by their SHA-256; the original Chinese
 * name is kept for download. The text is extracted now and scanned; its findings are stored.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../platform/errors.js';
import { auditActor } from '../../accounts/commands/context.js';
import { DOCUMENT_TYPE_LABELS, ExtractError, extractText, sniffType } from '../../checks/extract.js';
import { insertAttachment, nextAttachmentOrder } from '../attachments.repository.js';
import { cleanFileName, storeFile } from '../files.js';
import { type PublicationFinding, scanSource, storedFindings } from '../findings.js';
import { ATTACHMENT_MAX_BYTES, type Attachment, toAttachment } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { updatePublicationIf } from '../publications.repository.js';
import { type CommandContext, loadPublication, reviewContext } from './load.js';

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
}

const refuse = (message: string) => AppError.validation([{ field: 'file', message }]);
const ACCEPTED = [...new Set(Object.values(DOCUMENT_TYPE_LABELS))].join('、');

export interface Uploaded {
  attachment: Attachment;
  /** What the checks found in its text (masked values only). */
  findings: PublicationFinding[];
}

export async function uploadAttachment(ctx: CommandContext, id: string, upload: Upload): Promise<Uploaded> {
  const { db, config, clock } = ctx.services;
  const pub = await loadPublication(ctx, id);
  const rc = await reviewContext(ctx.services, pub);
  assertCan('edit', pub, ctx.principal, rc);
  const fileName = cleanFileName(upload.fileName);
  if (!fileName) throw refuse('请提供附件的文件名');
  if (upload.bytes.length === 0) throw refuse(`附件“${fileName}”是空文件`);
  if (upload.bytes.length > ATTACHMENT_MAX_BYTES)
    throw refuse(`附件“${fileName}”超过${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，不能上传`);
  const type = sniffType(upload.bytes);
  if (!type) throw refuse(`附件“${fileName}”不是可接受的文件类型（按文件内容识别，可接受：${ACCEPTED}）`);
  let text: string;
  try {
    text = await extractText(upload.bytes, type);
  } catch (e) {
    if (e instanceof ExtractError) throw refuse(`附件“${fileName}”：${e.message}`);
    throw e;
  }
  const attachmentId = randomUUID();
  const overrides = new Map(rc.findings.flatMap((f) => (f.override ? [[f.key, f.override] as const] : [])));
  const findings = scanSource(
    text,
    { type: 'attachment', attachmentId, fileName },
    { ...rc.settings, today: rc.today },
    config.piiKey,
    overrides,
  );
  const sha256 = await storeFile(config.dataDir, upload.bytes);
  const row = {
    id: attachmentId,
    publication_id: id,
    sha256,
    file_name: fileName,
    type,
    size: upload.bytes.length,
    text,
    extract_error: null,
    findings_json: storedFindings(findings),
    sort_order: await nextAttachmentOrder(db, id),
    uploaded_by: ctx.principal.userId,
    uploaded_at: clock.now().toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    // Whoever changes the attachments has worked on the item (separation of duties).
    const touched = { updated_by: ctx.principal.userId, updated_at: ctx.services.clock.now().toISOString() };
    if (!(await updatePublicationIf(trx, id, { state: 'draft', round: pub.round }, touched)))
      throw new AppError('conflict', '该信息刚刚已被他人处理，请刷新后重试。');
    await insertAttachment(trx, row);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: pub.agencyId,
      action: 'publication.attachment_upload',
      targetType: 'publication',
      targetId: id,
      after: {
        attachmentId,
        fileName,
        type,
        size: row.size,
        sha256,
        findings: findings.map((f) => ({ kind: f.kind, severity: f.severity, display: f.display })),
      },
    });
  });
  return { attachment: toAttachment(row), findings };
}
