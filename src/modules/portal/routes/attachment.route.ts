/**
 * GET /gk/:agencyCode/items/:id/attachments/:attachmentId — an attachment of the live version,
 * under its Chinese file name (RFC 5987 filename*), with the type found from its content when it
 * was uploaded (and nosniff, set for every response in app.ts). The bytes are immutable (stored by
 * SHA-256), so the hash is the ETag. A withdrawn item's attachments answer 410.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { DOCUMENT_TYPE_MIME, type DocumentType } from '../../checks/extract.js';
import { filePath } from '../../publications/files.js';
import { contentDisposition, httpDate, matchesIfNoneMatch, PUBLIC_CACHE_CONTROL } from '../http-cache.js';
import { findSectionItem, loadSection } from '../page-data.js';

type Params = { agencyCode: string; id: string; attachmentId: string };

export async function attachmentRoute(app: FastifyInstance) {
  const { db, config } = app.services;
  app.get(
    '/gk/:agencyCode/items/:id/attachments/:attachmentId',
    { config: { access: access.public }, schema: { hide: true } },
    async (req, reply) => {
      const p = req.params as Params;
      const section = await loadSection(db, p.agencyCode);
      const found = await findSectionItem(db, section, p.id);
      if (found.kind === 'withdrawn') throw new AppError('gone', '该信息已撤回，附件不再提供下载。');
      if (found.kind === 'missing') throw new AppError('not_found');
      const attachment = found.item.attachments.find((a) => a.id === p.attachmentId);
      if (!attachment) throw new AppError('not_found');
      const etag = `"${attachment.sha256}"`;
      const cacheHeaders = {
        'cache-control': PUBLIC_CACHE_CONTROL,
        etag,
        ...(httpDate(found.item.publishedAt) ? { 'last-modified': httpDate(found.item.publishedAt)! } : {}),
      };
      if (matchesIfNoneMatch(req.headers['if-none-match'], etag))
        return reply.headers(cacheHeaders).status(304).send();
      const path = filePath(config.dataDir, attachment.sha256);
      const size = await stat(path).then(
        (s) => s.size,
        () => null,
      );
      if (size === null) {
        req.log.error({ sha256: attachment.sha256 }, 'stored attachment file is missing');
        throw new AppError('not_found');
      }
      return reply
        .headers(cacheHeaders)
        .header(
          'content-type',
          DOCUMENT_TYPE_MIME[attachment.type as DocumentType] ?? 'application/octet-stream',
        )
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('content-length', size)
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(path));
    },
  );
}
