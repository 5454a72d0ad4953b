/**
 * Go-live import of cases from an old system (CSV, see import-columns.ts and intake/README.md), so that the
 * open cases' clocks — and the first annual report computed from cases — are right from day one.
 *
 * The file is decoded like the publications import (UTF-8 with or without BOM, else GB18030 — what Excel
 * writes on Chinese Windows), every row is read and checked, and each case's key dates are turned into its
 * clock timeline (receipt; 补正 notice, correction received; consultation sent, reached, answered; extension;
 * fee notice, notice received, payment; reply or withdrawal) and evaluated by the clock itself: a date the
 * clock refuses is reported on its row like any other bad value. Every problem names its line and column in
 * Chinese — and never repeats a personal value. Any problem: nothing is imported. Otherwise all cases are
 * written in one transaction (a failure half-way writes nothing).
 *
 * An imported open case lands 待分办 (received), or 办理中 with the handler given, or 待补正 / 待缴费 when
 * the correction or payment is still awaited; its due date is the clock's. A case the old system already
 * closed lands 已归档 (archived at the import) with its outcome and closing date, so the annual report counts
 * it in its 表三 cell. No letters are created: the old system's letters stay there. The applicant's personal
 * data is sealed like any other case's (personal.ts); the old number is kept in application_imported_cases.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import { chinaToday, type LegalDate, parseLegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { type Principal, ROLE_LABELS, type Role } from '../../accounts/accounts.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { parseCsv } from '../../publications/import/csv.js';
import { decodeText } from '../../publications/import/decode.js';
import { formatProblem, type ImportProblem, Problems, quoted } from '../../publications/import/problems.js';
import { DATA_FILE_MAX_BYTES } from '../../publications/import/source.js';
import { drawTrackingSerial } from '../applications.repository.js';
import type {
  ApplicationCaseTable,
  ApplicationConsultationTable,
  ApplicationEventTable,
  ApplicationFeeTable,
} from '../applications.table.js';
import { clockColumns, fromClockEvent } from '../case-clock.js';
import {
  type ClockEvent,
  ClockInputError,
  type ClockResult,
  computeClock,
  type ReceiptFacts,
} from '../clock.js';
import {
  APPLICANT_KINDS,
  type ApplicantKind,
  CHANNELS,
  type Channel,
  CLOSURE_OUTCOMES,
  channelInfo,
  ID_DOCUMENT_KIND_LABELS,
  ID_DOCUMENT_KINDS,
  type IdDocumentKind,
  OUTCOMES,
  type OutcomeCode,
  outcomeInfo,
} from '../codes.js';
import { validateCreditCode, validateDocumentNumber, validateEmail, validatePhone } from '../identity.js';
import { formatLegalRefs } from '../legal-refs.js';
import {
  APPLICANT_PERSONAL_FIELDS,
  type ApplicantData,
  applicantIndexes,
  personalDataCipher,
  sealApplicant,
} from '../personal.js';
import { formatTrackingNo, hashQueryCode, randomQueryCode } from '../query-code.js';
import { DEFAULT_TRACKING_PREFIX, getApplicationSettings } from '../settings.js';
import { type CaseAction, type CaseState, STATE_LABELS } from '../workflow.js';
import { IMPORT_COLUMNS, IMPORT_KEYS, type ImportKey, REQUIRED_IMPORT_KEYS } from './import-columns.js';

export type { ImportProblem };
export { formatProblem };

/** Who may import an agency's cases (the back-office page); the command line acts as the platform. */
export const IMPORT_CASE_ROLES: readonly Role[] = ['agencyAdmin', 'officeHead'];
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportedCase {
  line: number;
  legacyNo: string;
  /** Null on a dry run. */
  caseId: string | null;
  trackingNo: string | null;
  state: CaseState;
  stateLabel: string;
  receivedOn: LegalDate;
  dueOn: LegalDate | null;
  outcome: string | null;
  closedOn: LegalDate | null;
  /** The clock's remarks (a late 补正 notice, a late reply …), for the officer to see. */
  remarks: string[];
}

export type ImportCasesResult =
  | { ok: true; dryRun: boolean; encoding: string; importId: string | null; cases: ImportedCase[] }
  | { ok: false; rows: number; problems: ImportProblem[] };

export interface ImportCasesOptions {
  agencyId: string;
  file: { name: string; bytes: Uint8Array };
  dryRun: boolean;
}

export interface ImportCasesContext {
  services: Services;
  actor: Actor;
  /** The person importing (the page); absent on the command line. */
  principal?: Principal;
}

// ---------------------------------------------------------------------------------------------------------
// Values

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s（）()·、]/g, '')
    .toLowerCase();

function lookup<T extends string>(pairs: [string, T][]): Map<string, T> {
  return new Map(pairs.map(([k, v]) => [norm(k), v]));
}

