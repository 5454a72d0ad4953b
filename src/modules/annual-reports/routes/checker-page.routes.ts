/**
 * 年报体检, the public checker page (annual-reports README "## 年报体检 page"), in the portal's layout and in
 * every site variant (`''`, `/lb`, `/ft`, `/lb/ft`):
 *
 *   GET  {prefix}/report-check     the form: a report file (PDF, .docx, HTML, text) or its text pasted
 *   POST {prefix}/report-check     multipart: the checker's answer — verdict, year, format, agency, findings, tables
 *
 * The upload is read into memory and never written anywhere (no disk, no log); files over 20 MB are cut off
 * while being received and answered with a Chinese message; checks are bounded in time and in number at once
 * (checker-page/run-check.ts) and rate-limited per client address. Both pages are `Cache-Control: no-store`
 * (the form carries a CSRF token; a result is one reader's).
 *
 * Also serves the report stylesheet (render/styles.ts, used wherever ReportView is shown) and this page's.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginOptions,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { type ComponentChildren, createElement } from 'preact';
import { access } from '../../../platform/http/access.js';
import { csrfToken } from '../../../platform/http/csrf.js';
import { handleError } from '../../../platform/http/error-handler.js';
import { RateLimiter } from '../../../platform/http/rate-limit.js';
import { portalUrls } from '../../portal/urls.js';
import { prefixOf, splitVariantPath, VARIANTS } from '../../portal/variants.js';
import { portalSite, renderPortalPage } from '../../portal/views/render.js';
import { CHECKER_PAGE_CSS, CHECKER_PAGE_CSS_PATH } from '../checker-page/assets.js';
import { CheckerBusy, checkUpload, PAGE_LIMITS } from '../checker-page/run-check.js';
import { BusyPage, CheckFormPage, CheckResultPage, MAX_UPLOAD_MB } from '../checker-page/views.js';
import { REPORT_CSS, REPORT_CSS_PATH } from '../render/styles.js';

export const CHECK_PATH = '/report-check';
const HTML = 'text/html; charset=utf-8';
const route = { config: { access: access.public }, schema: { hide: true } };

/** Per client address. */
export const CHECK_RATE_LIMIT = { limit: 20, windowMs: 10 * 60_000 };

const MAX_BYTES = PAGE_LIMITS.maxBytes;
/** Pasted text: the checker reads at most 1 M characters; a field longer than this is cut and refused. */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;

export const TOO_LARGE = `文件超过${MAX_UPLOAD_MB}MB，无法检查。请上传年度报告正文（例如另存为不含图片的PDF或Word文件）后重试。`;
const TEXT_TOO_LONG = '粘贴的文字过长（超过100万字），不像一份年度报告。';
const NOTHING = '请选择报告文件，或在文本框中粘贴报告全文。';

interface Upload {
  fileName: string;
  bytes: Buffer;
  tooLarge: boolean;
}

/** Multipart problems found while the body is read, as Chinese messages shown on the form. */
function multipartMessage(err: FastifyError): { status: number; message: string } | null {
  switch (err.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, message: TOO_LARGE };
    case 'FST_FILES_LIMIT':
      return { status: 400, message: '一次只能检查一个文件。' };
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 400, message: '提交的内容格式不正确，请刷新页面后重试。' };
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_PROTO_VIOLATION':
      return { status: 400, message: '表单格式不正确，请刷新页面后重新提交。' };
    default:
      return null;
  }
}

