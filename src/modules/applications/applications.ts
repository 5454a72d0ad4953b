/**
 * Domain types of a 依申请公开 case and the explicit row → domain mappings. A case never carries the
 * applicant's personal data: that stays sealed in the row (`pii_envelope`) and is opened only through
 * commands/view-applicant.ts, which audits the view.
 */
import type { LegalDate } from '../../platform/legal-date.js';
import type {
  ApplicationAppealTable,
  ApplicationCaseTable,
  ApplicationConsultationTable,
  ApplicationEventTable,
  ApplicationFeeTable,
  ApplicationLetterTable,
} from './applications.table.js';
import type { ClockState } from './clock.js';
import type { ApplicantKind, Channel, DeliveryMethod, InformationForm, OutcomeCode } from './codes.js';
import type { LetterKind, LetterStatus } from './letters.js';
import type { CaseState } from './workflow.js';

export interface CaseClock {
  startOn: LegalDate | null;
  dueOn: LegalDate | null;
  state: ClockState | null;
  correctionDeadline: LegalDate | null;
  feePaymentDeadline: LegalDate | null;
  /** The day the stored values were computed for. */
  asOf: LegalDate | null;
  provisional: boolean;
}

export type ClosureReason = 'replied' | 'correctionOverdue' | 'feeUnpaid' | 'withdrawn';