const CHANNEL_NAMES = lookup<Channel>([
  ...CHANNELS.flatMap((c): [string, Channel][] => [
    [c.code, c.code],
    [c.label, c.code],
  ]),
  ['网上', 'online'],
  ['网络', 'online'],
  ['在线申请', 'online'],
  ['互联网', 'online'],
  ['邮件', 'email'],
  ['电子邮箱', 'email'],
  ['当面', 'inPerson'],
  ['现场', 'inPerson'],
  ['现场申请', 'inPerson'],
  ['当面申请', 'inPerson'],
  ['挂号信', 'mailSigned'],
  ['快递', 'mailSigned'],
  ['邮寄', 'mailSigned'],
  ['信函', 'mailSigned'],
  ['信函需签收', 'mailSigned'],
  ['平信', 'mailPlain'],
  ['平常信函', 'mailPlain'],
  ['口头', 'oral'],
]);

const KIND_NAMES = lookup<ApplicantKind>([
  ...APPLICANT_KINDS.flatMap((k): [string, ApplicantKind][] => [
    [k.code, k.code],
    [k.fullLabel, k.code],
    [k.label, k.code],
  ]),
  ['公民', 'person'],
  ['个人', 'person'],
  ['其他组织', 'other'],
  ['法人或其他组织其他', 'other'],
]);

const ID_KIND_NAMES = lookup<IdDocumentKind>([
  ...ID_DOCUMENT_KINDS.flatMap((k): [string, IdDocumentKind][] => [
    [k, k],
    [ID_DOCUMENT_KIND_LABELS[k], k],
  ]),
  ['身份证', 'residentIdCard'],
]);

type Closing =
  | { kind: 'reply'; outcome: OutcomeCode }
  | { kind: 'withdrawn' }
  | { kind: 'correctionOverdue' }
  | { kind: 'feeUnpaid' };

const OUTCOME_NAMES = lookup<string>([
  ...OUTCOMES.flatMap((o): [string, string][] => [
    [o.code, o.code],
    [o.shortLabel, o.code],
    [o.label, o.code],
  ]),
  ['公开', 'disclosed'],
  ['撤回', 'withdrawn'],
  ['申请人撤回', 'withdrawn'],
  ['逾期不补正', 'correctionOverdue'],
  ['逾期未缴费', 'feeUnpaid'],
]);

function closingOf(code: string): Closing {
  if (code === 'withdrawn') return { kind: 'withdrawn' };
  if (code === 'correctionOverdue' || code === CLOSURE_OUTCOMES.correctionOverdue)
    return { kind: 'correctionOverdue' };
  if (code === 'feeUnpaid' || code === CLOSURE_OUTCOMES.feeUnpaid) return { kind: 'feeUnpaid' };
  return { kind: 'reply', outcome: code as OutcomeCode };
}

/** 2026-03-02, 2026/3/2, 2026.3.2, 2026年3月2日 (as spreadsheets write dates). */
export function parseImportDate(raw: string): LegalDate | null {
  const m = raw
    .normalize('NFKC')
    .trim()
    .match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!m) return null;
  return parseLegalDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

// ---------------------------------------------------------------------------------------------------------
// Rows

interface PlannedCase {
  line: number;
  legacyNo: string;
  channel: Channel;
  kind: ApplicantKind;
  applicant: ApplicantData;
  info: { title: string | null; docNo: string | null; description: string };
  arrivedOn: LegalDate;
  timeline: ClockEvent[];
  clock: ClockResult;
  state: CaseState;
  handlerId: string | null;
  outcome: OutcomeCode | null;
  closedOn: LegalDate | null;
  closureReason: 'replied' | 'withdrawn' | 'correctionOverdue' | 'feeUnpaid' | null;
  consultation: {
    id: string;
    addresseeKind: 'thirdParty' | 'agency';
    sentOn: LegalDate;
    reachedOn: LegalDate | null;
    answeredOn: LegalDate | null;
  } | null;
  fee: {
    mode: 'perItem' | 'perPage';
    amount: number;
    sentOn: LegalDate;
    receivedOn: LegalDate | null;
    paidOn: LegalDate | null;
  } | null;
}

/** The column whose date the clock refused, by the kind of the event it made. */
const EVENT_COLUMN: Record<ClockEvent['kind'], ImportKey> = {
  received: 'receivedOn',
  correctionRequested: 'correctionRequestedOn',
  correctionReceived: 'correctionReceivedOn',
  opinionRequestSent: 'consultationSentOn',
  opinionRequestDelivered: 'consultationReachedOn',
  opinionReceived: 'consultationAnsweredOn',
  extension: 'extensionNotifiedOn',
  feeNoticeSent: 'feeNoticeSentOn',
  feeNoticeDelivered: 'feeNoticeReceivedOn',
  feePaid: 'feePaidOn',
  replied: 'closedOn',
  withdrawn: 'closedOn',
};

/** The workflow action each imported clock event stands for (the case page labels events by action). */
const IMPORTED_EVENT_ACTION: Record<ClockEvent['kind'], CaseAction> = {
  received: 'registerOffline',
  correctionRequested: 'requestCorrection',
  correctionReceived: 'receiveCorrection',
  opinionRequestSent: 'sendConsultation',
  opinionRequestDelivered: 'recordConsultationReached',
  opinionReceived: 'recordConsultationAnswer',
  extension: 'grantExtension',
  feeNoticeSent: 'sendFeeNotice',
  feeNoticeDelivered: 'recordFeeNoticeReceived',
  feePaid: 'recordPayment',
  replied: 'sendReply',
  withdrawn: 'withdraw',
};

