/**
 * Back-office pages of the annual reports: the agency's reports by year (GET /admin/annual-reports), generating
 * a year's report (POST), the report page (GET /admin/annual-reports/:reportId) with its forms — 表二 figures,
 * opening balance, narrative, submission — the records behind a computed cell (…/cells/:cellId), and for
 * supervisors the state of every agency's report below them with the export of all their tables as one
 * workbook. Thin: parse, call one command, redirect (303) with a fixed message; a failed form re-renders the
 * page with what was typed and the Chinese field messages (400), the refusal's reasons (422) or the lost race (409).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import {
  attempt,
  body,
  formValues,
  queryOrOwnAgency,
  queryText,
} from '../../../platform/http/form-helpers.js';
import { yearOf } from '../../../platform/legal-date.js';
import { sendPage } from '../../../platform/views/render.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import type { ReportTables } from '../checker/model.js';
import { computeAnnualReport } from '../compute/report.js';
import { createReport, FIRST_REPORT_YEAR } from '../reports/commands/create-report.js';
import { agencyInfo, openingBalanceOf, todayOf } from '../reports/commands/load.js';
import { type SavePart, saveReport } from '../reports/commands/save-report.js';
import { submitReport } from '../reports/commands/submit-report.js';
import { reportDocument } from '../reports/document.js';
import { show } from '../reports/layout.js';
import { agenciesWorkbook, XLSX_TYPE } from '../reports/render-adapter.js';
import {
  cellSources,
  listReports,
  loadReportPage,
  mayCreate,
  supervisedOverview,
} from '../reports/report-page.js';
import { emptySections } from '../reports/reports.js';
import { EDIT_ROLES, SUBMIT_ROLES } from '../reports/reports.policy.js';
import { agencyOfReport } from '../reports/reports.repository.js';
import { CellPage } from '../reports/views/cell.views.js';
import { ReportListPage } from '../reports/views/list.views.js';
import { OverviewPage } from '../reports/views/overview.views.js';
import { type ReportForm, ReportPage } from '../reports/views/report.views.js';
import { reportUrl } from '../reports/views/urls.js';

type Req = FastifyRequest;

const reportIdOf = (req: Req) => (req.params as { reportId: string }).reportId;
const reportAgency = (req: Req) => agencyOfReport(req.server.services.db, reportIdOf(req));
/** The agency a new report is for: the form's agencyId, else ?agencyId=, else the viewer's own. */
async function formAgency(req: Req): Promise<string | null> {
  const v = body(req).agencyId;
  return typeof v === 'string' && v ? v : queryOrOwnAgency(req);
}

const DONE: Record<string, string> = {
  created: '已生成年度报告并完成检查。',
  figures: '已保存表二填报数据并重新检查。',
  narrative: '已保存正文并重新检查。',
  openingBalance: '已保存上年结转数据并重新检查。',
  submit: '已提交发布审核，报告进入初审。',
};
const doneOf = (req: Req) => DONE[queryText(req, 'done')];

async function showList(
  req: Req,
  reply: FastifyReply,
  failed?: { values: Record<string, unknown>; error: AppError },
) {
  const services = req.server.services;
  const agencyId = (await queryOrOwnAgency(req)) ?? (await formAgency(req));
  if (!agencyId) throw new AppError('not_found');
  const agency = await agencyInfo(services, agencyId);
  const p = req.principal!;
  const thisYear = yearOf(todayOf(services));
  const items = await listReports(services, agency);
  const taken = new Set(items.map((i) => i.report.year));
  const years: number[] = [];
  for (let y = thisYear; y >= FIRST_REPORT_YEAR; y--) if (!taken.has(y)) years.push(y);
  const error = failed?.error;
  return sendPage(req, reply, { title: '年度报告', area: 'admin', status: error?.status }, (c) => (
    <ReportListPage
      csrf={c.csrf}
      agency={agency}
      items={items}
      years={years}
      createReasons={mayCreate(p, agencyId)}
      supervisor={p.roles.has('supervisor') || p.isPlatformAdmin}
      lastYear={thisYear - 1}
      message={failed ? undefined : doneOf(req)}
      errors={error?.fields.filter((f) => f.field === 'year') ?? []}
      notice={error && error.code !== 'validation_failed' ? error.message : undefined}
      values={failed ? formValues(failed.values) : { year: String(thisYear - 1) }}
    />
  ));
}

async function showReport(
  req: Req,
  reply: FastifyReply,
  failed?: { form: ReportForm; values: Record<string, unknown>; error: AppError },
) {
  const data = await loadReportPage(commandContext(req), reportIdOf(req));
  const e = failed?.error;
  return sendPage(
    req,
    reply,
    { title: `${data.report.year}年度报告`, area: 'admin', status: e?.status },
    (c) => (
      <ReportPage
        csrf={c.csrf}
        data={data}
        message={failed ? undefined : doneOf(req)}
        failed={
          failed && e
            ? {
                form: failed.form,
                values: formValues(failed.values),
                errors: e.code === 'validation_failed' ? e.fields : [],
                ...(e.code === 'validation_failed' ? {} : { notice: e.message }),
              }
            : undefined
        }
      />
    ),
  );
}

