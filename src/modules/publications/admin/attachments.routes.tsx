/**
 * Attachments from the detail page, without script: upload, replace and delete. The forms post
 * multipart/form-data, read here before the CSRF check (`_csrf` travels as a form field), and go
 * through the core's commands (uploadAttachment, deleteAttachment), which check the type by content,
 * the size, and scan the text. Downloads use the core's route (/api/v1/publications/…/attachments/…).
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { deleteAttachment } from '../commands/delete-attachment.js';
import { type Upload, uploadAttachment } from '../commands/upload-attachment.js';
import { ATTACHMENT_MAX_BYTES } from '../publications.js';
import { publicationAgency, publicationId } from '../routes/route-helpers.js';
import { attempt, body, prefixFields, type Req } from './admin-helpers.js';
import { showDetail } from './detail.routes.js';

/** What the multipart reader leaves in the body for the file field. */
interface FilePart {
  fileName: string;
  bytes: Buffer;
  tooLarge: boolean;
}

/** The uploaded file of a form, or a Chinese error naming the field. */
function readFile(req: Req): Upload {
  const part = body(req).file as FilePart | undefined;
  if (!part || typeof part !== 'object' || !('bytes' in part) || (!part.fileName && part.bytes.length === 0))
    throw AppError.validation([{ field: 'file', message: '请选择要上传的文件' }]);
  if (part.tooLarge)
    throw AppError.validation([
      {
        field: 'file',
        message: `附件“${part.fileName}”超过${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，不能上传`,
      },
    ]);
  return { fileName: part.fileName, bytes: part.bytes };
}

export async function attachmentsAdminRoutes(app: FastifyInstance) {
  await app.register(multipart, {
    // Fields (the CSRF token among them) and the file are read into the body before the preHandler,
    // so the CSRF check sees `_csrf` as for any other form.
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 10, parts: 12 },
    async onFile(part: MultipartFile) {
      const bytes = await part.toBuffer();
      const value: FilePart = { fileName: part.filename, bytes, tooLarge: part.file.truncated };
      (part as unknown as { value: FilePart }).value = value;
    },
  });

  const editor = {
    config: { access: access.agency(publicationAgency, ['editor']) },
    schema: { hide: true },
    bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024,
  };
  const attachmentId = (req: Req) => (req.params as { attachmentId: string }).attachmentId;

  app.post('/admin/publications/:publicationId/attachments', editor, async (req, reply) => {
    const id = publicationId(req);
    const r = await attempt(() => uploadAttachment(commandContext(req), id, readFile(req)));
    if (!r.ok) return showDetail(req, reply, { form: 'upload', error: prefixFields(r.error, 'upload') });
    return reply.redirect(`/admin/publications/${id}?done=upload#h-attachments`, 303);
  });

  app.post(
    '/admin/publications/:publicationId/attachments/:attachmentId/replace',
    editor,
    async (req, reply) => {
      const id = publicationId(req);
      const old = attachmentId(req);
      const ctx = commandContext(req);
      // Upload first: if the new file is refused, the old one stays. Then the old one goes.
      const r = await attempt(async () => {
        const up = await uploadAttachment(ctx, id, readFile(req));
        await deleteAttachment(ctx, id, old);
        return up;
      });
      if (!r.ok)
        return showDetail(req, reply, {
          form: `replace-${old}`,
          error: prefixFields(r.error, `replace-${old}`),
        });
      return reply.redirect(`/admin/publications/${id}?done=replace#h-attachments`, 303);
    },
  );

  app.post(
    '/admin/publications/:publicationId/attachments/:attachmentId/delete',
    editor,
    async (req, reply) => {
      const id = publicationId(req);
      const r = await attempt(() => deleteAttachment(commandContext(req), id, attachmentId(req)));
      if (!r.ok) return showDetail(req, reply, { error: r.error });
      return reply.redirect(`/admin/publications/${id}?done=delete-attachment#h-attachments`, 303);
    },
  );
}
