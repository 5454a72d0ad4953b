/**
 * The JSON API for applications, without an account (tag `applications`):
 *
 *   GET  /api/v1/applications/form     a new form: its idempotency key and the CSRF token (sets the cookie)
 *   POST /api/v1/applications          网上申请: the form's fields and files (multipart/form-data) → 201, or 200
 *                                      with the same body when the same form (idempotency key) was already sent
 *   POST /api/v1/applications/lookup   {trackingNo, queryCode} → what the applicant sees (public-view.ts)
 *
 * The submission is an unsafe, anonymous request a cross-site form could send (multipart is a "simple"
 * content type), so it carries the double-submit CSRF token (cookie `gk_csrf` + header `x-csrf-token` or
 * field `_csrf`), which GET …/form hands out. The lookup accepts JSON only (csrfJsonOnly, like the JSON
 * sign-in): a cross-site page cannot send it without a preflight the platform never grants.
 *
 * Limits: submissions and lookups per client address and minute, lookups per tracking number and hour (the
 * 60-bit code cannot be guessed anyway; this stops hammering one case). Files: the counts and sizes of
 * attachments.ts, read with those limits so an oversized upload is cut off while it streams; the type is
 * decided by content there. Errors are {error:{code,message,fields}} with Chinese messages naming the field.
 *
 * The submission answers only after the case has committed and its files are on disk (submit-online.ts);
 * at start-up, and every five minutes, files left staged by a crash are settled (recoverStagedUploads).
 */
import { randomBytes } from 'node:crypto';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { csrfToken } from '../../../platform/http/csrf.js';
import { handleError } from '../../../platform/http/error-handler.js';
import { RateLimiter } from '../../../platform/http/rate-limit.js';
import { findAgency, findAgencyByCode } from '../../accounts/accounts.repository.js';
import { ErrorSchema } from '../../accounts/accounts.schemas.js';
import { type ApplicationCase, toCase } from '../applications.js';
import { listAttachments } from '../applications.repository.js';
import type { ApplicationCaseTable } from '../applications.table.js';
import {
  APPLICATION_FILE_MAX_BYTES,
  APPLICATION_MAX_FILES,
  APPLICATION_MAX_TOTAL_BYTES,
  ATTACHMENT_PURPOSES,
  type AttachmentPurpose,
  recoverStagedUploads,
  type Upload,
} from '../attachments.js';
import { APPLICANT_KIND_CODES, DELIVERY_METHODS, ID_DOCUMENT_KINDS, INFORMATION_FORMS } from '../codes.js';
import { submitOnline } from '../commands/submit-online.js';
import { findApplicantCase, publicView } from '../public-view.js';
import { normaliseTrackingNo } from '../query-code.js';
import { PUBLIC_STATE_LABELS } from '../workflow.js';

const BASE = '/api/v1/applications';
const tags = ['applications'];

/** Purposes an applicant may attach online (补正材料 and 送达凭证 come later, from elsewhere). */
const ONLINE_PURPOSES = ['identity', 'authorization', 'supporting'] as const satisfies AttachmentPurpose[];
const PURPOSE_HINT = ONLINE_PURPOSES.map((p) => `${p}（${ATTACHMENT_PURPOSES[p]}）`).join('、');
// The public form's names (identityFiles …) are accepted too.

// ── Rate limits ──

export interface RateLimits {
  /** Submissions per client address and minute. */
  submitPerMinute: number;
  /** Lookups per client address and minute. */
  lookupPerMinute: number;
  /** Lookups of one tracking number per hour, from anywhere. */
  lookupPerCasePerHour: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  submitPerMinute: 10,
  lookupPerMinute: 30,
  lookupPerCasePerHour: 30,
};

const LIMIT_VARIABLES: Record<keyof RateLimits, string> = {
  submitPerMinute: 'APPLICATIONS_SUBMIT_PER_MINUTE',
  lookupPerMinute: 'APPLICATIONS_LOOKUP_PER_MINUTE',
  lookupPerCasePerHour: 'APPLICATIONS_LOOKUP_PER_CASE_PER_HOUR',
};

