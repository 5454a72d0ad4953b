/**
 * The public pages of 依申请公开, without an account and without script (README "## Public pages"):
 *
 *   GET  /apply                       choose the agency (active governments and their departments)
 *   GET  /gk/{code}/apply             the online form (a fresh idempotency key and CSRF token)
 *   POST /gk/{code}/apply             multipart: intent=search lists matching published items, intent=submit
 *                                     submits (submitOnline) and answers with the 回执
 *   GET  /apply/lookup                申请查询: 申请编号 + 查询码
 *   POST /apply/lookup                the applicant's view of the case (public-view.ts)
 *   POST /apply/withdraw              confirmation, then withdrawByApplicant (confirm=yes)
 *   POST /apply/letter                a letter sent to the applicant, as .docx (letters/render.ts)
 *   POST /apply/correct               the corrected application while 待补正 (receiveCorrectionByApplicant)
 *
 * Every page exists in each site variant (`/lb`, `/ft`, `/lb/ft` prefixes), like the portal's. The query
 * code travels only in POST bodies, never in a URL; pages carrying the applicant's data or the code are
 * `Cache-Control: no-store`. Submissions, searches and lookups are rate-limited per client address, lookups
 * also per tracking number (a wrong code and a wrong number get the same answer). Nothing here logs.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginOptions,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import type { ComponentChildren } from 'preact';
import { AppError, type FieldError, FieldErrors } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { csrfToken } from '../../../platform/http/csrf.js';
import { handleError } from '../../../platform/http/error-handler.js';
import { RateLimiter } from '../../../platform/http/rate-limit.js';
import { chinaToday } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import type { Input } from '../../../platform/validate.js';
import { loadDirectory } from '../../portal/directory.js';
import { loadSection, type SectionData } from '../../portal/page-data.js';
import { portalUrls } from '../../portal/urls.js';
import { prefixOf, VARIANTS } from '../../portal/variants.js';
import { portalSite, renderPortalPage } from '../../portal/views/render.js';
import { MAX_QUERY_CHARS } from '../../search/search.js';
import { clipQueryText, searchPublications } from '../../search/search.repository.js';
import { toCase } from '../applications.js';
import { checkUploads } from '../attachments.js';
import { receiveCorrectionByApplicant } from '../commands/correction.js';
import { submitOnline } from '../commands/submit-online.js';
import { withdrawByApplicant } from '../commands/withdraw.js';
import { readInformation } from '../personal.js';
import { APPLY_CSS, APPLY_CSS_PATH, APPLY_JS, APPLY_JS_PATH } from '../public/assets.js';
import {
  CORRECTION_FILE_INPUTS,
  type FilePart,
  FORM_BODY_LIMIT,
  formValues,
  IDEMPOTENCY_KEY,
  MULTIPART_LIMITS,
  newIdempotencyKey,
  placeFileErrors,
  readForm,
} from '../public/form-input.js';
import { renderApplicantLetter } from '../public/letter-download.js';
import {
  ApplyFormPage,
  type ApplyFormProps,
  CaseViewPage,
  ChooseAgencyPage,
  LookupPage,
  ProblemPage,
  ReceiptPage,
  TooManyPage,
  WithdrawConfirmPage,
} from '../public/views.js';
import { findApplicantCase, lookupCase, publicView } from '../public-view.js';
import { normaliseTrackingNo } from '../query-code.js';

const HTML = 'text/html; charset=utf-8';
const route = { config: { access: access.public }, schema: { hide: true } };

/** Per client address and per tracking number; the numbers are in the README. */
export const PUBLIC_LIMITS = {
  submit: { limit: 10, windowMs: 10 * 60_000, what: '提交申请' },
  search: { limit: 30, windowMs: 60_000, what: '查找已公开的信息' },
  lookup: { limit: 30, windowMs: 10 * 60_000, what: '查询申请' },
  lookupPerCase: { limit: 20, windowMs: 60 * 60_000, what: '查询同一申请' },
} as const;
type LimitName = keyof typeof PUBLIC_LIMITS;
type Limiters = Record<LimitName, RateLimiter>;

