/**
 * Back office of intake (register with `app.register(applicationsIntakeRoutes)` in
 * routes/applications.routes.ts):
 *
 * - GET/POST /admin/applications/import — 导入原系统的申请: the form, then the multipart upload of the CSV
 *   with an optional dry run; shows every problem with its line and column, or the cases imported with their
 *   due dates. For the agency admin or the 公开办负责人 of the agency (the form's agencyId, else their own).
 * - GET/POST /admin/applications/retention — the agency's retention period of applicants' personal data after
 *   archiving (same people).
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
import { DATA_FILE_MAX_BYTES } from '../../publications/import/source.js';
import { IMPORT_CASE_ROLES, type ImportCasesResult, importCases } from './import-cases.js';
import { IMPORT_URL, ImportCasesPage, RETENTION_URL, RetentionPage } from './intake.views.js';
import { getRetentionYears, saveRetentionYears } from './retention.js';

interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
  tooLarge: boolean;
}

type Form = Record<string, string | UploadedFile | undefined>;

const form = (req: FastifyRequest): Form =>
  req.body && typeof req.body === 'object' ? (req.body as Form) : {};
const text = (f: Form, name: string) => (typeof f[name] === 'string' ? (f[name] as string) : '');

/** The agency named by the form (or ?agencyId=), else the person's own. */
function targetAgency(req: FastifyRequest): string | null {
  const q = (req.query as Record<string, unknown>).agencyId;
  return text(form(req), 'agencyId') || (typeof q === 'string' ? q : '') || req.principal?.agencyId || null;
}

/**
 * Reads a multipart form into req.body before the CSRF and access checks (which read `_csrf` and
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

/** Before a body is read: only signed-in staff who may import somewhere may upload at all. */
async function staffOnly(req: FastifyRequest): Promise<void> {
  const p = req.principal;
  if (!p) throw new AppError('unauthenticated');
  if (!IMPORT_CASE_ROLES.some((r) => p.roles.has(r))) throw new AppError('forbidden');
}

async function agencyOf(req: FastifyRequest) {
  const agency = await findAgency(req.server.services.db, req.targetAgencyId!);
  if (!agency) throw new AppError('not_found');
  return { id: agency.id, name: agency.name };
}

async function showImport(
  req: FastifyRequest,
  reply: FastifyReply,
  s: { values?: Values; errors?: FieldError[]; result?: ImportCasesResult | null } = {},
) {
  const agency = await agencyOf(req);
  const failed = (s.errors?.length ?? 0) > 0 || s.result?.ok === false;
  return sendPage(
    req,
    reply,
    { title: '导入原系统的申请', area: 'admin', status: failed ? 400 : 200 },
    (ctx) => (
      <ImportCasesPage
        csrf={ctx.csrf}
        agency={agency}
        values={s.values ?? {}}
        errors={s.errors ?? []}
        result={s.result ?? null}
      />
    ),
  );
}

async function showRetention(
  req: FastifyRequest,
  reply: FastifyReply,
  s: { values?: Values; errors?: FieldError[]; saved?: boolean } = {},
) {
  const agency = await agencyOf(req);
  const years = await getRetentionYears(req.server.services.db, agency.id);
  return sendPage(
    req,
    reply,
    { title: '申请人个人信息保存期限', area: 'admin', status: s.errors?.length ? 400 : 200 },
    (ctx) => (
      <RetentionPage
        csrf={ctx.csrf}
        agency={agency}
        years={years}
        values={s.values ?? {}}
        errors={s.errors ?? []}
        saved={s.saved ?? false}
      />
    ),
  );
}

export async function applicationsIntakeRoutes(app: FastifyInstance) {
  await app.register(multipart, {
    limits: { fileSize: DATA_FILE_MAX_BYTES, files: 1, fields: 10, parts: 11 },
  });
  app.addHook('preValidation', readMultipart);
  const rule = { config: { access: access.agency(targetAgency, IMPORT_CASE_ROLES) }, schema: { hide: true } };

  app.get(IMPORT_URL, rule, async (req, reply) => showImport(req, reply));

  app.post(IMPORT_URL, { ...rule, onRequest: staffOnly }, async (req, reply) => {
    const f = form(req);
    const values: Values = { dryRun: text(f, 'dryRun') };
    const v = f.file;
    const file = v && typeof v === 'object' && (v.fileName || v.bytes.length > 0) ? v : null;
    if (!file)
      return showImport(req, reply, {
        values,
        errors: [{ field: 'file', message: '请选择要导入的CSV文件' }],
      });
    if (file.tooLarge || file.bytes.length > DATA_FILE_MAX_BYTES)
      return showImport(req, reply, {
        values,
        errors: [
          {
            field: 'file',
            message: `文件“${file.fileName}”超过${DATA_FILE_MAX_BYTES / 1024 / 1024} MB，请分批导入`,
          },
        ],
      });
    const ctx = commandContext(req);
    let result: ImportCasesResult;
    try {
      result = await importCases(
        { services: ctx.services, actor: auditActor(ctx), principal: ctx.principal },
        {
          agencyId: req.targetAgencyId!,
          file: { name: file.fileName, bytes: file.bytes },
          dryRun: readBool(f, 'dryRun'),
        },
      );
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict')
        return showImport(req, reply, { values, errors: [{ field: 'file', message: e.message }] });
      throw e;
    }
    return showImport(req, reply, { values, result });
  });

  app.get(RETENTION_URL, rule, async (req, reply) => showRetention(req, reply));

  app.post(RETENTION_URL, rule, async (req, reply) => {
    const f = form(req);
    const values: Values = { retentionYears: text(f, 'retentionYears') };
    try {
      await saveRetentionYears(commandContext(req), req.targetAgencyId!, {
        retentionYears: values.retentionYears,
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation_failed')
        return showRetention(req, reply, { values, errors: e.fields });
      throw e;
    }
    return showRetention(req, reply, { saved: true });
  });
}