/** The limits, each overridable by its environment variable (load tests raise them); bad values stop start-up. */
export function rateLimitsFrom(env: Record<string, string | undefined>): RateLimits {
  const out = { ...DEFAULT_RATE_LIMITS };
  for (const [key, name] of Object.entries(LIMIT_VARIABLES) as [keyof RateLimits, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
      throw new Error(`${name} must be a whole number of at least 1 (got "${raw}")`);
    out[key] = Number(raw);
  }
  return out;
}

// ── Schemas (documentation; the readers check the values and name the fields in Chinese) ──

const str = (description: string) => Type.String({ description });
const nullable = (s: TSchema) => Type.Union([s, Type.Null()]);
const opt = (description: string) => Type.Optional(Type.String({ description }));
const enumOf = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

const SubmissionFields = Type.Object(
  {
    agency: str('受理机关代码（见 /api/v1/open/agencies 的 code）'),
    idempotencyKey: str(
      '表单标识：16–100 位字母、数字、- 或 _（GET /api/v1/applications/form 生成）。同一标识重复提交相同内容，返回同一申请',
    ),
    _csrf: opt('CSRF 令牌（也可放在请求头 x-csrf-token）'),
    applicantKind: enumOf(APPLICANT_KIND_CODES, '申请人类型'),
    name: str('申请人姓名或申请单位名称'),
    workUnit: opt('工作单位（自然人）'),
    idKind: Type.Optional(enumOf(ID_DOCUMENT_KINDS, '证件类型（自然人）')),
    idNumber: opt('证件号码（居民身份证校验校验码）'),
    creditCode: opt('统一社会信用代码（法人或其他组织；校验校验码）'),
    noCreditCodeReason: opt('无统一社会信用代码的原因'),
    legalRepresentative: opt('法定代表人或负责人（法人或其他组织）'),
    contactName: opt('联系人姓名（法人或其他组织）'),
    phone: str('联系电话'),
    email: opt('电子邮箱（选择电子邮件方式时必填）'),
    fax: opt('传真号码（选择传真方式时必填）'),
    address: opt('通信地址（选择邮寄或快递时必填）'),
    postalCode: opt('邮政编码'),
    hasAgent: opt('委托代理人申请时为 on（须附 authorization 授权委托书）'),
    agentName: opt('代理人姓名'),
    agentIdKind: Type.Optional(enumOf(ID_DOCUMENT_KINDS, '代理人证件类型')),
    agentIdNumber: opt('代理人证件号码'),
    agentPhone: opt('代理人联系电话'),
    infoDescription: str('所需信息的内容描述'),
    infoTitle: opt('所需信息的名称'),
    infoDocNo: opt('所需信息的文号'),
    infoIndexNo: opt('所需信息的索引号'),
    infoPurpose: opt('所需信息的用途'),
    informationForms: Type.Optional(
      Type.Array(enumOf(INFORMATION_FORMS, '所需信息的指定提供方式（可重复）')),
    ),
    deliveryMethods: Type.Array(enumOf(DELIVERY_METHODS, '获取信息的方式（可重复，至少一种）')),
    acceptOtherForm: opt('接受其他提供方式时为 on'),
    privacyConsent: str('同意个人信息保护说明：on'),
    declaration: str('申请人声明：on'),
    identity: Type.Optional(Type.String({ format: 'binary', description: '身份证明（文件，可多个）' })),
    authorization: Type.Optional(
      Type.String({ format: 'binary', description: '授权委托书（文件；代理申请时必需）' }),
    ),
    supporting: Type.Optional(Type.String({ format: 'binary', description: '其他材料（文件，可多个）' })),
  },
  {
    description:
      `multipart/form-data。文件按内容识别类型（PDF、JPEG、PNG、Word），每个不超过${APPLICATION_FILE_MAX_BYTES / 1024 / 1024} MB，` +
      `至多${APPLICATION_MAX_FILES}个、合计不超过${APPLICATION_MAX_TOTAL_BYTES / 1024 / 1024} MB。`,
  },
);

const RequestSchema = Type.Object({
  description: str('所需信息的内容描述'),
  title: nullable(str('所需信息的名称')),
  docNo: nullable(str('文号')),
  indexNo: nullable(str('索引号')),
  purpose: nullable(str('用途')),
  forms: Type.Array(Type.String(), { description: '指定提供方式' }),
  deliveryMethods: Type.Array(Type.String(), { description: '获取信息的方式' }),
  acceptOtherForm: Type.Boolean(),
});

const AttachmentSchema = Type.Object({
  fileName: str('文件名'),
  purpose: str('用途代码'),
  purposeLabel: str('用途'),
  type: str('按内容识别的类型'),
  size: Type.Integer({ description: '字节数' }),
  sha256: str('内容的 SHA-256（十六进制）'),
});

const AgencyRef = Type.Object({ code: str('机关代码'), name: str('机关名称') });

const ReceiptSchema = Type.Object({
  trackingNo: str('申请编号'),
  queryCode: str('查询码（仅此一次显示，与申请编号一起用于查询和撤回）'),
  created: Type.Boolean({ description: 'false：同一表单此前已提交，返回的是那次的申请' }),
  agency: AgencyRef,
  submittedAt: str('提交时间（ISO 8601）'),
  submittedOn: str('提交日期（YYYY-MM-DD，北京时间）'),
  status: str('状态'),
  request: RequestSchema,
  attachments: Type.Array(AttachmentSchema),
  lookupUrl: str('查询接口'),
});

const LookupBody = Type.Object({
  trackingNo: str('申请编号'),
  queryCode: str('查询码（大小写、空格和连字符不论）'),
});

const Step = Type.Object({ on: Type.String(), until: Type.Optional(Type.String()), text: Type.String() });
const LetterSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  number: nullable(Type.String()),
  sentOn: nullable(Type.String()),
  deliveredOn: nullable(Type.String()),
  hasFile: Type.Boolean(),
});
const LookupSchema = Type.Object({
  trackingNo: str('申请编号'),
  agencyName: str('受理机关'),
  channel: str('申请渠道'),
  status: str('状态'),
  submittedOn: Type.String(),
  receivedOn: nullable(Type.String({ description: '收到申请之日（受理机关确认后）' })),
  dueOn: nullable(Type.String({ description: '当前答复期限' })),
  clockState: nullable(Type.String()),
  closedOn: nullable(Type.String()),
  outcome: nullable(Type.Object({ code: Type.String(), label: Type.String() })),
  notOurs: nullable(Type.Object({ name: Type.String(), contact: Type.String() })),
  forwardedTo: nullable(Type.Object({ trackingNo: Type.String(), agencyName: Type.String() })),
  steps: Type.Array(Step, { description: '每一步及其日期，期限的计算过程' }),
  letters: Type.Array(LetterSchema, { description: '已寄送申请人的文书' }),
  canWithdraw: Type.Boolean(),
  request: RequestSchema,
  attachments: Type.Array(AttachmentSchema),
});