/** Order of events on the same day: as a case would have been handled. */
const EVENT_RANK: Record<ClockEvent['kind'], number> = {
  received: 0,
  correctionRequested: 1,
  correctionReceived: 2,
  opinionRequestSent: 3,
  opinionRequestDelivered: 4,
  opinionReceived: 5,
  feeNoticeSent: 6,
  feeNoticeDelivered: 7,
  feePaid: 8,
  extension: 9,
  replied: 10,
  withdrawn: 10,
};

interface RowEnv {
  today: LegalDate;
  handlers: Map<string, { id: string; roles: Set<string> }>;
  calendar: Awaited<ReturnType<Services['calendar']['get']>>;
  clockSettings: Awaited<ReturnType<typeof getApplicationSettings>>['clock'];
}

class RowReader {
  ok = true;
  constructor(
    private readonly problems: Problems,
    private readonly line: number,
    private readonly cells: Partial<Record<ImportKey, string>>,
  ) {}

  add(key: ImportKey | null, message: string) {
    this.ok = false;
    this.problems.add(`第${this.line}行`, this.line, key ? IMPORT_COLUMNS[key].label : null, message);
  }

  raw(key: ImportKey): string {
    return (this.cells[key] ?? '').trim();
  }

  text(key: ImportKey, max: number): string | null {
    const v = this.raw(key);
    if (!v) {
      if (IMPORT_COLUMNS[key].required) this.add(key, '不能为空');
      return null;
    }
    if ([...v].length > max) {
      this.add(key, `不能超过${max}个字`);
      return null;
    }
    return v;
  }

  choice<T extends string>(key: ImportKey, names: Map<string, T>, hint: string): T | null {
    const v = this.raw(key);
    if (!v) {
      if (IMPORT_COLUMNS[key].required) this.add(key, '不能为空');
      return null;
    }
    const found = names.get(norm(v));
    if (!found) this.add(key, `${quoted(v)}不是可识别的取值（${hint}）`);
    return found ?? null;
  }

  date(key: ImportKey, today: LegalDate): LegalDate | null {
    const v = this.raw(key);
    if (!v) {
      if (IMPORT_COLUMNS[key].required) this.add(key, '不能为空');
      return null;
    }
    const d = parseImportDate(v);
    if (!d) this.add(key, `${quoted(v)}不是有效日期（如2026-03-02）`);
    else if (d > today) this.add(key, `${d}晚于今天`);
    return d;
  }

  int(key: ImportKey, min: number, max: number): number | null {
    const v = this.raw(key).normalize('NFKC');
    if (!v) return null;
    if (!/^\d{1,9}$/.test(v)) {
      this.add(key, `${quoted(v)}不是整数`);
      return null;
    }
    const n = Number(v);
    if (n < min || n > max) this.add(key, `应在${min}至${max}之间`);
    return n;
  }

  /** A personal value: checked by `validate`, whose message never repeats it. */
  personal(
    key: ImportKey,
    validate: (v: string) => { ok: true; value: string } | { ok: false; message: string },
  ) {
    const v = this.raw(key);
    if (!v) return null;
    const r = validate(v);
    if (!r.ok) {
      this.add(key, r.message);
      return null;
    }
    return r.value;
  }
}

