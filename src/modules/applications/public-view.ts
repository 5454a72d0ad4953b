/**
 * What the applicant sees with the tracking number and query code (申请查询): every step with its date (the
 * clock's own explanation, which names no person), the current due date, the outcome once replied, and the
 * letters sent to the applicant. No staff names — the agency only — and no personal data (the applicant
 * knows it; a wrong code must not reveal it).
 *
 * A wrong tracking number and a wrong code get the same answer, after the same work (a digest is computed
 * either way and compared in constant time), so neither can be told apart by message or timing. Brute force
 * is for the HTTP layer's rate limit to stop; the 60-bit code makes it hopeless anyway.
 */
import { AppError } from '../../platform/errors.js';
import { chinaToday, type LegalDate } from '../../platform/legal-date.js';
import type { Services } from '../../platform/services.js';
import { findAgency } from '../accounts/accounts.repository.js';
import { toCase, toEvent, toLetter } from './applications.js';
import { applicantWithdrawReasons } from './applications.policy.js';
import { findCaseByTrackingNo, listEvents, listLetters } from './applications.repository.js';
import type { ApplicationCaseTable } from './applications.table.js';
import { settingsOf, timelineOf } from './case-clock.js';
import { CLOCK_STATE_LABELS, type ClockState, computeClock } from './clock.js';
import { channelInfo, type OutcomeCode, outcomeInfo } from './codes.js';
import { type LetterKind, letterLabel, TO_APPLICANT } from './letters.js';
import { personalDataCipher } from './personal.js';
import { checkQueryCode, normaliseQueryCode, normaliseTrackingNo, TRACKING_NO } from './query-code.js';
import { PUBLIC_STATE_LABELS } from './workflow.js';

const WRONG = '申请编号或查询码不正确，请核对后重试。';

/** The case row for a tracking number and query code, or not_found with one message for every failure. */
export async function findApplicantCase(
  services: Services,
  trackingNo: unknown,
  queryCode: unknown,
): Promise<ApplicationCaseTable> {
  const no = normaliseTrackingNo(trackingNo);
  const code = normaliseQueryCode(queryCode);
  const row = TRACKING_NO.test(no) ? await findCaseByTrackingNo(services.db, no) : undefined;
  const cipher = personalDataCipher(services.config);
  // Without a case, check against a stored value that matches nothing: the same work, the same answer.
  const ok = checkQueryCode(
    cipher,
    row?.id ?? 'no-such-case',
    row?.query_code_hash ?? `${cipher.keyId}:${'0'.repeat(64)}`,
    code,
  );
  if (!row || !ok) throw new AppError('not_found', WRONG);
  return row;
}

export interface PublicStep {
  on: LegalDate;
  until?: LegalDate;
  text: string;
}

export interface PublicLetter {
  id: string;
  kind: LetterKind;
  label: string;
  number: string | null;
  sentOn: LegalDate | null;
  deliveredOn: LegalDate | null;
  /** Whether a generated document can be downloaded. */
  hasFile: boolean;
}

export interface PublicCaseView {
  trackingNo: string;
  agencyName: string;
  channel: string;
  status: string;
  submittedOn: LegalDate;
  receivedOn: LegalDate | null;
  dueOn: LegalDate | null;
  clockState: string | null;
  closedOn: LegalDate | null;
  outcome: { code: OutcomeCode; label: string } | null;
  notOurs: { name: string; contact: string } | null;
  forwardedTo: { trackingNo: string; agencyName: string } | null;
  steps: PublicStep[];
  letters: PublicLetter[];
  canWithdraw: boolean;
}

export async function lookupCase(
  services: Services,
  trackingNo: unknown,
  queryCode: unknown,
): Promise<PublicCaseView> {
  return publicView(services, await findApplicantCase(services, trackingNo, queryCode));
}

export async function publicView(services: Services, row: ApplicationCaseTable): Promise<PublicCaseView> {
  const c = toCase(row);
  const db = services.db;
  const [agency, events, letters] = await Promise.all([
    findAgency(db, c.agencyId),
    listEvents(db, c.id),
    listLetters(db, c.id),
  ]);
  const today = chinaToday(services.clock.now());
  const steps: PublicStep[] = [
    { on: c.arrivedOn, text: `${channelInfo(c.channel).label}，申请已提交（申请编号${c.trackingNo}）。` },
  ];
  const timeline = timelineOf(events.map(toEvent));
  if (timeline[0]?.kind === 'received') {
    const clock = computeClock(timeline, await services.calendar.get(db), today, settingsOf(row));
    for (const s of clock.steps)
      steps.push({ on: s.on, ...(s.until ? { until: s.until } : {}), text: s.text });
  }
  const letterRows = letters.map(toLetter);
  const sentToApplicant = letterRows.filter((l) => l.status === 'sent' && TO_APPLICANT.includes(l.kind));
  let forwardedTo: PublicCaseView['forwardedTo'] = null;
  if (c.forwardedToId) {
    const target = await db
      .selectFrom('application_cases')
      .innerJoin('agencies', 'agencies.id', 'application_cases.agency_id')
      .select(['application_cases.tracking_no', 'agencies.name'])
      .where('application_cases.id', '=', c.forwardedToId)
      .executeTakeFirst();
    if (target) forwardedTo = { trackingNo: target.tracking_no, agencyName: target.name };
  }
  const replied = c.closureReason === 'replied';
  return {
    trackingNo: c.trackingNo,
    agencyName: agency?.name ?? '',
    channel: channelInfo(c.channel).label,
    status: PUBLIC_STATE_LABELS[c.state],
    submittedOn: chinaToday(new Date(c.submittedAt)),
    receivedOn: c.receivedOn,
    dueOn: c.closedOn && c.replyRound === 0 ? null : c.clock.dueOn,
    clockState: c.clock.state ? CLOCK_STATE_LABELS[c.clock.state as ClockState] : null,
    closedOn: c.closedOn,
    outcome: c.outcome ? { code: c.outcome, label: outcomeInfo(c.outcome).shortLabel } : null,
    notOurs: replied && c.notOurs ? { name: c.notOurs.name, contact: c.notOurs.contact } : null,
    forwardedTo,
    steps, // the submission, then the clock's steps in its own order (the due date last)
    letters: sentToApplicant.map((l) => ({
      id: l.id,
      kind: l.kind,
      label: letterLabel(l),
      number: l.number,
      sentOn: l.sentOn,
      deliveredOn: l.deliveredOn,
      hasFile: l.fileSha256 !== null,
    })),
    canWithdraw: applicantWithdrawReasons(c).length === 0,
  };
}