const FormSchema = Type.Object({
  idempotencyKey: str('新表单的标识，提交时原样带回'),
  csrfToken: str('提交时放在请求头 x-csrf-token（或字段 _csrf），并带上本响应设置的 Cookie'),
  limits: Type.Object({
    maxFileBytes: Type.Integer(),
    maxFiles: Type.Integer(),
    maxTotalBytes: Type.Integer(),
    purposes: Type.Array(Type.Object({ field: Type.String(), label: Type.String() })),
  }),
});

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema };

// ── Presenting ──

function presentRequest(c: ApplicationCase) {
  return {
    description: c.info.description,
    title: c.info.title,
    docNo: c.info.docNo,
    indexNo: c.info.indexNo,
    purpose: c.info.purpose,
    forms: c.info.forms,
    deliveryMethods: c.info.deliveryMethods,
    acceptOtherForm: c.info.acceptOtherForm,
  };
}

async function presentAttachments(req: FastifyRequest, caseId: string) {
  const rows = await listAttachments(req.server.services.db, caseId);
  return rows.map((r) => ({
    fileName: r.file_name,
    purpose: r.purpose,
    purposeLabel: ATTACHMENT_PURPOSES[r.purpose as AttachmentPurpose] ?? r.purpose,
    type: r.type,
    size: Number(r.size),
    sha256: r.sha256,
  }));
}

// ── Reading the multipart form ──

interface ReadFiles {
  uploads: Upload[];
  problems: { field: string; message: string }[];
  total: number;
}
const filesOf = new WeakMap<FastifyRequest, ReadFiles>();
/** Requests whose body has been read: errors after this are not the client's form. */
const parsed = new WeakSet<FastifyRequest>();

function readFilesOf(req: FastifyRequest): ReadFiles {
  let r = filesOf.get(req);
  if (!r) {
    r = { uploads: [], problems: [], total: 0 };
    filesOf.set(req, r);
  }
  return r;
}

/** Reads one file part within the limits; what is over a limit is drained, not kept, and named. */
async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const r = readFilesOf(this);
  const name = part.filename || `附件${r.uploads.length + r.problems.length + 1}`;
  // `identity` or, as the public form names its inputs, `identityFiles`.
  const bare = part.fieldname.replace(/Files$/, '');
  const purpose = (ONLINE_PURPOSES as readonly string[]).includes(bare) ? (bare as AttachmentPurpose) : null;
  const chunks: Buffer[] = [];
  let keep = purpose !== null;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    r.total += chunk.length;
    if (r.total > APPLICATION_MAX_TOTAL_BYTES) keep = false;
    if (keep) chunks.push(chunk);
  }
  if (!purpose)
    r.problems.push({
      field: part.fieldname,
      message: `附件“${name}”所在的字段“${part.fieldname}”无效（可用：${PURPOSE_HINT}）`,
    });
  else if (part.file.truncated)
    r.problems.push({
      field: part.fieldname,
      message: `附件“${name}”超过${APPLICATION_FILE_MAX_BYTES / 1024 / 1024} MB，不能上传`,
    });
  else if (keep) r.uploads.push({ fileName: name, bytes: Buffer.concat(chunks), purpose });
}

