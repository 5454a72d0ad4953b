/**
 * 导入已公开信息 in the back office: GET shows the form, POST takes the CSV/JSON file and an optional
 * ZIP of attachments (multipart) and shows every problem, or the items imported. For an agency admin
 * or editor of the agency (the form's agencyId, else the person's own agency).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { readBool } from '../../../platform/validate.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { auditActor } from '../../accounts/commands/context.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { type AttachmentSource, zipSource } from './archive.js';
import { ImportPage } from './import.views.js';
import { IMPORT_ROLES, type ImportResult, importPublications } from './import-publications.js';
import { DATA_FILE_MAX_BYTES } from './source.js';

/** Largest uploaded file (the ZIP of attachments; the CSV/JSON file is held to DATA_FILE_MAX_BYTES). */
export const UPLOAD_MAX_BYTES = 300 * 1024 * 1024;

interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
  tooLarge: boolean;
}

type Form = Record<string, string | UploadedFile | undefined>;

const form = (req: FastifyRequest): Form =>
  req.body && typeof req.body === 'object' ? (req.body as Form) : {};
const text = (f: Form, name: string) => (typeof f[name] === 'string' ? (f[name] as string) : '');
const upload = (f: Form, name: string): UploadedFile | null => {
  const v = f[name];
  return v && typeof v === 'object' && (v.fileName || v.bytes.length > 0) ? v : null;
};

/** The agency named by the form (or ?agencyId=), else the person's own. */
function importAgency(req: FastifyRequest): string | null {
  const q = (req.query as Record<string, unknown>).agencyId;
  return text(form(req), 'agencyId') || (typeof q === 'string' ? q : '') || req.principal?.agencyId || null;
}

/**
 * Reads the multipart form into req.body before the CSRF and access checks (which read `_csrf` and
 * `agencyId` from it): fields as strings, files as bytes. A file over the limit is marked, not fatal.
 */
async function readMultipart(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) return;
  const body: Form = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') body[part.fieldname] = typeof part.value === 'string' ? part.value : '';
      else {
        try {
          body[part.fieldname] = { fileName: part.filename, bytes: await part.toBuffer(), tooLarge: false };
        } catch (e) {
          if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
          body[part.fieldname] = { fileName: part.filename, bytes: new Uint8Array(), tooLarge: true };
        }
      }
    }
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 413) throw e;
    throw AppError.validation([{ field: 'file', message: '上传的文件或字段过多' }]);
  }
  req.body = body;
}

/** Before the body is read: only signed-in staff who may import somewhere may upload at all. */
async function staffOnly(req: FastifyRequest): Promise<void> {
  const p = req.principal;
  if (!p) throw new AppError('unauthenticated');
  if (!IMPORT_ROLES.some((r) => p.roles.has(r))) throw new AppError('forbidden');
}

interface Shown {
  values?: Values;
  errors?: FieldError[];
  result?: ImportResult | null;
}

async function showPage(req: FastifyRequest, reply: FastifyReply, s: Shown = {}) {
  const agency = await findAgency(req.server.services.db, req.targetAgencyId!);
  if (!agency) throw new AppError('not_found');
  const failed = (s.errors?.length ?? 0) > 0 || s.result?.ok === false;
  return sendPage(
    req,
    reply,
    { title: '导入已公开信息', area: 'admin', status: failed ? 400 : 200 },
    (ctx) => (
      <ImportPage
        csrf={ctx.csrf}
        agency={{ id: agency.id, name: agency.name }}
        values={s.values ?? {}}
        errors={s.errors ?? []}
        result={s.result ?? null}
      />
    ),
  );
}

const tooLarge = (what: string, max: number) => `${what}超过${max / 1024 / 1024} MB，请分批导入`;

export async function importRoutes(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 2, fields: 10, parts: 12 } });
  app.addHook('preValidation', readMultipart);
  const rule = { config: { access: access.agency(importAgency, IMPORT_ROLES) }, schema: { hide: true } };

  app.get('/admin/publications/import', rule, async (req, reply) => showPage(req, reply));

  app.post('/admin/publications/import', { ...rule, onRequest: staffOnly }, async (req, reply) => {
    const f = form(req);
    const values: Values = {
      dryRun: text(f, 'dryRun'),
      allowFindings: text(f, 'allowFindings'),
      allowFindingsReason: text(f, 'allowFindingsReason'),
    };
    const errors: FieldError[] = [];
    const file = upload(f, 'file');
    if (!file) errors.push({ field: 'file', message: '请选择要导入的CSV或JSON文件' });
    else if (file.tooLarge || file.bytes.length > DATA_FILE_MAX_BYTES)
      errors.push({ field: 'file', message: tooLarge(`文件“${file.fileName}”`, DATA_FILE_MAX_BYTES) });
    const zip = upload(f, 'attachments');
    let attachments: AttachmentSource | null = null;
    if (zip?.tooLarge) errors.push({ field: 'attachments', message: tooLarge('附件包', UPLOAD_MAX_BYTES) });
    else if (zip) {
      const opened = zipSource(zip.bytes);
      if ('error' in opened) errors.push({ field: 'attachments', message: `附件包：${opened.error}` });
      else attachments = opened;
    }
    if (errors.length > 0 || !file) return showPage(req, reply, { values, errors });
    const ctx = commandContext(req);
    const result = await importPublications(
      { services: ctx.services, actor: auditActor(ctx), principal: ctx.principal },
      {
        agencyId: req.targetAgencyId!,
        file: { name: file.fileName, bytes: file.bytes },
        attachments,
        dryRun: readBool(f, 'dryRun'),
        allowFindings: readBool(f, 'allowFindings') ? (values.allowFindingsReason as string) : null,
      },
    );
    return showPage(req, reply, { values, result });
  });
}