export async function checkerPageRoutes(app: FastifyInstance) {
  const cacheControl = 'public, max-age=3600';
  app.get(REPORT_CSS_PATH, route, async (_req, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', cacheControl)
      .send(REPORT_CSS),
  );
  app.get(CHECKER_PAGE_CSS_PATH, route, async (_req, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', cacheControl)
      .send(CHECKER_PAGE_CSS),
  );
  const limiter = new RateLimiter(CHECK_RATE_LIMIT.limit, CHECK_RATE_LIMIT.windowMs);
  await app.register(checkPages, { limiter });
}

/** The form and result pages, once per site variant, sharing one multipart parser and one rate limiter. */
async function checkPages(app: FastifyInstance, opts: FastifyPluginOptions) {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // A file over the limit is cut off while it arrives (memory stays bounded) and flagged, so the page can
    // say why; nothing is written to disk.
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_BYTES, files: 1, fields: 4, parts: 6, fieldSize: MAX_TEXT_BYTES },
    async onFile(part: MultipartFile) {
      const bytes = await part.toBuffer();
      const value: Upload = { fileName: part.filename, bytes, tooLarge: part.file.truncated };
      (part as unknown as { value: Upload }).value = value;
    },
  });
  const site = portalSite(app.services.config);

  const send = (
    req: FastifyRequest,
    reply: FastifyReply,
    body: ComponentChildren,
    title: string,
    status = 200,
  ) => {
    const { variant } = splitVariantPath(req.url);
    const urls = portalUrls(prefixOf(variant));
    return reply
      .status(status)
      .header('content-type', HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPortalPage({
          site,
          urls,
          section: null,
          head: {
            title: [title],
            columnName: '年报体检',
            article: null,
            path: `${urls.prefix}${CHECK_PATH}`,
          },
          body,
        }),
      );
  };
  const actionOf = (req: FastifyRequest) => `${prefixOf(splitVariantPath(req.url).variant)}${CHECK_PATH}`;
  const showForm = (req: FastifyRequest, reply: FastifyReply, status = 200, error?: string, text?: string) =>
    send(
      req,
      reply,
      createElement(CheckFormPage, { action: actionOf(req), csrf: csrfToken(req, reply), error, text }),
      error ? '年报体检（请修改后重试）' : '年报体检',
      status,
    );

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const known = multipartMessage(err);
    if (known) return showForm(req, reply, known.status, known.message);
    return handleError(err, req, reply);
  });

  for (const variant of VARIANTS)
    await app.register(
      async (pages) => {
        pages.get(CHECK_PATH, route, async (req, reply) => showForm(req, reply));

        // The rate limit is taken before the body is read: a refused upload is never received.
        const limited = async (req: FastifyRequest, reply: FastifyReply) => {
          if (opts.limiter.take(`report-check:${req.ip}`)) return;
          const minutes = Math.ceil(CHECK_RATE_LIMIT.windowMs / 60_000);
          reply.header('retry-after', String(Math.ceil(CHECK_RATE_LIMIT.windowMs / 1000)));
          return send(
            req,
            reply,
            createElement(BusyPage, {
              message: `检查次数过多（每${minutes}分钟最多${CHECK_RATE_LIMIT.limit}次），请约${minutes}分钟后再试。`,
              again: actionOf(req),
            }),
            '操作过于频繁',
            429,
          );
        };

        const post = { ...route, bodyLimit: MAX_BYTES + MAX_TEXT_BYTES + 64 * 1024, onRequest: limited };
        pages.post(CHECK_PATH, post, async (req, reply) => {
          const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
          const file =
            isUpload(body.file) && (body.file.fileName || body.file.bytes.length > 0) ? body.file : null;
          const text = typeof body.text === 'string' ? body.text : '';
          if (file?.tooLarge) return showForm(req, reply, 413, TOO_LARGE);
          if (!file && text.trim() === '') return showForm(req, reply, 400, NOTHING);
          if (!file && text.length > PAGE_LIMITS.maxTextChars)
            return showForm(req, reply, 400, TEXT_TOO_LONG, text.slice(0, 10_000));
          const bytes = file ? new Uint8Array(file.bytes) : new TextEncoder().encode(text);
          let result: Awaited<ReturnType<typeof checkUpload>>;
          try {
            result = await checkUpload(bytes, file ? file.fileName : 'pasted.txt');
          } catch (e) {
            if (!(e instanceof CheckerBusy)) throw e;
            reply.header('retry-after', '10');
            return send(
              req,
              reply,
              createElement(BusyPage, {
                message: '正在检查的报告较多，请稍候几秒后重新提交。',
                again: actionOf(req),
              }),
              '系统繁忙',
              503,
            );
          }
          return send(
            req,
            reply,
            createElement(CheckResultPage, {
              result,
              source: file ? file.fileName || '未命名文件' : null,
              again: actionOf(req),
            }),
            '年报体检结果',
          );
        });
      },
      { prefix: prefixOf(variant) },
    );
}

function isUpload(v: unknown): v is Upload {
  return typeof v === 'object' && v !== null && 'bytes' in v && 'fileName' in v;
}