/** Errors of the multipart reader (limits, malformed bodies) as Chinese field messages; others pass. */
function formError(err: FastifyError, req: FastifyRequest): unknown {
  if (err instanceof AppError || parsed.has(req) || !req.isMultipart()) return err;
  switch (err.code) {
    case 'FST_FILES_LIMIT':
      return AppError.validation([
        { field: 'attachments', message: `附件不能超过${APPLICATION_MAX_FILES}个` },
      ]);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return AppError.validation([{ field: 'body', message: '表单字段过多，请按接口说明提交' }]);
    case 'FST_PROTO_VIOLATION':
      return AppError.validation([{ field: 'body', message: '表单包含无效的字段名' }]);
    default:
      // busboy's own failures (a truncated or malformed body) carry no status: the client's form is bad.
      if (!err.statusCode || err.statusCode < 500)
        return AppError.validation([{ field: 'body', message: '表单内容不完整或格式不正确，请重新提交' }]);
      return err;
  }
}

/**
 * Admits at most `limit` submissions to the database at once; the others wait their turn in order. The
 * tracking-number counter makes submissions commit one after another anyway; without the gate a burst
 * waits in the connection pool instead, whose 5 s time-out turns the queue into 503s (bench:applications).
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Submissions in the database at once (below the PostgreSQL pool's 10 connections, leaving room for reads). */
const SUBMISSIONS_AT_ONCE = 6;

function body(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? { ...(req.body as Record<string, unknown>) } : {};
}

// ── Routes ──