/** Multipart parsing problems (before the handler runs) as Chinese messages. */
function multipartError(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return AppError.validation([{ field: 'attachments', message: '附件数量过多，请减少附件后重新提交' }]);
    case 'FST_FIELDS_LIMIT':
      return AppError.validation([{ field: 'body', message: '提交的字段过多，请刷新页面后重新填写' }]);
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return AppError.validation([{ field: 'attachments', message: '附件合计过大，请减少附件后重新提交' }]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return AppError.validation([{ field: 'body', message: '表单格式不正确，请刷新页面后重新提交' }]);
    default:
      return null;
  }
}

export async function applicationsPublicRoutes(app: FastifyInstance) {
  await app.register(multipart, {
    // Fields (the CSRF token among them) and files are read into the body before the preHandler, so the
    // CSRF check sees `_csrf` as for any other form; a file over the size limit is cut and flagged.
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: MULTIPART_LIMITS,
    async onFile(part: MultipartFile) {
      const bytes = await part.toBuffer();
      const value: FilePart = { fileName: part.filename, bytes, tooLarge: part.file.truncated };
      (part as unknown as { value: FilePart }).value = value;
    },
  });
  app.setErrorHandler(async (err: FastifyError, req, reply) =>
    handleError(multipartError(err) ?? err, req, reply),
  );

  const limiters = Object.fromEntries(
    Object.entries(PUBLIC_LIMITS).map(([k, v]) => [k, new RateLimiter(v.limit, v.windowMs)]),
  ) as Limiters;

  const cacheControl = 'public, max-age=3600';
  app.get(APPLY_CSS_PATH, route, async (_req, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', cacheControl)
      .send(APPLY_CSS),
  );
  app.get(APPLY_JS_PATH, route, async (_req, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', cacheControl)
      .send(APPLY_JS),
  );

  for (const variant of VARIANTS)
    await app.register(publicPagesRoutes, { prefix: prefixOf(variant), limiters });
}

/** The pages of one site variant. */
async function publicPagesRoutes(app: FastifyInstance, opts: FastifyPluginOptions) {
  const services: Services = app.services;
  const { db, config } = services;
  const limiters = opts.limiters as Limiters;
  const prefix = typeof opts.prefix === 'string' ? opts.prefix : '';
  const urls = portalUrls(prefix);
  const site = portalSite(config);

  /** Sends a page in the portal layout; never stored by a cache (CSRF token, personal data, the code). */
  const send = (
    reply: FastifyReply,
    o: { title: string[]; path: string; section?: SectionData | null; body: ComponentChildren },
    status = 200,
  ) =>
    reply
      .status(status)
      .header('content-type', HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPortalPage({
          site,
          urls,
          section: o.section ?? null,
          head: { title: o.title, columnName: '政府信息公开申请', article: null, path: `${prefix}${o.path}` },
          body: o.body,
        }),
      );

  /** Takes a hit; when over the limit answers 429 with a Chinese page and returns false. */
  const allow = (
    req: FastifyRequest,
    reply: FastifyReply,
    name: LimitName,
    key: string,
    /** Answers the 429 itself (the form keeps what was typed); default: the 操作过于频繁 page. */
    onLimited?: (message: string) => void,
  ): boolean => {
    if (limiters[name].take(`${name}:${key}`)) return true;
    const l = PUBLIC_LIMITS[name];
    reply.header('retry-after', String(Math.ceil(l.windowMs / 1000)));
    const minutes = Math.ceil(l.windowMs / 60_000);
    if (onLimited) {
      onLimited(`${l.what}次数过多，请约${minutes}分钟后再试。已填写的内容保留在下面（附件需要重新选择）。`);
      return false;
    }
    send(
      reply,
      {
        title: ['操作过于频繁'],
        path: req.url.split('?')[0]!.slice(prefix.length),
        body: <TooManyPage what={l.what} retryMinutes={Math.ceil(l.windowMs / 60_000)} prefix={prefix} />,
      },
      429,
    );
    return false;
  };

  // ── 选择受理机关 ──
  app.get('/apply', route, async (_req, reply) => {
    const directory = await loadDirectory(db);
    return send(reply, {
      title: ['政府信息公开申请'],
      path: '/apply',
      body: <ChooseAgencyPage groups={directory.governments} prefix={prefix} />,
    });
  });

  // ── 在线申请表 ──
  const agencyCode = (req: FastifyRequest) => (req.params as { agencyCode: string }).agencyCode;

  /** The section of an agency that takes applications, or a page saying why it does not. */
  async function applyingSection(req: FastifyRequest, reply: FastifyReply): Promise<SectionData | null> {
    const section = await loadSection(db, agencyCode(req));
    if (section.agency.status === 'active') return section;
    const successor = section.successor
      ? `，请向承担其职责的${section.successor.name}提出申请`
      : '，请向承担其职责的机关提出申请';
    send(
      reply,
      {
        title: ['不再受理申请', section.agency.name],
        path: `/gk/${section.agency.code}/apply`,
        section,
        body: (
          <ProblemPage
            title="该机关不再受理政府信息公开申请"
            message={`${section.agency.name}已${section.agency.status === 'merged' ? '合并' : '撤销'}${successor}。`}
            prefix={prefix}
          />
        ),
      },
      410,
    );
    return null;
  }

  const showForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    section: SectionData,
    p: Omit<ApplyFormProps, 'agency' | 'csrf' | 'prefix'>,
    status = 200,
  ) =>
    send(
      reply,
      {
        title: ['在线申请', section.agency.name],
        path: `/gk/${section.agency.code}/apply`,
        section,
        body: <ApplyFormPage {...p} agency={section.agency} csrf={csrfToken(req, reply)} prefix={prefix} />,
      },
      status,
    );

  app.get('/gk/:agencyCode/apply', route, async (req, reply) => {
    const section = await applyingSection(req, reply);
    if (!section) return reply;
    return showForm(req, reply, section, {
      values: {},
      errors: [],
      idempotencyKey: newIdempotencyKey(),
      matches: null,
      hadFiles: false,
    });
  });

  app.post('/gk/:agencyCode/apply', { ...route, bodyLimit: FORM_BODY_LIMIT }, async (req, reply) => {
    const section = await applyingSection(req, reply);
    if (!section) return reply;
    const form = readForm(req.body);
    const values = formValues(form.input);
    const sentKey = typeof form.input.idempotencyKey === 'string' ? form.input.idempotencyKey : '';
    const key = IDEMPOTENCY_KEY.test(sentKey) ? sentKey : newIdempotencyKey();
    const base = { values, idempotencyKey: key, hadFiles: form.hadFiles, matches: null, errors: [] };

    const limitedForm = (message: string) => showForm(req, reply, section, { ...base, message }, 429);

    if (form.input.intent === 'search') {
      if (!allow(req, reply, 'search', req.ip, limitedForm)) return reply;
      const text = matchText(form.input);
      const matches = text
        ? (
            await searchPublications(db, {
              text,
              field: 'all',
              agencyIds: [section.agency.id],
              columnIds: null,
              topic: null,
              genre: null,
              validity: null,
              publishedFrom: null,
              publishedTo: null,
              writtenFrom: null,
              writtenTo: null,
              docNoPrefix: null,
              docNoYear: null,
              docNoSeq: null,
              sort: 'relevance',
              page: 1,
              pageSize: 10,
            })
          ).hits
        : [];
      return showForm(req, reply, section, { ...base, matches, searchedFor: text });
    }

    if (!allow(req, reply, 'submit', req.ip, limitedForm)) return reply;
    let result: Awaited<ReturnType<typeof submitOnline>>;
    try {
      if (form.fileErrors.length > 0) throw AppError.validation([]);
      result = await submitOnline(services, section.agency.id, form.input, form.uploads, {
        requestId: req.id,
      });
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'validation_failed' && e.code !== 'conflict')) throw e;
      if (e.code === 'conflict')
        return showForm(
          req,
          reply,
          section,
          { ...base, idempotencyKey: newIdempotencyKey(), message: e.message },
          409,
        );
      const errors = [
        ...form.fileErrors,
        ...placeFileErrors(withFileProblems(e.fields, form.uploads), form.uploadInput),
      ];
      return showForm(req, reply, section, { ...base, errors: dedupe(errors) }, 400);
    }
    const c = result.case;
    return send(reply, {
      title: ['申请回执', section.agency.name],
      path: `/gk/${section.agency.code}/apply`,
      section,
      body: (
        <ReceiptPage
          trackingNo={result.trackingNo}
          queryCode={result.queryCode}
          agencyName={section.agency.name}
          submittedOn={chinaToday(new Date(c.submittedAt))}
          title={c.info.title}
          description={c.info.description}
          created={result.created}
          prefix={prefix}
        />
      ),
    });
  });

  // ── 申请查询 ──
  const lookupForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    p: { values?: Record<string, string>; errors?: FieldError[]; message?: string | null },
    status = 200,
  ) =>
    send(
      reply,
      {
        title: ['申请查询'],
        path: '/apply/lookup',
        body: (
          <LookupPage
            values={p.values ?? {}}
            errors={p.errors ?? []}
            message={p.message ?? null}
            csrf={csrfToken(req, reply)}
            prefix={prefix}
          />
        ),
      },
      status,
    );

  app.get('/apply/lookup', route, async (req, reply) => lookupForm(req, reply, {}));

  // A form posted without a valid CSRF token (the cookie expired with the browser session, or was blocked):
  // the same form comes back with what was typed and a fresh token, instead of a page that loses it all.
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const appErr = err instanceof AppError ? err : null;
    if (appErr?.code === 'csrf_failed' && req.method === 'POST') {
      const url = req.routeOptions.url ?? '';
      const message = '页面已过期，为保护您的信息，请核对下面的内容后重新提交。';
      if (url.endsWith('/gk/:agencyCode/apply')) {
        const section = await loadSection(db, agencyCode(req)).catch(() => null);
        if (section?.agency.status === 'active') {
          const form = readForm(req.body);
          const sentKey = typeof form.input.idempotencyKey === 'string' ? form.input.idempotencyKey : '';
          return showForm(
            req,
            reply,
            section,
            {
              values: formValues(form.input),
              errors: [],
              idempotencyKey: IDEMPOTENCY_KEY.test(sentKey) ? sentKey : newIdempotencyKey(),
              matches: null,
              hadFiles: form.hadFiles,
              message,
            },
            403,
          );
        }
      }
      if (/\/apply\/(lookup|withdraw|letter|correct)$/.test(url)) {
        const no = (req.body as Input | undefined)?.trackingNo;
        return lookupForm(
          req,
          reply,
          { values: typeof no === 'string' ? { trackingNo: no } : {}, message },
          403,
        );
      }
    }
    return handleError(multipartError(err) ?? err, req, reply);
  });

  /**
   * The tracking number and code of a case-view form, rate-limited per address and per number; null (with
   * the page sent) when limited or missing.
   */
  function credentials(
    req: FastifyRequest,
    reply: FastifyReply,
  ): { trackingNo: string; queryCode: string } | null {
    const body = (req.body ?? {}) as Input;
    const trackingNo = typeof body.trackingNo === 'string' ? body.trackingNo.trim() : '';
    const queryCode = typeof body.queryCode === 'string' ? body.queryCode.trim() : '';
    const errors: FieldError[] = [];
    if (!trackingNo) errors.push({ field: 'trackingNo', message: '请填写申请编号' });
    if (!queryCode) errors.push({ field: 'queryCode', message: '请填写查询码' });
    if (errors.length) {
      lookupForm(req, reply, { values: { trackingNo }, errors }, 400);
      return null;
    }
    if (!allow(req, reply, 'lookup', req.ip)) return null;
    if (!allow(req, reply, 'lookupPerCase', normaliseTrackingNo(trackingNo) || trackingNo)) return null;
    return { trackingNo, queryCode };
  }

  /** Runs `fn` with the case's row; a wrong number or code re-shows the lookup form with one message. */
  async function withCase(
    req: FastifyRequest,
    reply: FastifyReply,
    fn: (
      cred: { trackingNo: string; queryCode: string },
      row: Awaited<ReturnType<typeof findApplicantCase>>,
    ) => Promise<unknown>,
  ) {
    const cred = credentials(req, reply);
    if (!cred) return reply;
    let row: Awaited<ReturnType<typeof findApplicantCase>>;
    try {
      row = await findApplicantCase(services, cred.trackingNo, cred.queryCode);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found')
        return lookupForm(req, reply, { values: { trackingNo: cred.trackingNo }, message: e.message }, 404);
      throw e;
    }
    return fn(cred, row);
  }

  const showCase = async (
    req: FastifyRequest,
    reply: FastifyReply,
    row: Awaited<ReturnType<typeof findApplicantCase>>,
    queryCode: string,
    extra: {
      notice?: string;
      error?: string;
      correction?: { values: Record<string, string | string[]>; errors: FieldError[]; hadFiles: boolean };
    } = {},
    status = 200,
  ) => {
    const view = await publicView(services, row);
    const correction =
      row.state === 'awaitingCorrection'
        ? (extra.correction ?? { values: infoValues(row), errors: [], hadFiles: false })
        : null;
    return send(
      reply,
      {
        title: ['申请办理情况'],
        path: '/apply/lookup',
        body: (
          <CaseViewPage
            view={view}
            queryCode={queryCode}
            csrf={csrfToken(req, reply)}
            notice={extra.notice ?? null}
            error={extra.error ?? null}
            prefix={prefix}
            correction={correction}
          />
        ),
      },
      status,
    );
  };

  app.post('/apply/lookup', route, async (req, reply) =>
    withCase(req, reply, (cred, row) => showCase(req, reply, row, cred.queryCode)),
  );

  // ── 撤回 ──
  app.post('/apply/withdraw', route, async (req, reply) =>
    withCase(req, reply, async (cred, row) => {
      const body = (req.body ?? {}) as Input;
      const view = await publicView(services, row);
      const confirmPage = (errors: FieldError[], status: number) =>
        send(
          reply,
          {
            title: ['撤回申请'],
            path: '/apply/lookup',
            body: (
              <WithdrawConfirmPage
                trackingNo={view.trackingNo}
                agencyName={view.agencyName}
                queryCode={cred.queryCode}
                csrf={csrfToken(req, reply)}
                values={formValues(body)}
                errors={errors}
                prefix={prefix}
              />
            ),
          },
          status,
        );
      if (!view.canWithdraw)
        return showCase(req, reply, row, cred.queryCode, { error: '本申请已办结或已撤回，不能撤回。' }, 422);
      if (body.confirm !== 'yes') return confirmPage([], 200);
      try {
        await withdrawByApplicant(services, cred.trackingNo, cred.queryCode, { reason: body.reason }, req.id);
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation_failed') return confirmPage(e.fields, 400);
        if (e instanceof AppError && (e.code === 'refused' || e.code === 'conflict'))
          return showCase(req, reply, row, cred.queryCode, { error: e.message }, 422);
        throw e;
      }
      const fresh = await findApplicantCase(services, cred.trackingNo, cred.queryCode);
      return showCase(req, reply, fresh, cred.queryCode, { notice: '您的申请已撤回。' });
    }),
  );

  // ── 文书下载 ──
  app.post('/apply/letter', route, async (req, reply) =>
    withCase(req, reply, async (cred, row) => {
      const letterId = (req.body as Input).letterId;
      const view = await publicView(services, row);
      const letter = typeof letterId === 'string' ? view.letters.find((l) => l.id === letterId) : undefined;
      if (!letter)
        return showCase(
          req,
          reply,
          row,
          cred.queryCode,
          { error: '所选文书不存在或尚未送达，不能下载。' },
          404,
        );
      let file: Awaited<ReturnType<typeof renderApplicantLetter>>;
      try {
        file = await renderApplicantLetter(
          services,
          { id: row.id, agencyId: row.agency_id, trackingNo: row.tracking_no },
          letter,
          req.id,
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        return showCase(
          req,
          reply,
          row,
          cred.queryCode,
          { error: `文书暂时无法下载：${e.message}` },
          e.status,
        );
      }
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="letter.docx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.bytes);
    }),
  );

  // ── 补正 ──
  app.post('/apply/correct', { ...route, bodyLimit: FORM_BODY_LIMIT }, async (req, reply) =>
    withCase(req, reply, async (cred, row) => {
      const form = readForm(req.body, CORRECTION_FILE_INPUTS);
      const values = formValues(form.input);
      delete values.trackingNo;
      delete values.queryCode;
      const again = (errors: FieldError[], status: number, error?: string) =>
        showCase(
          req,
          reply,
          row,
          cred.queryCode,
          {
            ...(error ? { error } : {}),
            correction: { values, errors: dedupe(errors), hadFiles: form.hadFiles },
          },
          status,
        );
      try {
        // Every problem in one round: the description's fields and the files, before anything is stored.
        const fe = new FieldErrors();
        readInformation(fe, correctionInput(form.input));
        const problems = [...fe.list, ...withFileProblems([], form.uploads)];
        if (form.fileErrors.length > 0 || problems.length > 0) throw AppError.validation(problems);
        await receiveCorrectionByApplicant(
          services,
          cred.trackingNo,
          cred.queryCode,
          { ...correctionInput(form.input) },
          form.uploads.map((u) => ({ ...u, purpose: 'correction' as const })),
          req.id,
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation_failed')
          return again(
            [
              ...form.fileErrors,
              ...placeFileErrors(
                withFileProblems(e.fields, form.uploads),
                form.uploadInput,
                'correctionFiles',
              ),
            ],
            400,
          );
        if (e instanceof AppError && (e.code === 'refused' || e.code === 'conflict'))
          return showCase(req, reply, row, cred.queryCode, { error: e.message }, 422);
        throw e;
      }
      const fresh = await findApplicantCase(services, cred.trackingNo, cred.queryCode);
      return showCase(req, reply, fresh, cred.queryCode, {
        notice: '补正已提交。答复期限自收到补正之日起重新计算。',
      });
    }),
  );

  void lookupCase; // the JSON API's entry point; the pages go through findApplicantCase + publicView
}

/** The case's current description of the information, as the correction form shows it. */
function infoValues(row: Parameters<typeof toCase>[0]): Record<string, string | string[]> {
  const i = toCase(row).info;
  return {
    infoTitle: i.title ?? '',
    infoDocNo: i.docNo ?? '',
    infoIndexNo: i.indexNo ?? '',
    infoDescription: i.description,
    infoPurpose: i.purpose ?? '',
    informationForms: i.forms,
    deliveryMethods: i.deliveryMethods,
    ...(i.acceptOtherForm ? { acceptOtherForm: 'on' } : {}),
  };
}

/** Only the correction form's own fields reach the command. */
function correctionInput(input: Input): Input {
  const keep = [
    'infoTitle',
    'infoDocNo',
    'infoIndexNo',
    'infoDescription',
    'infoPurpose',
    'informationForms',
    'deliveryMethods',
    'acceptOtherForm',
    'note',
  ];
  const out: Input = {};
  for (const k of keep) if (input[k] !== undefined) out[k] = input[k];
  if (out.infoDescription === undefined) out.infoDescription = '';
  return out;
}

/** What 查找已公开的信息 looks for: the 文号, else the 名称, else the 索引号, else the description's start. */
export function matchText(input: Input): string {
  const s = (k: string) => (typeof input[k] === 'string' ? (input[k] as string).trim() : '');
  const text =
    s('infoDocNo') || s('infoTitle') || s('infoIndexNo') || [...s('infoDescription')].slice(0, 30).join('');
  return clipQueryText(text).slice(0, MAX_QUERY_CHARS);
}

/** Field problems plus the files' own (type, size, count), so one round shows everything to fix. */
function withFileProblems(
  fields: readonly FieldError[],
  uploads: Parameters<typeof checkUploads>[0],
): FieldError[] {
  if (fields.some((f) => f.field.startsWith('attachments.'))) return [...fields];
  try {
    checkUploads(uploads);
    return [...fields];
  } catch (e) {
    return e instanceof AppError ? [...fields, ...e.fields] : [...fields];
  }
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.field}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