/** ?year= (default: last year), within the years the platform writes. */
function yearParam(req: Req): number {
  const thisYear = yearOf(todayOf(req.server.services));
  const y = Number.parseInt(queryText(req, 'year'), 10);
  return Number.isFinite(y) && y >= FIRST_REPORT_YEAR && y <= thisYear ? y : thisYear - 1;
}

/** A cell's printed value by its id (T2.<row>.<col>, T3.R<n>.C<n>, T4.K<n>). */
function cellValue(t: ReportTables, id: string): string {
  const [table, a = '', b = ''] = id.split('.');
  if (table === 'T2') return show(t.T2[a]?.[b]);
  if (table === 'T3') return show(t.T3[a]?.[Number(b.slice(1)) - 1]);
  return show(t.T4[a]);
}

const PARTS: { path: string; part: SavePart }[] = [
  { path: 'figures', part: 'figures' },
  { path: 'narrative', part: 'narrative' },
  { path: 'opening-balance', part: 'openingBalance' },
];

export async function reportsAdminRoutes(app: FastifyInstance) {
  const schema = { hide: true };
  const onReport = (need: Parameters<typeof access.agency>[1]) => ({
    config: { access: access.agency(reportAgency, need) },
    schema,
  });

  app.get(
    '/admin/annual-reports',
    { config: { access: access.agency(queryOrOwnAgency, 'read') }, schema },
    async (req, reply) => showList(req, reply),
  );

  app.post(
    '/admin/annual-reports',
    { config: { access: access.agency(formAgency, EDIT_ROLES) }, schema },
    async (req, reply) => {
      const agencyId = (await formAgency(req))!;
      const r = await attempt(() => createReport(commandContext(req), agencyId, body(req)));
      if (!r.ok) return showList(req, reply, { values: body(req), error: r.error });
      return reply.redirect(`${reportUrl(r.value.id)}?done=created`, 303);
    },
  );

  app.get(
    '/admin/annual-reports/overview',
    { config: { access: access.signedIn }, schema },
    async (req, reply) => {
      const p = req.principal!;
      if (!p.roles.has('supervisor') && !p.isPlatformAdmin)
        throw new AppError('forbidden', '只有主管部门（政务公开办）可以查看下级单位的年度报告情况。');
      const year = yearParam(req);
      const rows = await supervisedOverview(req.server.services, p, year);
      return sendPage(req, reply, { title: `${year}年度报告情况`, area: 'admin' }, () => (
        <OverviewPage year={year} rows={rows} />
      ));
    },
  );

  app.get(
    '/admin/annual-reports/overview.xlsx',
    { config: { access: access.signedIn }, schema },
    async (req, reply) => {
      const p = req.principal!;
      if (!p.roles.has('supervisor') && !p.isPlatformAdmin)
        throw new AppError('forbidden', '只有主管部门（政务公开办）可以导出下级单位的年度报告数据。');
      const services = req.server.services;
      const year = yearParam(req);
      const docs = [];
      for (const row of await supervisedOverview(services, p, year)) {
        const computed = await computeAnnualReport(services.db, row.agencyId, year, {
          table2: row.report?.table2 ?? {},
          openingBalance: await openingBalanceOf(services, row.agencyId),
          asOf: todayOf(services),
        });
        docs.push(
          reportDocument(
            { year, sections: row.report?.sections ?? emptySections() },
            row.agencyName,
            computed.tables,
            null,
          ),
        );
      }
      return reply
        .header('content-type', XLSX_TYPE)
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`${year}年度各单位年报数据.xlsx`)}`,
        )
        .send(await agenciesWorkbook(docs));
    },
  );

  app.get('/admin/annual-reports/:reportId', onReport('read'), async (req, reply) => showReport(req, reply));

  app.get('/admin/annual-reports/:reportId/cells/:cellId', onReport('read'), async (req, reply) => {
    const data = await loadReportPage(commandContext(req), reportIdOf(req));
    const cellId = (req.params as { cellId: string }).cellId;
    if (!/^T[234]\.[A-Za-z0-9.-]{1,40}$/.test(cellId) || !(cellId in data.computed.sources))
      throw new AppError('not_found', '该单元格不存在。');
    const sources = await cellSources(req.server.services.db, data.computed, cellId);
    const value = cellValue(data.computed.tables, cellId);
    return sendPage(req, reply, { title: `单元格 ${cellId}`, area: 'admin' }, () => (
      <CellPage
        reportId={data.report.id}
        title={`${data.agency.name}${data.report.year}年度报告`}
        cellId={cellId}
        value={value}
        sources={sources}
      />
    ));
  });

  for (const { path, part } of PARTS)
    app.post(`/admin/annual-reports/:reportId/${path}`, onReport(EDIT_ROLES), async (req, reply) => {
      const id = reportIdOf(req);
      const r = await attempt(() => saveReport(commandContext(req), id, part, body(req)));
      if (!r.ok) return showReport(req, reply, { form: part, values: body(req), error: r.error });
      return reply.redirect(`${reportUrl(id)}?done=${part}#h-findings`, 303);
    });

  app.post('/admin/annual-reports/:reportId/submit', onReport(SUBMIT_ROLES), async (req, reply) => {
    const id = reportIdOf(req);
    const r = await attempt(() => submitReport(commandContext(req), id));
    if (!r.ok) return showReport(req, reply, { form: 'submit', values: {}, error: r.error });
    return reply.redirect(`${reportUrl(id)}?done=submit`, 303);
  });
}