export interface ApplicationCase {
  id: string;
  agencyId: string;
  trackingNo: string;
  channel: Channel;
  applicantKind: ApplicantKind;
  state: CaseState;
  version: number;
  submittedAt: string;
  arrivedOn: LegalDate;
  receivedOn: LegalDate | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  clock: CaseClock;
  outcome: OutcomeCode | null;
  outcomeBasis: string | null;
  closedOn: LegalDate | null;
  closureReason: ClosureReason | null;
  handlerId: string | null;
  assignedAt: string | null;
  info: {
    title: string | null;
    docNo: string | null;
    indexNo: string | null;
    description: string;
    purpose: string | null;
    forms: InformationForm[];
    deliveryMethods: DeliveryMethod[];
    acceptOtherForm: boolean;
  };
  /** 件 this application counts as for the processing fee. */
  items: number;
  possibleRepeatOf: string | null;
  notOurs: { agencyId: string | null; name: string; contact: string } | null;
  forwardedFromId: string | null;
  forwardedToId: string | null;
  replyRound: number;
  redoDueOn: LegalDate | null;
  archivedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

function json<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

const date = (s: string | null) => (s ?? null) as LegalDate | null;

export function toCase(row: ApplicationCaseTable): ApplicationCase {
  return {
    id: row.id,
    agencyId: row.agency_id,
    trackingNo: row.tracking_no,
    channel: row.channel as Channel,
    applicantKind: row.applicant_kind as ApplicantKind,
    state: row.state as CaseState,
    version: Number(row.version),
    submittedAt: row.submitted_at,
    arrivedOn: row.arrived_on as LegalDate,
    receivedOn: date(row.received_on),
    confirmedAt: row.confirmed_at,
    confirmedBy: row.confirmed_by,
    clock: {
      startOn: date(row.clock_start_on),
      dueOn: date(row.due_on),
      state: row.clock_state as ClockState | null,
      correctionDeadline: date(row.correction_deadline),
      feePaymentDeadline: date(row.fee_payment_deadline),
      asOf: date(row.clock_as_of),
      provisional: Number(row.clock_provisional) === 1,
    },
    outcome: row.outcome as OutcomeCode | null,
    outcomeBasis: row.outcome_basis,
    closedOn: date(row.closed_on),
    closureReason: row.closure_reason as ClosureReason | null,
    handlerId: row.handler_id,
    assignedAt: row.assigned_at,
    info: {
      title: row.info_title,
      docNo: row.info_doc_no,
      indexNo: row.info_index_no,
      description: row.info_description,
      purpose: row.info_purpose,
      forms: json<InformationForm[]>(row.information_forms, []),
      deliveryMethods: json<DeliveryMethod[]>(row.delivery_methods, []),
      acceptOtherForm: Number(row.accept_other_form) === 1,
    },
    items: Number(row.items),
    possibleRepeatOf: row.possible_repeat_of,
    notOurs:
      row.not_ours_agency_name !== null
        ? {
            agencyId: row.not_ours_agency_id,
            name: row.not_ours_agency_name,
            contact: row.not_ours_agency_contact ?? '',
          }
        : null,
    forwardedFromId: row.forwarded_from_id,
    forwardedToId: row.forwarded_to_id,
    replyRound: Number(row.reply_round),
    redoDueOn: date(row.redo_due_on),
    archivedAt: row.archived_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface CaseEvent {
  id: string;
  seq: number;
  action: string;
  kind: string;
  clock: boolean;
  on: LegalDate | null;
  data: Record<string, unknown>;
  fromState: CaseState | null;
  toState: CaseState | null;
  actorId: string | null;
  actorLabel: string;
  note: string | null;
  at: string;
}

export function toEvent(row: ApplicationEventTable): CaseEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    action: row.action,
    kind: row.kind,
    clock: Number(row.clock) === 1,
    on: date(row.on_date),
    data: json<Record<string, unknown>>(row.data_json, {}),
    fromState: row.from_state as CaseState | null,
    toState: row.to_state as CaseState | null,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    note: row.note,
    at: row.at,
  };
}

export interface Letter {
  id: string;
  caseId: string;
  agencyId: string;
  kind: LetterKind;
  status: LetterStatus;
  replyRound: number;
  superseded: boolean;
  year: number | null;
  serial: number | null;
  number: string | null;
  outcome: OutcomeCode | null;
  legalBasis: string | null;
  content: Record<string, unknown>;
  draftedBy: string | null;
  draftedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  sentOn: LegalDate | null;
  sentBy: string | null;
  deliveredOn: LegalDate | null;
  deliveryChannel: string | null;
  deliveryProof: string | null;
  fileSha256: string | null;
}

export function toLetter(row: ApplicationLetterTable): Letter {
  return {
    id: row.id,
    caseId: row.case_id,
    agencyId: row.agency_id,
    kind: row.kind as LetterKind,
    status: row.status as LetterStatus,
    replyRound: Number(row.reply_round),
    superseded: Number(row.superseded) === 1,
    year: row.year === null ? null : Number(row.year),
    serial: row.serial === null ? null : Number(row.serial),
    number: row.number,
    outcome: row.outcome as OutcomeCode | null,
    legalBasis: row.legal_basis,
    content: json<Record<string, unknown>>(row.content_json, {}),
    draftedBy: row.drafted_by,
    draftedAt: row.drafted_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    sentOn: date(row.sent_on),
    sentBy: row.sent_by,
    deliveredOn: date(row.delivered_on),
    deliveryChannel: row.delivery_channel,
    deliveryProof: row.delivery_proof,
    fileSha256: row.file_sha256,
  };
}

export interface Consultation {
  id: string;
  caseId: string;
  addresseeKind: 'thirdParty' | 'agency';
  addresseeName: string;
  letterId: string | null;
  sentOn: LegalDate;
  reachedOn: LegalDate | null;
  answeredOn: LegalDate | null;
  answerSummary: string | null;
}

export function toConsultation(row: ApplicationConsultationTable): Consultation {
  return {
    id: row.id,
    caseId: row.case_id,
    addresseeKind: row.addressee_kind as Consultation['addresseeKind'],
    addresseeName: row.addressee_name,
    letterId: row.letter_id,
    sentOn: row.sent_on as LegalDate,
    reachedOn: date(row.reached_on),
    answeredOn: date(row.answered_on),
    answerSummary: row.answer_summary,
  };
}

export interface Fee {
  id: string;
  caseId: string;
  mode: 'perItem' | 'perPage';
  itemsBefore: number | null;
  items: number | null;
  pages: number | null;
  amount: number;
  explanation: string[];
  noticeLetterId: string | null;
  noticeSentOn: LegalDate;
  noticeReceivedOn: LegalDate | null;
  paymentCode: string | null;
  paidOn: LegalDate | null;
  receiptNo: string | null;
  refundedAmount: number;
  refundedOn: LegalDate | null;
  refundReason: string | null;
}

const num = (v: number | null) => (v === null ? null : Number(v));

export function toFee(row: ApplicationFeeTable): Fee {
  return {
    id: row.id,
    caseId: row.case_id,
    mode: row.mode as Fee['mode'],
    itemsBefore: num(row.items_before),
    items: num(row.items),
    pages: num(row.pages),
    amount: Number(row.amount),
    explanation: json<string[]>(row.explanation_json, []),
    noticeLetterId: row.notice_letter_id,
    noticeSentOn: row.notice_sent_on as LegalDate,
    noticeReceivedOn: date(row.notice_received_on),
    paymentCode: row.payment_code,
    paidOn: date(row.paid_on),
    receiptNo: row.receipt_no,
    refundedAmount: Number(row.refunded_amount),
    refundedOn: date(row.refunded_on),
    refundReason: row.refund_reason,
  };
}

export type AppealKind = 'reconsideration' | 'litigation';
export type AppealResult = 'upheld' | 'corrected' | 'other' | 'pending';
export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  reconsideration: '行政复议',
  litigation: '行政诉讼',
};
/** 表四's result columns (disclosure-rules.md §3.5). */
export const APPEAL_RESULT_LABELS: Record<AppealResult, string> = {
  upheld: '维持',
  corrected: '纠正',
  other: '其他',
  pending: '尚未审结',
};

export interface Appeal {
  id: string;
  caseId: string;
  agencyId: string;
  kind: AppealKind;
  afterReconsideration: boolean;
  bodyName: string;
  caseNo: string | null;
  filedOn: LegalDate;
  decidedOn: LegalDate | null;
  result: AppealResult;
  note: string | null;
}

export function toAppeal(row: ApplicationAppealTable): Appeal {
  return {
    id: row.id,
    caseId: row.case_id,
    agencyId: row.agency_id,
    kind: row.kind as AppealKind,
    afterReconsideration: Number(row.after_reconsideration) === 1,
    bodyName: row.body_name,
    caseNo: row.case_no,
    filedOn: row.filed_on as LegalDate,
    decidedOn: date(row.decided_on),
    result: row.result as AppealResult,
    note: row.note,
  };
}
