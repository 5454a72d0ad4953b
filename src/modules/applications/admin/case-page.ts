/**
 * Everything the case page shows, loaded in one place: the case and its timeline (commands/run.ts
 * `loadCase`, 404 outside the reader's scope), the clock recomputed for today with its explanation step by
 * step, letters, consultations, fee, appeals, the applicant's count this month (第三十五条 / 按件), the
 * possible earlier request, the people's names, and which actions the viewer may take now with the
 * policy's reasons. No personal data: the applicant is opened apart, through the audited view.
 */
import { chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import type { Principal } from '../../accounts/accounts.js';
import { listAgencies, listUsers } from '../../accounts/accounts.repository.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import { type ApplicationCase, type CaseEvent, type Letter, toLetter } from '../applications.js';
import { type ActionAvailability, availableActions, isRedo } from '../applications.policy.js';
import { findCase, listAttachments, listLetters } from '../applications.repository.js';
import { settingsOf, timelineOf } from '../case-clock.js';
import { type ClockResult, computeClock } from '../clock.js';
import { type LoadedCase, loadCase } from '../commands/run.js';
import { mayViewApplicant } from '../commands/view-applicant.js';
import { computeFee, type FeeResult } from '../fees.js';
import {
  listPublicationsFromCase,
  PROACTIVE_GROUNDS,
  type ProactiveGround,
  toProactiveReasons,
} from '../intake/publish-from-case.js';
import { findErasure } from '../intake/retention.js';
import { type CaseNotification, notificationsForCase } from '../notify/outbox.js';
import { applicantMonthCount } from '../queries.js';
import type { CaseAction } from '../workflow.js';
import { type HandlerOption, handlersOf } from './work-views.js';

export interface CaseView {
  lc: LoadedCase;
  case: ApplicationCase;
  events: CaseEvent[];
  letters: Letter[];
  /** The clock as of today (null before the receipt, or in a 重新答复 round). */
  clock: ClockResult | null;
  today: LegalDate;
  handlerName: string | null;
  /** user id → display name, for letters and records. */
  names: Record<string, string>;
  monthCount: { month: string; total: number; before: number } | null;
  /** The earlier similar request of the same applicant. */
  repeatOf: { id: string; trackingNo: string } | null;
  forwardedTo: { id: string; trackingNo: string } | null;
  forwardedFrom: { id: string; trackingNo: string } | null;
  attachments: { id: string; fileName: string; purpose: string; size: number }[];
  actions: Map<CaseAction, ActionAvailability>;
  mayViewApplicant: boolean;
  handlers: HandlerOption[];
  /** Other active agencies, for 非本机关负责 (the responsible agency when it is on the platform). */
  otherAgencies: { id: string; name: string }[];
  /** What a 按件 fee notice would charge now; and the 按量 amount for the pages asked about. */
  feePreview: { perItem: FeeResult | null; perPage: FeeResult | null; pages: number | null };
  correctionPeriodWorkdays: number;
  /** 转为主动公开 (第四十四条, intake/publish-from-case.ts): why not now, and the drafts made so far. */
  toProactive: {
    reasons: string[];
    publications: { id: string; title: string; state: string; ground: string }[];
  };
  /** The applicant's notifications of the case's steps (notify/outbox.ts). */
  notifications: CaseNotification[];
  /** When the applicant's personal data was erased at the end of the retention period. */
  erasedOn: LegalDate | null;
  /** May retry a failed notification (the routes' rule: 依申请办理 or 公开办负责人 of the agency). */
  mayRetryNotifications: boolean;
}

async function caseRef(ctx: CommandContext, id: string | null) {
  if (!id) return null;
  const row = await findCase(ctx.services.db, id);
  return row ? { id: row.id, trackingNo: row.tracking_no } : null;
}

export async function loadCaseView(
  ctx: CommandContext,
  id: string,
  opts: { feePages?: number | null } = {},
): Promise<CaseView> {
  const { services } = ctx;
  const lc = await loadCase(ctx, id);
  const c = lc.case;
  const today = chinaToday(services.clock.now());
  const calendar = await services.calendar.get(services.db);
  const timeline = timelineOf(lc.events);
  const settings = settingsOf(lc.row);
  const clock =
    timeline[0]?.kind === 'received' && !isRedo(c) ? computeClock(timeline, calendar, today, settings) : null;
  const users = await listUsers(services.db, [c.agencyId]);
  const names: Record<string, string> = Object.fromEntries(users.map((u) => [u.id, u.display_name]));
  const letters = (await listLetters(services.db, id)).map(toLetter);
  const monthCount = await applicantMonthCount(ctx, id);
  const attachments = (await listAttachments(services.db, id)).map((a) => ({
    id: a.id,
    fileName: a.file_name,
    purpose: a.purpose,
    size: Number(a.size),
  }));
  const agencies = (await listAgencies(services.db))
    .filter((a) => a.status === 'active' && a.id !== c.agencyId)
    .map((a) => ({ id: a.id, name: a.name }));
  const pages = opts.feePages ?? null;
  return {
    lc,
    case: c,
    events: lc.events,
    letters,
    clock,
    today,
    handlerName: c.handlerId ? (names[c.handlerId] ?? null) : null,
    names,
    monthCount,
    repeatOf: await caseRef(ctx, c.possibleRepeatOf),
    forwardedTo: await caseRef(ctx, c.forwardedToId),
    forwardedFrom: await caseRef(ctx, c.forwardedFromId),
    attachments,
    actions: new Map(availableActions(c, ctx.principal, lc.facts).map((a) => [a.action, a])),
    mayViewApplicant: await mayViewApplicant(ctx, c),
    handlers: await handlersOf(ctx, c.agencyId),
    otherAgencies: agencies,
    feePreview: {
      perItem: monthCount
        ? computeFee({ method: 'perItem', itemsBefore: monthCount.before, items: c.items })
        : null,
      perPage: pages ? computeFee({ method: 'perPage', pages }) : null,
      pages,
    },
    correctionPeriodWorkdays: settings.correctionPeriodWorkdays,
    toProactive: {
      reasons: toProactiveReasons(c, ctx.principal),
      publications: (await listPublicationsFromCase(services, id)).map((x) => ({
        id: x.publicationId,
        title: x.title,
        state: x.state,
        ground: PROACTIVE_GROUNDS[x.ground as ProactiveGround] ?? x.ground,
      })),
    },
    notifications: await notificationsForCase(services.db, id),
    erasedOn: ((await findErasure(services.db, id))?.erased_on as LegalDate | undefined) ?? null,
    mayRetryNotifications:
      ctx.principal.agencyId === c.agencyId &&
      (ctx.principal.roles.has('caseHandler') || ctx.principal.roles.has('officeHead')),
  };
}

export const isOwnAgency = (p: Principal, c: ApplicationCase) => p.agencyId === c.agencyId;
