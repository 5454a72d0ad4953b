/**
 * Attachments: upload (multipart/form-data field `file`, or JSON with Base64 content), delete and
 * download. Files up to 50 MB; the type is read from the content by the command.
 */
import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { DOCUMENT_TYPE_MIME, type DocumentType } from '../../checks/extract.js';
import { findAttachmentRow } from '../attachments.repository.js';
import { deleteAttachment } from '../commands/delete-attachment.js';
import { loadPublication } from '../commands/load.js';
import { type Upload, uploadAttachment } from '../commands/upload-attachment.js';
import { filePath } from '../files.js';
import { ATTACHMENT_MAX_BYTES } from '../publications.js';
import { presentAttachment } from '../publications.presenter.js';
import {
  AttachmentParams,
  AttachmentSchema,
  DetailSchema,
  PublicationParams,
  UploadJsonSchema,
} from '../publications.schemas.js';
import {
  commandContext,
  detailReply,
  errors,
  input,
  publicationAgency,
  publicationId,
  tags,
} from './route-helpers.js';

const tooLarge = (name: string) =>
  AppError.validation([
    { field: 'file', message: `附件“${name}”超过${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，不能上传` },
  ]);

async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (req.isMultipart()) {
    const file = await req.file();
    if (!file) throw AppError.validation([{ field: 'file', message: '请选择要上传的文件' }]);
    try {
      return { fileName: file.filename, bytes: await file.toBuffer() };
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(file.filename);
      throw e;
    }
  }
  const body = input(req);
  const content = typeof body.contentBase64 === 'string' ? body.contentBase64 : '';
  if (!content) throw AppError.validation([{ field: 'contentBase64', message: '请提供文件内容' }]);
  const bytes = Buffer.from(content, 'base64');
  return { fileName: typeof body.fileName === 'string' ? body.fileName : '', bytes };
}

/** attachment; filename="ascii fallback"; filename*=UTF-8''原文件名 (RFC 6266 / 5987). */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function attachmentsRoutes(app: FastifyInstance) {
  await app.register(multipart, {
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 10, parts: 12 },
  });

  app.post(
    '/api/v1/publications/:publicationId/attachments',
    {
      config: { access: access.agency(publicationAgency, ['editor']) },
      bodyLimit: Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        tags,
        summary: '上传附件（PDF、Word、Excel、图片；按内容识别类型；不超过50 MB）',
        params: PublicationParams,
        // multipart bodies are streams read by the handler: only the JSON variant has a schema.
        body: {
          content: {
            'application/json': { schema: UploadJsonSchema },
            'multipart/form-data': { schema: { description: '字段 file：要上传的文件' } },
          },
        },
        response: { 201: AttachmentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const up = await uploadAttachment(commandContext(req), publicationId(req), await readUpload(req));
      return reply.status(201).send(presentAttachment(up.attachment, up.findings));
    },
  );

  app.delete(
    '/api/v1/publications/:publicationId/attachments/:attachmentId',
    {
      config: { access: access.agency(publicationAgency, ['editor']) },
      schema: {
        tags,
        summary: '删除附件（草稿）',
        params: AttachmentParams,
        response: { 200: DetailSchema, ...errors },
      },
    },
    async (req) => {
      const { attachmentId } = req.params as { attachmentId: string };
      return detailReply(req, await deleteAttachment(commandContext(req), publicationId(req), attachmentId));
    },
  );

  app.get(
    '/api/v1/publications/:publicationId/attachments/:attachmentId',
    {
      config: { access: access.agency(publicationAgency, 'read') },
      schema: { tags, summary: '下载附件（原文件名）', params: AttachmentParams },
    },
    async (req, reply) => {
      const ctx = commandContext(req);
      const pub = await loadPublication(ctx, publicationId(req));
      const { attachmentId } = req.params as { attachmentId: string };
      const row = await findAttachmentRow(ctx.services.db, pub.id, attachmentId);
      if (!row) throw new AppError('not_found', '附件不存在。');
      return reply
        .header('content-type', DOCUMENT_TYPE_MIME[row.type as DocumentType] ?? 'application/octet-stream')
        .header('content-disposition', contentDisposition(row.file_name))
        .header('content-length', row.size)
        .send(createReadStream(filePath(ctx.services.config.dataDir, row.sha256)));
    },
  );
}