function readRow(problems: Problems, line: number, cells: Partial<Record<ImportKey, string>>, env: RowEnv) {
  const r = new RowReader(problems, line, cells);
  const { today } = env;
  const legacyNo = r.text('legacyNo', 64);
  const channel = r.choice('channel', CHANNEL_NAMES, '如网上申请、当面提交、信函（平信）');
  const kind = r.choice('applicantKind', KIND_NAMES, '如自然人、商业企业、科研机构');

  // The applicant (personal: messages name the column, never the value).
  const name = r.text('name', 100);
  const person = kind === null || kind === 'person';
  let idKind: IdDocumentKind | null = null;
  let idNumber: string | null = null;
  let creditCode: string | null = null;
  if (person) {
    idKind = r.raw('idKind')
      ? r.choice('idKind', ID_KIND_NAMES, '如居民身份证、护照')
      : r.raw('idNumber')
        ? 'residentIdCard'
        : null;
    if (idKind)
      idNumber = r.personal('idNumber', (v) =>
        validateDocumentNumber(idKind!, v, { today, label: IMPORT_COLUMNS.idNumber.label }),
      );
  } else creditCode = r.personal('creditCode', (v) => validateCreditCode(v));
  const phone = r.personal('phone', (v) => validatePhone(v));
  const email = r.personal('email', (v) => validateEmail(v));
  const address = r.text('address', 200);
  if (!r.raw('phone') && !r.raw('email') && !r.raw('address'))
    r.add('phone', '联系电话、电子邮箱、通信地址至少填写一项');

  const title = r.text('infoTitle', 200);
  const docNo = r.text('infoDocNo', 100);
  const description = r.text('infoDescription', 2000);

  // Receipt (第三十一条).
  const arrivedOn = r.date('arrivedOn', today);
  const receivedRaw = r.date('receivedOn', today);
  let receipt: Extract<ClockEvent, { kind: 'received' }> | null = null;
  if (channel && arrivedOn) {
    const rule = channelInfo(channel).receiptRule;
    const facts: ReceiptFacts = { channel };
    if (rule === 'submitted' || rule === 'signedFor') {
      const on = receivedRaw ?? arrivedOn;
      if (on !== arrivedOn)
        r.add(
          'receivedOn',
          `${channelInfo(channel).label}的收到申请之日即收到日期（第三十一条），两者应相同`,
        );
      if (rule === 'submitted') facts.submittedOn = on;
      else facts.signedForOn = on;
    } else if (!receivedRaw && !r.raw('receivedOn'))
      r.add('receivedOn', `${channelInfo(channel).label}须填写双方确认之日（第三十一条）`);
    else if (receivedRaw) {
      if (receivedRaw < arrivedOn) r.add('receivedOn', '收到申请之日不能早于收到日期');
      facts.arrivedOn = arrivedOn;
      facts.confirmedOn = receivedRaw;
    }
    receipt = { kind: 'received', ...facts };
  }

  let handlerId: string | null = null;
  const handler = r.raw('handler');
  if (handler) {
    const h = env.handlers.get(handler);
    if (!h) r.add('handler', `本单位没有用户名为${quoted(handler)}的工作人员`);
    else if (!h.roles.has('caseHandler') && !h.roles.has('officeHead'))
      r.add('handler', `${quoted(handler)}没有“${ROLE_LABELS.caseHandler}”或“${ROLE_LABELS.officeHead}”角色`);
    else handlerId = h.id;
  }

  // The clock's other events.
  const events: ClockEvent[] = [];
  const needs = (key: ImportKey, because: ImportKey) => {
    if (!r.raw(key))
      r.add(key, `填写了${IMPORT_COLUMNS[because].label}的，须填写${IMPORT_COLUMNS[key].label}`);
  };
  const corrOn = r.date('correctionRequestedOn', today);
  const corrDeadline = r.raw('correctionDeadline')
    ? r.date('correctionDeadline', parseLegalDate('2199-12-31')!)
    : null;
  const corrIn = r.date('correctionReceivedOn', today);
  if ((corrIn || corrDeadline) && !r.raw('correctionRequestedOn'))
    needs('correctionRequestedOn', corrIn ? 'correctionReceivedOn' : 'correctionDeadline');
  if (corrOn)
    events.push({
      kind: 'correctionRequested',
      on: corrOn,
      ...(corrDeadline ? { deadline: corrDeadline } : {}),
    });
  if (corrIn) events.push({ kind: 'correctionReceived', on: corrIn });

  let consultation: PlannedCase['consultation'] = null;
  const consSent = r.date('consultationSentOn', today);
  const consReached = r.date('consultationReachedOn', today);
  const consAnswered = r.date('consultationAnsweredOn', today);
  const addressee = r.raw('consultationAddressee')
    ? r.choice(
        'consultationAddressee',
        lookup<'thirdParty' | 'agency'>([
          ['第三方', 'thirdParty'],
          ['thirdParty', 'thirdParty'],
          ['其他机关', 'agency'],
          ['机关', 'agency'],
          ['行政机关', 'agency'],
          ['agency', 'agency'],
        ]),
        '第三方或其他机关',
      )
    : 'thirdParty';
  if ((consReached || consAnswered) && !r.raw('consultationSentOn'))
    needs('consultationSentOn', consReached ? 'consultationReachedOn' : 'consultationAnsweredOn');
  if (consSent && addressee) {
    const id = randomUUID();
    consultation = {
      id,
      addresseeKind: addressee,
      sentOn: consSent,
      reachedOn: consReached,
      answeredOn: consAnswered,
    };
    events.push({ kind: 'opinionRequestSent', on: consSent, requestId: id, addressee });
    if (consReached) events.push({ kind: 'opinionRequestDelivered', on: consReached, requestId: id });
    if (consAnswered) events.push({ kind: 'opinionReceived', on: consAnswered, requestId: id });
  }

  const extNotified = r.date('extensionNotifiedOn', today);
  const extApproved = r.date('extensionApprovedOn', today);
  const extDays = r.int('extensionWorkdays', 1, 20);
  if ((extApproved || extDays !== null) && !r.raw('extensionNotifiedOn'))
    needs('extensionNotifiedOn', extApproved ? 'extensionApprovedOn' : 'extensionWorkdays');
  if (extNotified) {
    if (extApproved && extApproved > extNotified)
      r.add('extensionApprovedOn', '延期批准日期不能晚于延期告知日期');
    events.push({
      kind: 'extension',
      on: extNotified,
      approvedOn: extApproved ?? extNotified,
      workdays: extDays ?? 20,
    });
  }

  let fee: PlannedCase['fee'] = null;
  const feeSent = r.date('feeNoticeSentOn', today);
  const feeReceived = r.date('feeNoticeReceivedOn', today);
  const feePaid = r.date('feePaidOn', today);
  const feeMode = r.raw('feeMode')
    ? r.choice(
        'feeMode',
        lookup<'perItem' | 'perPage'>([
          ['按件', 'perItem'],
          ['perItem', 'perItem'],
          ['按量', 'perPage'],
          ['perPage', 'perPage'],
        ]),
        '按件或按量',
      )
    : 'perItem';
  const amount = r.int('feeAmount', 1, 1_000_000);
  if ((feeReceived || feePaid || amount !== null) && !r.raw('feeNoticeSentOn'))
    needs('feeNoticeSentOn', feeReceived ? 'feeNoticeReceivedOn' : feePaid ? 'feePaidOn' : 'feeAmount');
  if (feeSent) {
    if (amount === null && !r.raw('feeAmount')) needs('feeAmount', 'feeNoticeSentOn');
    if (amount !== null && feeMode)
      fee = { mode: feeMode, amount, sentOn: feeSent, receivedOn: feeReceived, paidOn: feePaid };
    events.push({ kind: 'feeNoticeSent', on: feeSent });
    if (feeReceived) events.push({ kind: 'feeNoticeDelivered', on: feeReceived });
    if (feePaid) events.push({ kind: 'feePaid', on: feePaid });
  }

  // Closed in the old system?
  const outcomeCode = r.raw('outcome')
    ? r.choice(
        'outcome',
        OUTCOME_NAMES,
        '表三的办理结果，如予以公开、部分公开，或申请人撤回、逾期不补正、逾期未缴费',
      )
    : null;
  const closing = outcomeCode ? closingOf(outcomeCode) : null;
  const closedRaw = r.date('closedOn', today);
  if (r.raw('closedOn') && !r.raw('outcome')) r.add('outcome', '填写了办结日期的，须填写办理结果');
  if (closing && (closing.kind === 'reply' || closing.kind === 'withdrawn')) {
    if (!r.raw('closedOn')) r.add('closedOn', '已答复或撤回的，须填写办结日期');
    else if (closedRaw)
      events.push({ kind: closing.kind === 'reply' ? 'replied' : 'withdrawn', on: closedRaw });
  }

  if (!r.ok || !receipt || !legacyNo || !channel || !kind || !name || !description || !arrivedOn) return null;

  // The clock over the timeline, as the case will evaluate it.
  const timeline: ClockEvent[] = [
    receipt,
    ...events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => {
        const x = (a.e as { on: string }).on;
        const y = (b.e as { on: string }).on;
        return x < y ? -1 : x > y ? 1 : EVENT_RANK[a.e.kind] - EVENT_RANK[b.e.kind] || a.i - b.i;
      })
      .map(({ e }) => e),
  ];
  let clock: ClockResult;
  try {
    clock = computeClock(timeline, env.calendar, today, env.clockSettings);
  } catch (e) {
    if (!(e instanceof ClockInputError)) throw e;
    r.add('receivedOn', e.message);
    return null;
  }
  for (const rej of clock.rejected) r.add(EVENT_COLUMN[timeline[rej.index]!.kind], rej.reason);
  if (!r.ok) return null;

  let state: CaseState;
  let outcome: OutcomeCode | null = null;
  let closedOn: LegalDate | null = null;
  let closureReason: PlannedCase['closureReason'] = null;
  if (closing) {
    state = 'archived';
    if (closing.kind === 'reply' || closing.kind === 'withdrawn') {
      outcome = closing.kind === 'reply' ? closing.outcome : CLOSURE_OUTCOMES.withdrawn;
      closedOn = closedRaw;
      closureReason = closing.kind === 'reply' ? 'replied' : 'withdrawn';
    } else {
      const reason = closing.kind;
      if (clock.closure?.reason !== reason) {
        r.add(
          'outcome',
          reason === 'correctionOverdue'
            ? '按所填日期，补正期限尚未届满或已收到补正，不能为“逾期不补正”'
            : '按所填日期，缴费期限尚未届满或已缴费，不能为“逾期未缴费”',
        );
        return null;
      }
      if (closedRaw && closedRaw !== clock.closure.on)
        r.add('closedOn', `按所填日期，应于${clock.closure.on}视为放弃申请`);
      outcome = CLOSURE_OUTCOMES[reason];
      closedOn = clock.closure.on;
      closureReason = reason;
    }
  } else {
    const lastCorrection = timeline
      .filter((e) => e.kind === 'correctionRequested' || e.kind === 'correctionReceived')
      .at(-1);
    if (lastCorrection?.kind === 'correctionRequested') state = 'awaitingCorrection';
    else if (fee && !fee.paidOn) state = 'awaitingFee';
    else state = handlerId ? 'inProgress' : 'received';
  }
  if (!r.ok) return null;

  const applicant: ApplicantData = {
    name,
    workUnit: null,
    idKind: idNumber ? idKind : null,
    idNumber,
    creditCode,
    noCreditCodeReason: null,
    legalRepresentative: null,
    contactName: null,
    phone: phone ?? '',
    email,
    fax: null,
    address,
    postalCode: null,
    agent: null,
  };
  const planned: PlannedCase = {
    line,
    legacyNo,
    channel,
    kind,
    applicant,
    info: { title, docNo, description },
    arrivedOn,
    timeline,
    clock,
    state,
    handlerId,
    outcome,
    closedOn,
    closureReason,
    consultation,
    fee,
  };
  return planned;
}

