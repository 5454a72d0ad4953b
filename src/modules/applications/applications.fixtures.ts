/**
 * Test factories for applications (tests only): a complete online form, cases built through the real
 * commands into named states, and the check that the clock stored on a case is computeClock's over its
 * timeline.
 */

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { chinaToday } from '../../platform/legal-date.js';
import type { Services } from '../../platform/services.js';
import type { CommandContext } from '../accounts/commands/context.js';
import { ctxOf, type FixtureApp } from '../publications/publications.fixtures.js';
import { toEvent } from './applications.js';
import { findCase, listEvents } from './applications.repository.js';
import { clockColumns, settingsOf, timelineOf } from './case-clock.js';
import { computeClock } from './clock.js';
import { claimCase } from './commands/assign.js';
import { confirmReceipt } from './commands/receipt.js';
import { registerOffline } from './commands/register-offline.js';
import { submitOnline } from './commands/submit-online.js';

export { ctxOf };

/** The personal values of the default form: none of them may appear outside the sealed envelope. */
export const PERSON = {
  name: '张三丰',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: 'zhangsanfeng@example.cn',
  address: '示例市中山路100号',
} as const;

export function onlineForm(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    applicantKind: 'person',
    name: PERSON.name,
    idKind: 'residentIdCard',
    idNumber: PERSON.idNumber,
    phone: PERSON.phone,
    email: PERSON.email,
    address: PERSON.address,
    postalCode: '100032',
    infoTitle: '关于调整城乡居民最低生活保障标准的通知',
    infoDescription: '请提供2025年本市调整城乡居民最低生活保障标准的文件及其附件。',
    informationForms: ['paper', 'email'],
    deliveryMethods: ['post', 'email'],
    privacyConsent: 'on',
    declaration: 'on',
    idempotencyKey: `form-${randomUUID()}`,
    ...over,
  };
}

/** An in-person registration by the agency's handler: received today. */
export function inPersonForm(services: Services, over: Record<string, unknown> = {}) {
  const { idempotencyKey: _k, privacyConsent: _p, declaration: _d, ...form } = onlineForm();
  return { ...form, channel: 'inPerson', submittedOn: chinaToday(services.clock.now()), ...over };
}

export interface Built {
  id: string;
  trackingNo: string;
  queryCode: string;
}

export const build = {
  /** Submitted online to the agency, not yet confirmed. */
  async submitted(t: FixtureApp, agencyName: string, over: Record<string, unknown> = {}): Promise<Built> {
    const r = await submitOnline(t.services, t.agencies[agencyName]!, onlineForm(over));
    return { id: r.case.id, trackingNo: r.trackingNo, queryCode: r.queryCode };
  },
  /** Registered in person by `handler` (received today). */
  async received(t: FixtureApp, handler: string, over: Record<string, unknown> = {}): Promise<Built> {
    const r = await registerOffline(await ctxOf(t, handler), inPersonForm(t.services, over));
    return { id: r.case.id, trackingNo: r.trackingNo, queryCode: r.queryCode };
  },
  /** Received and claimed by `handler`. */
  async inProgress(t: FixtureApp, handler: string, over: Record<string, unknown> = {}): Promise<Built> {
    const b = await build.received(t, handler, over);
    await claimCase(await ctxOf(t, handler), b.id);
    return b;
  },
  /** Online, confirmed by `handler`. */
  async confirmed(t: FixtureApp, agencyName: string, handler: string): Promise<Built> {
    const b = await build.submitted(t, agencyName);
    await confirmReceipt(await ctxOf(t, handler), b.id);
    return b;
  },
};

/** The clock stored on the case is exactly computeClock's over its timeline, as of the clock's today. */
export async function expectStoredClock(services: Services, id: string): Promise<void> {
  const row = (await findCase(services.db, id))!;
  const events = (await listEvents(services.db, id)).map(toEvent);
  const timeline = timelineOf(events);
  if (timeline[0]?.kind !== 'received') {
    assert.equal(row.due_on, null);
    return;
  }
  const calendar = await services.calendar.get(services.db);
  const result = computeClock(timeline, calendar, chinaToday(services.clock.now()), settingsOf(row));
  assert.deepEqual(result.rejected, []);
  const cols = clockColumns(result);
  assert.deepEqual(
    {
      due_on: row.due_on,
      clock_state: row.clock_state,
      correction_deadline: row.correction_deadline,
      fee_payment_deadline: row.fee_payment_deadline,
      clock_start_on: row.clock_start_on,
    },
    {
      due_on: cols.due_on,
      clock_state: cols.clock_state,
      correction_deadline: cols.correction_deadline,
      fee_payment_deadline: cols.fee_payment_deadline,
      clock_start_on: cols.clock_start_on,
    },
  );
}

export type Ctx = CommandContext;

/**
 * None of `values` appears anywhere outside the sealed envelopes: the cases' other columns, their events and
 * letters, and every audit event (before/after and the actor label).
 */
export async function expectNoPersonalData(services: Services, values: readonly string[]): Promise<void> {
  const db = services.db;
  const cases = await db.selectFrom('application_cases').selectAll().execute();
  const tables = [
    JSON.stringify(cases.map(({ pii_envelope: _e, ...rest }) => rest)),
    JSON.stringify(
      await db.selectFrom('application_events').select(['data_json', 'note', 'actor_label']).execute(),
    ),
    JSON.stringify(
      await db.selectFrom('application_letters').select(['content_json', 'legal_basis']).execute(),
    ),
    JSON.stringify(
      await db
        .selectFrom('audit_events')
        .select(['before_json', 'after_json', 'actor_label', 'target_id'])
        .execute(),
    ),
  ];
  assert.ok(cases.length > 0, 'no cases to check');
  for (const table of tables)
    for (const v of values)
      assert.ok(!table.includes(v), `personal data found outside the envelopes (${v.length} characters)`);
}
