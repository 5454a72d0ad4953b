/**
 * 依申请公开 cases: the case row, its append-only event timeline (clock and workflow events with their legal
 * dates), letters with their per-agency-and-year numbers, 征求意见, the processing fee, attachments,
 * 行政复议/行政诉讼 records, per-agency settings and the counters behind tracking and letter numbers.
 * Applicants' personal data is one SM4 envelope per case (`pii_envelope`); only keyed blind indexes are in
 * clear. Portable types only (ADR 0003): text UUID ids, ISO-8601 UTC text instants, YYYY-MM-DD text legal
 * dates, 0/1 integer flags.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('tracking_no', 'text', (c) => c.notNull().unique()) // YSQ-2026-000123, unique on the platform
    .addColumn('query_code_hash', 'text', (c) => c.notNull()) // "kid:hex" keyed HMAC-SM3, never the code
    .addColumn('idempotency_key', 'text', (c) => c.unique()) // the form's key: a resubmission finds the case
    .addColumn('submission_hash', 'text') // keyed hash of the submitted form, to refuse a reused key
    .addColumn('channel', 'text', (c) => c.notNull()) // codes.ts Channel
    .addColumn('applicant_kind', 'text', (c) => c.notNull()) // codes.ts ApplicantKind (表三 column)
    .addColumn('state', 'text', (c) => c.notNull()) // applications/workflow.ts
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)) // +1 on every change (optimistic lock)
    .addColumn('submitted_at', 'text', (c) => c.notNull()) // instant of the online submission / registration
    .addColumn('arrived_on', 'text', (c) => c.notNull()) // the day the application reached the agency
    .addColumn('received_on', 'text') // 收到申请之日 (第三十一条); null until confirmed
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text')
    // The clock as last computed (computeClock over the timeline), stored for lists and jobs.
    .addColumn('clock_start_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('clock_state', 'text')
    .addColumn('correction_deadline', 'text')
    .addColumn('fee_payment_deadline', 'text')
    .addColumn('clock_as_of', 'text')
    .addColumn('clock_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clock_settings_json', 'text', (c) => c.notNull()) // the agency's ClockSettings when it arrived
    .addColumn('outcome', 'text') // codes.ts OutcomeCode (表三 row), once decided
    .addColumn('outcome_basis', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('closure_reason', 'text') // replied | correctionOverdue | feeUnpaid | withdrawn
    .addColumn('handler_id', 'text', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'text')
    .addColumn('pii_envelope', 'text', (c) => c.notNull()) // SM4 envelope of the applicant's personal data
    .addColumn('pii_key_id', 'text', (c) => c.notNull())
    .addColumn('applicant_id_index', 'text') // blind index of the normalised document number / credit code
    .addColumn('applicant_contact_index', 'text') // blind index of name + phone
    .addColumn('info_title', 'text')
    .addColumn('info_doc_no', 'text')
    .addColumn('info_index_no', 'text')
    .addColumn('info_description', 'text', (c) => c.notNull())
    .addColumn('info_purpose', 'text')
    .addColumn('information_forms', 'text', (c) => c.notNull().defaultTo('[]')) // JSON array
    .addColumn('delivery_methods', 'text', (c) => c.notNull().defaultTo('[]')) // JSON array
    .addColumn('accept_other_form', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(1)) // 件 for the fee (一事一申请)
    .addColumn('possible_repeat_of', 'text') // an earlier case of the same applicant with similar text
    .addColumn('not_ours_agency_id', 'text') // 非本机关负责公开: the agency that is responsible
    .addColumn('not_ours_agency_name', 'text')
    .addColumn('not_ours_agency_contact', 'text')
    .addColumn('forwarded_from_id', 'text')
    .addColumn('forwarded_to_id', 'text')
    .addColumn('reply_round', 'integer', (c) => c.notNull().defaultTo(0)) // +1 on each 重新答复
    .addColumn('redo_due_on', 'text') // the period a reconsideration decision set for the new reply
    .addColumn('archived_at', 'text')
    .addColumn('created_by', 'text') // the staff member who registered it; null online
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const idx = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('application_cases').columns(columns).execute();
  await idx('application_cases_agency_state_idx', ['agency_id', 'state']);
  await idx('application_cases_agency_due_idx', ['agency_id', 'due_on']);
  await idx('application_cases_agency_received_idx', ['agency_id', 'received_on']);
  await idx('application_cases_handler_idx', ['handler_id', 'state']);
  await idx('application_cases_id_index_idx', ['applicant_id_index']);
  await idx('application_cases_contact_index_idx', ['applicant_contact_index']);

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('application_cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // order within the case
    .addColumn('action', 'text', (c) => c.notNull()) // the workflow action (workflow.ts) that recorded it
    .addColumn('kind', 'text', (c) => c.notNull()) // the clock.ts ClockEvent kind, else the action
    .addColumn('clock', 'integer', (c) => c.notNull()) // 1: part of the clock timeline
    .addColumn('on_date', 'text') // the legal date of the event
    .addColumn('data_json', 'text', (c) => c.notNull()) // the clock event's other fields; never personal data
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_events_seq_uq', ['case_id', 'seq'])
    .execute();

  await db.schema
    .createTable('application_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('application_cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // letters.ts LetterKind
    .addColumn('status', 'text', (c) => c.notNull()) // draft | approved | sent
    .addColumn('reply_round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0)) // a draft replaced or sent back
    .addColumn('year', 'integer') // numbering: 〔year〕第serial号, from application_letter_counters
    .addColumn('serial', 'integer')
    .addColumn('number', 'text')
    .addColumn('outcome', 'text') // replies: the 表三 row decided
    .addColumn('legal_basis', 'text')
    .addColumn('content_json', 'text', (c) => c.notNull()) // the letter's own data (items, dates, amount …)
    .addColumn('drafted_by', 'text')
    .addColumn('drafted_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('sent_on', 'text')
    .addColumn('sent_by', 'text')
    .addColumn('delivered_on', 'text') // 送达
    .addColumn('delivery_channel', 'text')
    .addColumn('delivery_proof', 'text') // EMS number, e-mail log, download time …
    .addColumn('delivery_recorded_by', 'text')
    .addColumn('file_sha256', 'text') // the generated document, once there is one
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_letters_number_uq', ['agency_id', 'year', 'serial'])
    .execute();
  await db.schema
    .createIndex('application_letters_case_idx')
    .on('application_letters')
    .column('case_id')
    .execute();

  for (const [table, key] of [
    ['application_letter_counters', 'agency_id'],
    ['application_tracking_counters', 'prefix'],
  ] as const)
    await db.schema
      .createTable(table)
      .addColumn(key, 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_serial', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [key, 'year'])
      .execute();

  await db.schema
    .createTable('application_consultations')
    .addColumn('id', 'text', (c) => c.primaryKey()) // also the clock's requestId
    .addColumn('case_id', 'text', (c) => c.notNull().references('application_cases.id'))
    .addColumn('addressee_kind', 'text', (c) => c.notNull()) // thirdParty | agency
    .addColumn('addressee_name', 'text', (c) => c.notNull())
    .addColumn('letter_id', 'text')
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('reached_on', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('answer_summary', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_consultations_case_idx')
    .on('application_consultations')
    .column('case_id')
    .execute();

  await db.schema
    .createTable('application_fees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().unique().references('application_cases.id'))
    .addColumn('mode', 'text', (c) => c.notNull()) // perItem (按件) | perPage (按量), never both
    .addColumn('items_before', 'integer') // perItem: the applicant's earlier 件 that month
    .addColumn('items', 'integer')
    .addColumn('pages', 'integer') // perPage
    .addColumn('amount', 'integer', (c) => c.notNull()) // whole 元
    .addColumn('explanation_json', 'text', (c) => c.notNull())
    .addColumn('notice_letter_id', 'text')
    .addColumn('notice_sent_on', 'text', (c) => c.notNull())
    .addColumn('notice_received_on', 'text')
    .addColumn('payment_code', 'text') // 缴款码
    .addColumn('paid_on', 'text')
    .addColumn('receipt_no', 'text') // 票据号
    .addColumn('refunded_amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_on', 'text')
    .addColumn('refund_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('application_cases.id'))
    .addColumn('purpose', 'text', (c) => c.notNull()) // identity | authorization | supporting | correction | proof
    .addColumn('sha256', 'text', (c) => c.notNull()) // <dataDir>/files/<sha256> (publications/files.ts)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // sniffed from the content
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull()) // the order they were given in
    .addColumn('uploaded_by', 'text') // null: the applicant
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_attachments_case_idx')
    .on('application_attachments')
    .column('case_id')
    .execute();

  await db.schema
    .createTable('application_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('application_cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // reconsideration (行政复议) | litigation (行政诉讼)
    .addColumn('after_reconsideration', 'integer', (c) => c.notNull().defaultTo(0)) // litigation: 复议后起诉
    .addColumn('body_name', 'text', (c) => c.notNull()) // 复议机关 / 人民法院
    .addColumn('case_no', 'text')
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('result', 'text', (c) => c.notNull()) // upheld | corrected | other | pending
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_appeals_agency_idx')
    .on('application_appeals')
    .columns(['agency_id', 'filed_on'])
    .execute();

  await db.schema
    .createTable('application_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('correction_period_workdays', 'integer', (c) => c.notNull())
    .addColumn('fee_payment_workdays', 'integer', (c) => c.notNull())
    .addColumn('cap_opinion_pause', 'integer', (c) => c.notNull())
    .addColumn('extension_notice_by', 'text', (c) => c.notNull())
    .addColumn('letter_prefix', 'text') // 代字 before 〔YYYY〕第N号, e.g. 示民信公开
    .addColumn('tracking_prefix', 'text') // instead of YSQ
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'application_settings',
    'application_appeals',
    'application_attachments',
    'application_fees',
    'application_consultations',
    'application_tracking_counters',
    'application_letter_counters',
    'application_letters',
    'application_events',
    'application_cases',
  ])
    await db.schema.dropTable(table).execute();
}