// ---------------------------------------------------------------------------------------------------------
// The import

const HEADERS = new Map<string, ImportKey>(
  IMPORT_KEYS.flatMap((k): [string, ImportKey][] => [
    [norm(k), k],
    [norm(IMPORT_COLUMNS[k].label), k],
  ]),
);

export async function importCases(
  ctx: ImportCasesContext,
  opts: ImportCasesOptions,
): Promise<ImportCasesResult> {
  const { services } = ctx;
  const { db } = services;
  const agency = await findAgency(db, opts.agencyId);
  if (!agency) throw new AppError('not_found', '单位不存在。');
  if (ctx.principal && !canAct(ctx.principal, agency.id, IMPORT_CASE_ROLES))
    throw new AppError('forbidden', '只有本单位的单位管理员或公开办负责人可以导入申请。');
  const problems = new Problems();
  const fail = (message: string, line: number | null = null) => {
    problems.add(line ? `第${line}行` : '文件', line, null, message);
    return { ok: false as const, rows: 0, problems: problems.list };
  };
  if (opts.file.bytes.length === 0) return fail('文件是空的');
  if (opts.file.bytes.length > DATA_FILE_MAX_BYTES)
    return fail(`文件超过${DATA_FILE_MAX_BYTES / 1024 / 1024} MB，请分批导入`);
  const decoded = decodeText(opts.file.bytes);
  if ('error' in decoded) return fail(decoded.error);
  const parsed = parseCsv(decoded.text);
  if ('error' in parsed) return fail(parsed.error, parsed.line);
  const [header, ...records] = parsed.records;
  if (!header) return fail('文件没有表头');
  if (records.length === 0) return fail('文件只有表头，没有申请');
  if (records.length > MAX_IMPORT_ROWS) return fail(`一次最多导入${MAX_IMPORT_ROWS}件申请，请分批导入`);

  // Header: every column known, none twice, the required ones present.
  const columns: (ImportKey | null)[] = [];
  for (const cell of header.cells) {
    const label = cell.replace(/[（(]必填[)）]/g, '').trim();
    if (!label) {
      columns.push(null);
      continue;
    }
    const key = HEADERS.get(norm(label)) ?? null;
    if (!key) problems.add(`第${header.line}行`, header.line, label, '不是可识别的列名（见“可导入的列”）');
    else if (columns.includes(key)) problems.add(`第${header.line}行`, header.line, label, '列名重复');
    columns.push(key);
  }
  for (const k of REQUIRED_IMPORT_KEYS)
    if (!columns.includes(k))
      problems.add(`第${header.line}行`, header.line, IMPORT_COLUMNS[k].label, '缺少必填的列');
  if (!problems.empty) return { ok: false, rows: records.length, problems: problems.list };

  const now = services.clock.now();
  const today = chinaToday(now);
  const settings = await getApplicationSettings(db, agency.id);
  const staff = await db
    .selectFrom('users')
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.username', 'user_roles.role'])
    .where('users.agency_id', '=', agency.id)
    .where('users.status', '=', 'active')
    .execute();
  const handlers = new Map<string, { id: string; roles: Set<string> }>();
  for (const s of staff) {
    const h = handlers.get(s.username) ?? { id: s.id, roles: new Set<string>() };
    if (s.role) h.roles.add(s.role);
    handlers.set(s.username, h);
  }
  const env: RowEnv = {
    today,
    handlers,
    calendar: await services.calendar.get(db),
    clockSettings: settings.clock,
  };

  const planned: PlannedCase[] = [];
  const seen = new Map<string, number>();
  for (const rec of records) {
    const cells: Partial<Record<ImportKey, string>> = {};
    columns.forEach((k, i) => {
      if (k) cells[k] = rec.cells[i] ?? '';
    });
    if (rec.cells.length > columns.length && rec.cells.slice(columns.length).some((c) => c.trim()))
      problems.add(`第${rec.line}行`, rec.line, null, '该行的列数多于表头');
    const p = readRow(problems, rec.line, cells, env);
    const legacy = (cells.legacyNo ?? '').trim();
    if (legacy) {
      const first = seen.get(legacy);
      if (first !== undefined)
        problems.add(`第${rec.line}行`, rec.line, IMPORT_COLUMNS.legacyNo.label, `与第${first}行重复`);
      else seen.set(legacy, rec.line);
    }
    if (p) planned.push(p);
  }
  // Already imported earlier?
  const legacyNos = [...seen.keys()];
  for (let i = 0; i < legacyNos.length; i += 500) {
    const found = await db
      .selectFrom('application_imported_cases')
      .innerJoin('application_cases', 'application_cases.id', 'application_imported_cases.case_id')
      .select(['application_imported_cases.legacy_no', 'application_cases.tracking_no'])
      .where('application_imported_cases.agency_id', '=', agency.id)
      .where('application_imported_cases.legacy_no', 'in', legacyNos.slice(i, i + 500))
      .execute();
    for (const f of found) {
      const line = seen.get(f.legacy_no)!;
      problems.add(
        `第${line}行`,
        line,
        IMPORT_COLUMNS.legacyNo.label,
        `已于此前导入（申请编号${f.tracking_no}）`,
      );
    }
  }
  if (!problems.empty) {
    problems.list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { ok: false, rows: records.length, problems: problems.list };
  }

  const summary = (p: PlannedCase, made: { id: string; trackingNo: string } | null): ImportedCase => ({
    line: p.line,
    legacyNo: p.legacyNo,
    caseId: made?.id ?? null,
    trackingNo: made?.trackingNo ?? null,
    state: p.state,
    stateLabel: STATE_LABELS[p.state],
    receivedOn: p.clock.receivedOn,
    dueOn: p.closedOn ? null : p.clock.dueOn,
    outcome: p.outcome ? outcomeInfo(p.outcome).shortLabel : null,
    closedOn: p.closedOn,
    remarks: p.clock.issues.map((i) => i.message),
  });
  if (opts.dryRun)
    return {
      ok: true,
      dryRun: true,
      encoding: decoded.encoding,
      importId: null,
      cases: planned.map((p) => summary(p, null)),
    };

  const importId = randomUUID();
  const cases = await writeImport(ctx, {
    agencyId: agency.id,
    importId,
    file: opts.file,
    encoding: decoded.encoding,
    planned,
    settings,
    now,
  });
  return {
    ok: true,
    dryRun: false,
    encoding: decoded.encoding,
    importId,
    cases: planned.map((p, i) => summary(p, cases[i]!)),
  };
}

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 200;

