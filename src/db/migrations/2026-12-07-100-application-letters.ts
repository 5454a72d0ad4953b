/**
 * Letters and notifications of 依申请公开 (issue 5): each agency's edited letter templates (a row overrides
 * the platform's default of the same key), its letter settings (the 行政复议机关 named in the remedies sentence,
 * the contact line, the remedies text per outcome group), and the applicant notifications outbox filled from
 * the case timeline with its scan cursor. Portable types only (ADR 0003). No personal data is stored here:
 * notifications keep the kind and status, never the address or the text sent.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_letter_templates')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('template_key', 'text', (c) => c.notNull()) // letters/templates.ts TemplateKey
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_letter_templates_pk', ['agency_id', 'template_key'])
    .execute();

  await db.schema
    .createTable('application_letter_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('reconsideration_body', 'text') // 行政复议机关, e.g. 示例市人民政府
    .addColumn('contact_line', 'text') // 联系人及电话 printed under the letter
    .addColumn('address', 'text') // 受理机构地址 (for 自行领取, 当场阅读)
    .addColumn('remedies_json', 'text', (c) => c.notNull().defaultTo('{}')) // RemedyKey → text
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('application_cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull().unique()) // the timeline event it tells of (once)
    .addColumn('kind', 'text', (c) => c.notNull()) // notify/kinds.ts NotificationKind
    .addColumn('channel', 'text') // email | sms, chosen at send time
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sent | failed | skipped
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text') // a Chinese reason without personal data
    .addColumn('provider', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_notifications_due_idx')
    .on('application_notifications')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('application_notifications_case_idx')
    .on('application_notifications')
    .column('case_id')
    .execute();

  // Where the outbox scan of the timeline has got to (id 'events', the latest recording time seen). It
  // starts after the events already recorded, which are not announced; '' (no events yet) scans from the start.
  await db.schema
    .createTable('application_notify_state')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cursor_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const last = await db
    .selectFrom('application_events')
    .select((eb) => eb.fn.max('at').as('at'))
    .executeTakeFirst();
  await db
    .insertInto('application_notify_state')
    .values({ id: 'events', cursor_at: last?.at ?? '', updated_at: new Date().toISOString() })
    .execute();
  // The scan reads the timeline by time of recording.
  await db.schema.createIndex('application_events_at_idx').on('application_events').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('application_events_at_idx').execute();
  for (const t of [
    'application_notify_state',
    'application_notifications',
    'application_letter_settings',
    'application_letter_templates',
  ])
    await db.schema.dropTable(t).execute();
}