export async function applicationsApiRoutes(app: FastifyInstance) {
  const { services } = app;
  const limits = rateLimitsFrom(process.env);
  const submitLimiter = new RateLimiter(limits.submitPerMinute, 60_000);
  const lookupLimiter = new RateLimiter(limits.lookupPerMinute, 60_000);
  const caseLimiter = new RateLimiter(limits.lookupPerCasePerHour, 60 * 60_000);
  const gate = new Gate(SUBMISSIONS_AT_ONCE);

  await app.register(multipart, {
    // Fields (the CSRF token among them) are read into the body before the preHandler's CSRF check;
    // files are collected by onFile, within the limits, and never put in the body.
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: {
      fileSize: APPLICATION_FILE_MAX_BYTES,
      files: APPLICATION_MAX_FILES,
      fields: 80,
      parts: 100,
      fieldSize: 64 * 1024,
    },
    onFile,
  });
  app.addHook('preValidation', async (req) => {
    parsed.add(req);
  });
  app.setErrorHandler((err: FastifyError, req, reply) => handleError(formError(err, req), req, reply));

  // Files a crash left staged: settled before the first request, then every five minutes.
  const settle = (dead: 'dead owners' | 'stale') =>
    recoverStagedUploads(services.db, services.config.dataDir).then(
      (r) => {
        if (r.promoted || r.removed)
          app.log.info({ ...r, dead }, 'staged application files settled after an interrupted submission');
      },
      (err) => app.log.error({ err }, 'settling staged application files failed'),
    );
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    await settle('dead owners');
    timer = setInterval(() => void settle('stale'), 5 * 60_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });

  const limited = (limiter: RateLimiter, key: string, reply: FastifyReply, message: string) => {
    if (limiter.take(key)) return;
    reply.header('retry-after', '60');
    throw new AppError('rate_limited', message);
  };
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get(
    `${BASE}/form`,
    {
      config: { access: access.public },
      schema: {
        tags,
        summary: '新的申请表：表单标识（幂等键）与 CSRF 令牌（同时设置 Cookie gk_csrf）',
        response: { 200: FormSchema },
      },
    },
    async (req, reply) => {
      noStore(reply);
      return {
        idempotencyKey: randomBytes(18).toString('base64url'),
        csrfToken: csrfToken(req, reply),
        limits: {
          maxFileBytes: APPLICATION_FILE_MAX_BYTES,
          maxFiles: APPLICATION_MAX_FILES,
          maxTotalBytes: APPLICATION_MAX_TOTAL_BYTES,
          purposes: ONLINE_PURPOSES.map((p) => ({ field: p, label: ATTACHMENT_PURPOSES[p] })),
        },
      };
    },
  );

  app.post(
    BASE,
    {
      config: { access: access.public },
      onRequest: async (req, reply) =>
        limited(submitLimiter, req.ip, reply, '提交过于频繁，请一分钟后再试。'),
      // Checked by the command (all problems at once, in Chinese); the schema documents the form.
      attachValidation: true,
      schema: {
        tags,
        summary: '网上提交政府信息公开申请（无需登录；multipart/form-data，须带 CSRF 令牌和表单标识）',
        description:
          '成功时返回申请编号和查询码（201）。网络中断后用同一表单标识重新提交相同内容，返回同一申请（200，created 为 false）；' +
          '同一标识提交不同内容返回 409。响应在申请及其附件写入磁盘之后才发出。',
        security: [{ csrf: [] }],
        body: {
          content: {
            'multipart/form-data': { schema: SubmissionFields },
          },
        },
        response: { 200: ReceiptSchema, 201: ReceiptSchema, ...errors },
      },
    },
    async (req, reply) => {
      const input = body(req);
      const files = filesOf.get(req) ?? { uploads: [], problems: [], total: 0 };
      if (files.total > APPLICATION_MAX_TOTAL_BYTES)
        files.problems.push({
          field: 'attachments',
          message: `附件合计不能超过${APPLICATION_MAX_TOTAL_BYTES / 1024 / 1024} MB`,
        });
      const code = typeof input.agency === 'string' ? input.agency.trim() : '';
      const agency = code ? await findAgencyByCode(services.db, code) : undefined;
      const problems = [...files.problems];
      if (!code) problems.push({ field: 'agency', message: '请选择受理机关（agency）' });
      else if (agency?.status !== 'active')
        problems.push({ field: 'agency', message: `受理机关（agency）“${code}”不存在或已撤销` });
      let result: Awaited<ReturnType<typeof submitOnline>>;
      try {
        // With a problem found here, no agency: the command then only checks the fields (all at once).
        const agencyId = problems.length === 0 && agency ? agency.id : '';
        result = await gate.run(() =>
          submitOnline(services, agencyId, input, files.uploads, { requestId: req.id }),
        );
      } catch (e) {
        // One answer with every problem: the command's, the agency's, the files' read here.
        if (e instanceof AppError && e.code === 'validation_failed' && problems.length > 0)
          throw AppError.validation([...problems, ...e.fields.filter((f) => f.field !== 'agencyId')]);
        throw e;
      }
      const c = result.case;
      const ag = await findAgency(services.db, c.agencyId);
      noStore(reply);
      return reply.status(result.created ? 201 : 200).send({
        trackingNo: result.trackingNo,
        queryCode: result.queryCode,
        created: result.created,
        agency: { code: ag?.code ?? '', name: ag?.name ?? '' },
        submittedAt: c.submittedAt,
        submittedOn: c.arrivedOn,
        status: PUBLIC_STATE_LABELS[c.state],
        request: presentRequest(c),
        attachments: await presentAttachments(req, c.id),
        lookupUrl: `${BASE}/lookup`,
      });
    },
  );

  app.post(
    `${BASE}/lookup`,
    {
      config: { access: access.public, csrfJsonOnly: true },
      onRequest: async (req, reply) =>
        limited(lookupLimiter, req.ip, reply, '查询过于频繁，请一分钟后再试。'),
      attachValidation: true,
      schema: {
        tags,
        summary: '凭申请编号和查询码查询申请（每一步及日期、答复期限、已寄送的文书）',
        description: '申请编号或查询码不正确时统一返回 404。响应不缓存（Cache-Control: no-store）。',
        body: LookupBody,
        response: { 200: LookupSchema, ...errors },
      },
    },
    async (req, reply) => {
      noStore(reply);
      const input = body(req);
      const no = normaliseTrackingNo(input.trackingNo);
      const fields = [];
      if (!no) fields.push({ field: 'trackingNo', message: '请填写申请编号' });
      if (typeof input.queryCode !== 'string' || !input.queryCode.trim())
        fields.push({ field: 'queryCode', message: '请填写查询码' });
      if (fields.length) throw AppError.validation(fields);
      limited(caseLimiter, no, reply, '该申请编号的查询过于频繁，请稍后再试。');
      const row: ApplicationCaseTable = await findApplicantCase(services, no, input.queryCode);
      const c = toCase(row);
      return {
        ...(await publicView(services, row)),
        request: presentRequest(c),
        attachments: await presentAttachments(req, c.id),
      };
    },
  );
}