async function insertChunked<T>(items: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

/**
 * Writes the planned cases. The sealing and hashing (CPU) is done before the transaction; inside it the tracking
 * numbers are reserved once per year (the counter row moves by the number of cases), and the rows go in by
 * multi-row INSERTs; the audit trail gets one event per case and one for the batch.
 */
async function writeImport(
  ctx: ImportCasesContext,
  w: {
    agencyId: string;
    importId: string;
    file: { name: string; bytes: Uint8Array };
    encoding: string;
    planned: PlannedCase[];
    settings: Awaited<ReturnType<typeof getApplicationSettings>>;
    now: Date;
  },
): Promise<{ id: string; trackingNo: string }[]> {
  const { services, actor } = ctx;
  const cipher = personalDataCipher(services.config);
  const now = w.now.toISOString();
  const today = chinaToday(w.now);
  const createdBy = ctx.principal?.userId ?? null;
  const prefix = w.settings.trackingPrefix ?? DEFAULT_TRACKING_PREFIX;
  const fileSha = createHash('sha256').update(w.file.bytes).digest('hex');
  const settingsJson = JSON.stringify(w.settings.clock);
  const base = { actor_id: actor.actorId, actor_label: actor.actorLabel, at: now };

  const rows: ApplicationCaseTable[] = [];
  const events: ApplicationEventTable[] = [];
  const consultations: ApplicationConsultationTable[] = [];
  const fees: ApplicationFeeTable[] = [];
  for (const p of w.planned) {
    const id = randomUUID();
    const sealed = sealApplicant(cipher, id, p.applicant);
    const idx = applicantIndexes(cipher, p.applicant);
    const closed = p.state === 'archived';
    rows.push({
      id,
      agency_id: w.agencyId,
      tracking_no: '', // drawn in the transaction
      query_code_hash: hashQueryCode(cipher, id, randomQueryCode()),
      idempotency_key: null,
      submission_hash: null,
      channel: p.channel,
      applicant_kind: p.kind,
      state: p.state,
      version: 1,
      submitted_at: now,
      arrived_on: p.arrivedOn,
      received_on: p.clock.receivedOn,
      confirmed_at: now,
      confirmed_by: createdBy,
      ...clockColumns(p.clock),
      clock_settings_json: settingsJson,
      outcome: p.outcome,
      outcome_basis: p.outcome ? formatLegalRefs(outcomeInfo(p.outcome).basis) || null : null,
      closed_on: p.closedOn,
      closure_reason: p.closureReason,
      handler_id: p.handlerId,
      assigned_at: p.handlerId ? now : null,
      pii_envelope: sealed.envelope,
      pii_key_id: sealed.keyId,
      applicant_id_index: idx.idIndex,
      applicant_contact_index: idx.contactIndex,
      info_title: p.info.title,
      info_doc_no: p.info.docNo,
      info_index_no: null,
      info_description: p.info.description,
      info_purpose: null,
      information_forms: '[]',
      delivery_methods: '[]',
      accept_other_form: 0,
      items: 1,
      possible_repeat_of: null,
      not_ours_agency_id: null,
      not_ours_agency_name: null,
      not_ours_agency_contact: null,
      forwarded_from_id: null,
      forwarded_to_id: null,
      reply_round: 0,
      redo_due_on: null,
      archived_at: closed ? now : null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    });
    const own: Omit<ApplicationEventTable, 'id' | 'case_id' | 'seq'>[] = [
      {
        ...base,
        action: 'registerOffline',
        kind: 'importCase',
        clock: 0,
        on_date: p.arrivedOn,
        data_json: JSON.stringify({
          channel: p.channel,
          legacyNo: p.legacyNo,
          importId: w.importId,
          line: p.line,
        }),
        from_state: null,
        to_state: p.state,
        note: `自原系统导入：原申请编号${p.legacyNo}（导入文件第${p.line}行）。`,
      },
      ...p.timeline.map((e) => {
        const stored = fromClockEvent(e);
        return {
          ...base,
          action: IMPORTED_EVENT_ACTION[e.kind],
          kind: stored.kind,
          clock: 1,
          on_date: stored.on,
          data_json: stored.data,
          from_state: p.state,
          to_state: p.state,
          note: '自原系统导入的办理日期。',
        };
      }),
      ...(closed
        ? [
            {
              ...base,
              action: 'archive',
              kind: 'archive',
              clock: 0,
              on_date: today,
              data_json: '{}',
              from_state: p.state,
              to_state: p.state,
              note: '原系统中已办结，导入时归档。',
            },
          ]
        : []),
    ];
    for (const [i, e] of own.entries()) events.push({ ...e, id: randomUUID(), case_id: id, seq: i + 1 });
    if (p.consultation)
      consultations.push({
        id: p.consultation.id,
        case_id: id,
        addressee_kind: p.consultation.addresseeKind,
        addressee_name:
          p.consultation.addresseeKind === 'agency' ? '其他机关（原系统导入）' : '第三方（原系统导入）',
        letter_id: null,
        sent_on: p.consultation.sentOn,
        reached_on: p.consultation.reachedOn,
        answered_on: p.consultation.answeredOn,
        answer_summary: null,
        created_by: createdBy,
        created_at: now,
        updated_at: now,
      });
    if (p.fee)
      fees.push({
        id: randomUUID(),
        case_id: id,
        mode: p.fee.mode,
        items_before: null,
        items: null,
        pages: null,
        amount: p.fee.amount,
        explanation_json: JSON.stringify(['收费金额自原系统导入']),
        notice_letter_id: null,
        notice_sent_on: p.fee.sentOn,
        notice_received_on: p.fee.receivedOn,
        payment_code: null,
        paid_on: p.fee.paidOn,
        receipt_no: null,
        refunded_amount: 0,
        refunded_on: null,
        refund_reason: null,
        created_by: createdBy,
        created_at: now,
        updated_at: now,
      });
  }

  try {
    await services.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('application_imports')
        .values({
          id: w.importId,
          agency_id: w.agencyId,
          file_name: w.file.name.slice(0, 200),
          file_sha256: fileSha,
          encoding: w.encoding,
          cases: w.planned.length,
          imported_by: createdBy,
          imported_at: now,
        })
        .execute();
      // Tracking numbers: by the year the application arrived, reserved in one move of each year's counter.
      const years = new Map<number, number>();
      for (const p of w.planned) {
        const y = Number(p.arrivedOn.slice(0, 4));
        years.set(y, (years.get(y) ?? 0) + 1);
      }
      const next = new Map<number, number>();
      for (const [year, n] of [...years].sort((a, b) => a[0] - b[0]))
        next.set(year, (await drawTrackingSerial(trx, prefix, year, now, n)) - n + 1);
      w.planned.forEach((p, i) => {
        const year = Number(p.arrivedOn.slice(0, 4));
        const serial = next.get(year)!;
        next.set(year, serial + 1);
        rows[i]!.tracking_no = formatTrackingNo(prefix, year, serial);
      });
      await insertChunked(rows, (c) => trx.insertInto('application_cases').values(c).execute());
      await insertChunked(events, (c) => trx.insertInto('application_events').values(c).execute());
      await insertChunked(consultations, (c) =>
        trx.insertInto('application_consultations').values(c).execute(),
      );
      await insertChunked(fees, (c) => trx.insertInto('application_fees').values(c).execute());
      await insertChunked(
        w.planned.map((p, i) => ({
          case_id: rows[i]!.id,
          import_id: w.importId,
          agency_id: w.agencyId,
          legacy_no: p.legacyNo,
          line: p.line,
        })),
        (c) => trx.insertInto('application_imported_cases').values(c).execute(),
      );
      for (const [i, p] of w.planned.entries()) {
        const row = rows[i]!;
        await services.audit.record(trx, actor, {
          agencyId: w.agencyId,
          action: 'application.import',
          targetType: 'application',
          targetId: row.id,
          after: {
            trackingNo: row.tracking_no,
            legacyNo: p.legacyNo,
            importId: w.importId,
            channel: p.channel,
            applicantKind: p.kind,
            state: p.state,
            receivedOn: row.received_on,
            dueOn: row.due_on,
            outcome: p.outcome,
            closedOn: p.closedOn,
          },
          personalFields: APPLICANT_PERSONAL_FIELDS,
        });
      }
      await services.audit.record(trx, actor, {
        agencyId: w.agencyId,
        action: 'application.import_batch',
        targetType: 'applicationImport',
        targetId: w.importId,
        after: { fileSha256: fileSha, encoding: w.encoding, cases: w.planned.length },
      });
    });
  } catch (e) {
    // Another import of the same old numbers committed meanwhile.
    if (isUnique(e))
      throw new AppError('conflict', '文件中的原申请编号刚刚已被导入，请刷新后查看，未导入任何申请。');
    throw e;
  }
  return rows.map((r) => ({ id: r.id, trackingNo: r.tracking_no }));
}

function isUnique(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || /UNIQUE constraint failed/.test(err?.message ?? '');
}
