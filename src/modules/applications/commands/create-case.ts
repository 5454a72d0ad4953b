/**
 * Creating a case, shared by the online form, staff registration of the other channels, and forwarding to
 * the responsible agency: one transaction draws the tracking number, inserts the case with its personal data
 * sealed, its first events (the submission, and the receipt when the receipt date is already known), the
 * 受理回执 when received, its attachments and the audit event.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Actor } from '../../../platform/audit/audit.js';
import { chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import {
  appendEvents,
  drawTrackingSerial,
  findCase,
  insertCase,
  sameApplicantCases,
} from '../applications.repository.js';
import type { ApplicationCaseTable } from '../applications.table.js';
import { insertAttachments, type StoredUpload } from '../attachments.js';
import { clockColumns, evaluateTimeline, fromClockEvent } from '../case-clock.js';
import type { ClockEvent } from '../clock.js';
import type { ApplicantKind, Channel } from '../codes.js';
import { issueLetter } from '../letters.js';
import {
  APPLICANT_PERSONAL_FIELDS,
  type ApplicantData,
  applicantIndexes,
  type InformationRequest,
  personalDataCipher,
  REPEAT_SIMILARITY,
  requestText,
  sealApplicant,
  textSimilarity,
} from '../personal.js';
import { formatTrackingNo, hashQueryCode } from '../query-code.js';
import { DEFAULT_TRACKING_PREFIX, getApplicationSettings } from '../settings.js';
import type { CaseAction } from '../workflow.js';

export interface NewCase {
  agencyId: string;
  channel: Channel;
  kind: ApplicantKind;
  applicant: ApplicantData;
  info: InformationRequest;
  /** The day the application reached the agency. */
  arrivedOn: LegalDate;
  /** The 第三十一条 receipt, when already known (registration in person, signed-for post …). */
  receipt: Extract<ClockEvent, { kind: 'received' }> | null;
  idempotencyKey: string | null;
  submissionHash: string | null;
  queryCode: string;
  uploads: readonly StoredUpload[];
  createdBy: string | null;
  forwardedFromId?: string | null;
  action: Extract<CaseAction, 'submitOnline' | 'registerOffline' | 'forward'>;
  actor: Actor;
  note?: string | null;
  /** More writes in the same transaction, after the case is inserted (forwarding updates the source case). */
  alsoWrite?: (trx: Transaction<Database>, row: ApplicationCaseTable) => Promise<void>;
}

