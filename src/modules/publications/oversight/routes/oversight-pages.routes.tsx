/**
 * The supervisor's back-office pages: /admin/oversight (one row per agency of the scope, worst first) and
 * its CSV, the versions behind a timeliness figure, and the 待解读 list (agency staff see their own).
 * Thin: read the query, collect the figures, render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { access } from '../../../../platform/http/access.js';
import { chinaToday } from '../../../../platform/legal-date.js';
import { sendPage } from '../../../../platform/views/render.js';
import { policiesAwaitingInterpretation } from '../../interpretation.repository.js';
import { toPublication } from '../../publications.js';
import { formatDocNo, GENRE_LABELS } from '../../vocabulary.js';
import {
  isOverseer,
  narrowScope,
  type OversightScope,
  oversightFigures,
  oversightScope,
} from '../figures.js';
import { CSV_HEADER, csvRows, readPeriod, toCsv, worstFirst } from '../oversight.js';
import { publishedVersionsIn } from '../oversight.repository.js';
import { InterpretationsPage } from '../views/interpretations.views.js';
import { OversightPage, TimelinessPage } from '../views/oversight.views.js';
import { queryOf, queryText, typedPeriod } from './helpers.js';

type Req = FastifyRequest;
const LIST_LIMIT = 500;

function assertOverseer(req: Req) {
  if (!isOverseer(req.principal!))
    throw new AppError('forbidden', '只有主管部门（政务公开办）和平台管理员可以查看各单位的监督统计。');
}

/** Period, scope and figures of the table, worst first; a bad period comes back as field errors. */
async function table(req: Req) {
  const { db, clock } = req.server.services;
  const today = chinaToday(clock.now());
  const { period, errors } = readPeriod(queryOf(req), today);
  const scope = await oversightScope(db, req.principal!);
  const rows = errors.length ? [] : worstFirst(await oversightFigures(db, scope.agencies, period, today));
  return { today, period, errors, rows };
}

const choices = (scope: OversightScope) =>
  scope.agencies.length > 1 ? scope.agencies.map((a) => ({ id: a.id, name: a.name })) : null;

/** Which scope agency's row a record belongs to (itself, or the successor it was merged into). */
const nameOf = (scope: OversightScope) => {
  const names = new Map(scope.agencies.flatMap((a) => a.ids.map((id) => [id, a.name] as const)));
  return (id: string) => names.get(id) ?? '';
};

async function showOversight(req: Req, reply: FastifyReply) {
  assertOverseer(req);
  const t = await table(req);
  return sendPage(
    req,
    reply,
    { title: '政务公开监督', area: 'admin', status: t.errors.length ? 400 : 200 },
    () => (
      <OversightPage
        rows={t.rows}
        period={t.period}
        typed={typedPeriod(req)}
        errors={t.errors}
        today={t.today}
        canUrge={req.principal!.roles.has('supervisor')}
      />
    ),
  );
}

async function sendCsv(req: Req, reply: FastifyReply) {
  assertOverseer(req);
  const t = await table(req);
  if (t.errors.length) throw AppError.validation(t.errors);
  const name = `政务公开监督统计_${t.period.from}_${t.period.to}.csv`;
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header(
      'content-disposition',
      `attachment; filename="oversight_${t.period.from}_${t.period.to}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(toCsv([[...CSV_HEADER], ...csvRows(t.rows, t.period)]));
}

async function showTimeliness(req: Req, reply: FastifyReply) {
  const { db, clock } = req.server.services;
  const { period, errors } = readPeriod(queryOf(req), chinaToday(clock.now()));
  const scope = await oversightScope(db, req.principal!);
  const { ids, agency } = narrowScope(scope, queryText(req, 'agencyId'));
  const lateOnly = queryText(req, 'late') === '1';
  const rows = errors.length
    ? []
    : await publishedVersionsIn(db, ids, { ...period, lateOnly, limit: LIST_LIMIT + 1 });
  const agencyName = nameOf(scope);
  const items = rows.slice(0, LIST_LIMIT).map((r) => ({
    publicationId: r.publicationId,
    agencyName: agencyName(r.agencyId),
    title: r.title,
    docNo: formatDocNo(r.docNoPrefix, r.docNoYear, r.docNoNumber),
    version: r.version,
    formedOn: r.formedOn,
    dueOn: r.dueOn,
    publishedOn: r.publishedOn,
    late: r.dueOn !== null && r.publishedOn > r.dueOn,
  }));
  return sendPage(
    req,
    reply,
    { title: '发布及时情况', area: 'admin', status: errors.length ? 400 : 200 },
    () => (
      <TimelinessPage
        overseer={isOverseer(req.principal!)}
        agency={agency && { id: agency.id, name: agency.name }}
        agencies={choices(scope)}
        items={items}
        truncated={rows.length > LIST_LIMIT}
        lateOnly={lateOnly}
        period={period}
        typed={typedPeriod(req)}
        errors={errors}
      />
    ),
  );
}

async function showInterpretations(req: Req, reply: FastifyReply) {
  const { db, clock } = req.server.services;
  const scope = await oversightScope(db, req.principal!);
  const { ids, agency } = narrowScope(scope, queryText(req, 'agencyId'));
  const agencyName = nameOf(scope);
  const items = (await policiesAwaitingInterpretation(db, ids)).map(toPublication).map((p) => ({
    id: p.id,
    agencyName: agencyName(p.agencyId),
    title: p.title,
    docNo: p.docNo,
    genreLabel: p.genre ? GENRE_LABELS[p.genre] : '—',
    publishedOn: p.publishedOn,
  }));
  return sendPage(req, reply, { title: '待解读的政策文件', area: 'admin' }, () => (
    <InterpretationsPage
      overseer={isOverseer(req.principal!)}
      agency={agency && { id: agency.id, name: agency.name }}
      agencies={choices(scope)}
      items={items}
      today={chinaToday(clock.now())}
    />
  ));
}

export async function oversightPageRoutes(app: FastifyInstance) {
  // Each page filters by the viewer's own scope (an agency outside it answers 404), so any signed-in
  // person may open them; the per-agency table itself is for supervisors and the platform admin.
  const page = { config: { access: access.signedIn }, schema: { hide: true } };
  app.get('/admin/oversight', page, showOversight);
  app.get('/admin/oversight.csv', page, sendCsv);
  app.get('/admin/oversight/timeliness', page, showTimeliness);
  app.get('/admin/oversight/interpretations', page, showInterpretations);
}