export async function createCase(services: Services, n: NewCase): Promise<ApplicationCaseTable> {
  const { db, clock } = services;
  const now = clock.now().toISOString();
  const id = randomUUID();
  const cipher = personalDataCipher(services.config);
  const sealed = sealApplicant(cipher, id, n.applicant);
  const indexes = applicantIndexes(cipher, n.applicant);
  const settings = await getApplicationSettings(db, n.agencyId);

  // 重复申请: the same applicant's earlier request at this agency with a similar text (a flag, not a decision).
  const text = requestText(n.info);
  const earlier = await sameApplicantCases(db, n.agencyId, indexes);
  const repeat = earlier.find(
    (e) =>
      e.state !== 'withdrawn' &&
      textSimilarity(
        text,
        requestText({ title: e.info_title, docNo: e.info_doc_no, description: e.info_description }),
      ) >= REPEAT_SIMILARITY,
  );

  const calendar = await services.calendar.get(db);
  const asOf = chinaToday(services.clock.now());
  const result = n.receipt ? evaluateTimeline([n.receipt], calendar, asOf, settings.clock) : null;
  const state = n.receipt ? 'received' : 'submitted';

  const row: ApplicationCaseTable = {
    id,
    agency_id: n.agencyId,
    tracking_no: '',
    query_code_hash: hashQueryCode(cipher, id, n.queryCode),
    idempotency_key: n.idempotencyKey,
    submission_hash: n.submissionHash,
    channel: n.channel,
    applicant_kind: n.kind,
    state,
    version: 1,
    submitted_at: now,
    arrived_on: n.arrivedOn,
    received_on: result?.receivedOn ?? null,
    confirmed_at: n.receipt ? now : null,
    confirmed_by: n.receipt ? n.createdBy : null,
    clock_start_on: null,
    due_on: null,
    clock_state: null,
    correction_deadline: null,
    fee_payment_deadline: null,
    clock_as_of: null,
    clock_provisional: 0,
    ...(result ? clockColumns(result) : {}),
    clock_settings_json: JSON.stringify(settings.clock),
    outcome: null,
    outcome_basis: null,
    closed_on: null,
    closure_reason: null,
    handler_id: null,
    assigned_at: null,
    pii_envelope: sealed.envelope,
    pii_key_id: sealed.keyId,
    applicant_id_index: indexes.idIndex,
    applicant_contact_index: indexes.contactIndex,
    info_title: n.info.title,
    info_doc_no: n.info.docNo,
    info_index_no: n.info.indexNo,
    info_description: n.info.description,
    info_purpose: n.info.purpose,
    information_forms: JSON.stringify(n.info.forms),
    delivery_methods: JSON.stringify(n.info.deliveryMethods),
    accept_other_form: n.info.acceptOtherForm ? 1 : 0,
    items: 1,
    possible_repeat_of: repeat?.id ?? null,
    not_ours_agency_id: null,
    not_ours_agency_name: null,
    not_ours_agency_contact: null,
    forwarded_from_id: n.forwardedFromId ?? null,
    forwarded_to_id: null,
    reply_round: 0,
    redo_due_on: null,
    archived_at: null,
    created_by: n.createdBy,
    created_at: now,
    updated_at: now,
  };

  await db.transaction().execute(async (trx) => {
    const prefix = settings.trackingPrefix ?? DEFAULT_TRACKING_PREFIX;
    const year = Number(asOf.slice(0, 4));
    row.tracking_no = formatTrackingNo(prefix, year, await drawTrackingSerial(trx, prefix, year, now));
    await insertCase(trx, row);
    const events: Parameters<typeof appendEvents>[2] = [
      {
        action: n.action,
        kind: n.action,
        clock: 0,
        on_date: n.arrivedOn,
        data_json: JSON.stringify({ channel: n.channel }),
        from_state: null,
        to_state: 'submitted',
        actor_id: n.actor.actorId,
        actor_label: n.actor.actorLabel,
        note: n.note || null,
        at: now,
      },
    ];
    if (n.receipt) {
      const stored = fromClockEvent(n.receipt);
      events.push({
        action: n.action,
        kind: stored.kind,
        clock: 1,
        on_date: stored.on,
        data_json: stored.data,
        from_state: 'submitted',
        to_state: 'received',
        actor_id: n.actor.actorId,
        actor_label: n.actor.actorLabel,
        note: null,
        at: now,
      });
      await issueReceipt(trx, row, n.actor.actorId, now, settings.letterPrefix);
    }
    await appendEvents(trx, id, events);
    await insertAttachments(trx, id, n.uploads, n.createdBy, now);
    await services.audit.record(trx, n.actor, {
      agencyId: n.agencyId,
      action: `application.${n.action === 'submitOnline' ? 'submit_online' : n.action === 'forward' ? 'forwarded_in' : 'register_offline'}`,
      targetType: 'application',
      targetId: id,
      after: {
        trackingNo: row.tracking_no,
        channel: n.channel,
        applicantKind: n.kind,
        state,
        arrivedOn: n.arrivedOn,
        receivedOn: row.received_on,
        dueOn: row.due_on,
        attachments: n.uploads.map((u) => ({
          sha256: u.sha256,
          type: u.type,
          size: u.size,
          purpose: u.purpose,
        })),
        possibleRepeatOf: row.possible_repeat_of,
        forwardedFromId: row.forwarded_from_id,
      },
      personalFields: APPLICANT_PERSONAL_FIELDS,
    });
    await n.alsoWrite?.(trx, row);
  });
  return (await findCase(db, id))!;
}

/** The 受理回执, numbered, when the receipt date is known (at registration or confirmation). */
export async function issueReceipt(
  trx: Parameters<typeof issueLetter>[0],
  row: Pick<ApplicationCaseTable, 'id' | 'agency_id' | 'received_on' | 'due_on' | 'tracking_no'>,
  actorId: string | null,
  now: string,
  prefix: string | null,
): Promise<void> {
  await issueLetter(trx, {
    caseId: row.id,
    agencyId: row.agency_id,
    kind: 'receipt',
    replyRound: 0,
    content: { trackingNo: row.tracking_no, receivedOn: row.received_on, dueOn: row.due_on },
    actorId,
    now,
    sentOn: row.received_on as LegalDate,
    prefix,
  });
}
