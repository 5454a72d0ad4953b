/**
 * The computed 表三 and 表四 against an independent count, over random case histories built with the real
 * application commands (every dialect): receipt in person and online (confirmed days later, across a year
 * end, or never), 补正 (answered, or missed → 逾期不补正), 征求意见 pauses, fees (paid, or missed → 逾期未缴费),
 * replies with random outcomes (drafts returned and redrafted), withdrawals (also before confirmation and
 * during a 重新答复), 非本机关 replies forwarded to another agency, reconsiderations and lawsuits decided or
 * not, 重新答复 after a 纠正 — over two and a half years.
 *
 * The independent count reads the event log (application_events), never the compute code or the case
 * columns it uses: receipt = the first `received` event; first closure = the first sendReply / withdraw /
 * closeCorrectionOverdue / closeFeeUnpaid event, a reply's row being the outcome of the last draft before it.
 * 表四 is checked against the generator's own ledger of the proceedings it recorded.
 *
 * REPORT_SEED=<n> replays a run; the seed is in the test's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { AppError } from '../../../platform/errors.js';
import { addDays, type LegalDate } from '../../../platform/legal-date.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import { build, ctxOf } from '../../applications/applications.fixtures.js';
import { APPLICANT_KIND_CODES, OUTCOMES } from '../../applications/codes.js';
import { recordAppeal } from '../../applications/commands/appeal.js';
import { claimCase } from '../../applications/commands/assign.js';
import { recordConsultationAnswer, sendConsultation } from '../../applications/commands/consultation.js';
import { receiveCorrection, requestCorrection } from '../../applications/commands/correction.js';
import { recordFeeNoticeReceived, recordPayment, sendFeeNotice } from '../../applications/commands/fee.js';
import { closeOverdue } from '../../applications/commands/jobs.js';
import { closeNotOurs, forwardCase } from '../../applications/commands/not-ours.js';
import { confirmReceipt } from '../../applications/commands/receipt.js';
import {
  approveReply,
  draftReply,
  redoReply,
  returnReply,
  sendReply,
} from '../../applications/commands/reply.js';
import { withdrawByApplicant, withdrawCase } from '../../applications/commands/withdraw.js';
import { REPLY_OUTCOMES } from '../../applications/workflow.js';
import { MZ, QH } from '../../publications/publications.fixtures.js';
import { T4_BLOCKS, t3RowIds } from '../checker/model.js';
import { checkComputed } from './report.js';
import { computeTable3 } from './table3.js';
import { computeTable4 } from './table4.js';

const SEED = Number(process.env.REPORT_SEED ?? 20261207);
const START = '2024-10-08' as LegalDate;
const END = '2026-03-20' as LegalDate;
const YEARS = [2024, 2025, 2026];

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

interface Ledger {
  caseId: string;
  group: 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration';
  filedOn: string;
  decidedOn: string | null;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
}

// ---------------------------------------------------------------------------------------------------------
// The independent count (event log → cells).

const ROW_OF: Record<string, string> = Object.fromEntries(OUTCOMES.map((o) => [o.code, o.row]));
const COLUMN_OF: Record<string, number> = Object.fromEntries(APPLICANT_KIND_CODES.map((k, i) => [k, i + 1]));

interface Life {
  id: string;
  column: number;
  received: string;
  closed: string | null;
  row: string | null;
}

async function livesFromEventLog(t: TestApp, agencyId: string): Promise<Life[]> {
  const cases = await t.services.db
    .selectFrom('application_cases')
    .select(['id', 'applicant_kind'])
    .where('agency_id', '=', agencyId)
    .execute();
  const events = await t.services.db
    .selectFrom('application_events')
    .innerJoin('application_cases', 'application_cases.id', 'application_events.case_id')
    .select([
      'application_events.case_id',
      'application_events.seq',
      'application_events.action',
      'application_events.kind',
      'application_events.on_date',
      'application_events.data_json',
    ])
    .where('application_cases.agency_id', '=', agencyId)
    .execute();
  const byCase = new Map<string, typeof events>();
  for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
  const lives: Life[] = [];
  for (const c of cases) {
    const list = (byCase.get(c.id) ?? []).sort((a, b) => Number(a.seq) - Number(b.seq));
    let received: string | null = null;
    let closed: string | null = null;
    let row: string | null = null;
    let drafted: string | null = null;
    for (const e of list) {
      if (received === null && e.kind === 'received') received = e.on_date;
      if (e.action === 'draftReply' || e.action === 'closeNotOurs')
        drafted = (JSON.parse(e.data_json) as { outcome: string }).outcome;
      if (closed !== null) continue;
      const closing: Record<string, string | undefined> = {
        sendReply: drafted ? ROW_OF[drafted] : undefined,
        withdraw: 'R23',
        closeCorrectionOverdue: 'R21',
        closeFeeUnpaid: 'R22',
      };
      if (e.action in closing) {
        closed = e.on_date;
        row = closing[e.action]!;
      }
    }
    if (received === null) continue; // never received: counted nowhere
    lives.push({ id: c.id, column: COLUMN_OF[c.applicant_kind]!, received, closed, row });
  }
  return lives;
}

function expectedT3(lives: readonly Life[], year: number): Map<string, string[]> {
  const cells = new Map<string, string[]>();
  const put = (row: string, l: Life) => {
    for (const c of [l.column, 7]) {
      const k = `T3.${row}.C${c}`;
      cells.set(k, [...(cells.get(k) ?? []), l.id]);
    }
  };
  const jan1 = `${year}-01-01`;
  const dec31 = `${year}-12-31`;
  for (const l of lives) {
    const openAtStart = l.received < jan1 && (l.closed === null || l.closed >= jan1);
    const receivedNow = l.received.slice(0, 4) === String(year);
    if (!openAtStart && !receivedNow) continue;
    put(receivedNow ? 'R1' : 'R2', l);
    if (l.closed !== null && l.closed.slice(0, 4) === String(year)) {
      put(l.row!, l);
      put('R24', l);
    } else if (l.closed === null || l.closed > dec31) put('R25', l);
  }
  return cells;
}

function expectedT4(
  ledger: readonly Ledger[],
  agencyCases: Set<string>,
  year: number,
): Map<string, string[]> {
  const block = { reconsideration: 0, litigationDirect: 1, litigationAfterReconsideration: 2 };
  const part = { upheld: 0, corrected: 1, other: 2, pending: 3 };
  const cells = new Map<string, string[]>();
  for (const a of ledger) {
    if (!agencyCases.has(a.caseId) || Number(a.filedOn.slice(0, 4)) > year) continue;
    const decidedYear = a.decidedOn ? Number(a.decidedOn.slice(0, 4)) : null;
    if (decidedYear !== null && decidedYear < year) continue;
    const b = T4_BLOCKS[block[a.group]]!;
    const k = decidedYear === year ? b.parts[part[a.result]]! : b.parts[3]!;
    for (const id of [k, b.total]) cells.set(`T4.${id}`, [...(cells.get(`T4.${id}`) ?? []), a.caseId]);
  }
  return cells;
}

const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();

// ---------------------------------------------------------------------------------------------------------
// The random histories.

for (const dialect of dialects) {
  describe(`computed 表三/表四 vs the event log [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    it(`random case histories, seed ${SEED}`, { timeout: 120_000 }, async () => {
      const r = prng(SEED);
      const ctxs = new Map<string, CommandContext>();
      const as = async (u: string) => {
        if (!ctxs.has(u)) ctxs.set(u, await ctxOf(t, u));
        return ctxs.get(u)!;
      };
      const ledger: Ledger[] = [];
      const stats = { cases: 0, actions: 0, refused: 0 };
      // Cases the generator still acts on: id → tracking number and query code (for the applicant's withdrawal).
      const live = new Map<string, { trackingNo: string; queryCode: string; agency: 'mz' | 'qh' }>();
      const attempt = async (p: Promise<unknown>) => {
        stats.actions++;
        try {
          await p;
          return true;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          stats.refused++;
          return false;
        }
      };

      const orgFields = {
        name: '示例科技有限公司',
        noCreditCodeReason: '测试',
        legalRepresentative: '王某',
        contactName: '赵某',
      };
      const newCase = async () => {
        const kind = r.chance(0.55) ? 'person' : r.pick(APPLICANT_KIND_CODES);
        const over = kind === 'person' ? { applicantKind: kind } : { applicantKind: kind, ...orgFields };
        const online = r.chance(0.35);
        const b = online ? await build.submitted(t, MZ, over) : await build.received(t, 'mz.handler', over);
        live.set(b.id, { trackingNo: b.trackingNo, queryCode: b.queryCode, agency: 'mz' });
        stats.cases++;
      };

      const appeals = async (id: string, today: LegalDate) => {
        const mine = ledger.filter((a) => a.caseId === id);
        const ctx = await as('mz.handler');
        const pending = mine.find((a) => a.result === 'pending');
        if (pending && r.chance(0.3)) {
          const result = r.pick(['upheld', 'corrected', 'other'] as const);
          const row = await t.services.db
            .selectFrom('application_appeals')
            .select('id')
            .where('case_id', '=', id)
            .where('filed_on', '=', pending.filedOn)
            .where('result', '=', 'pending')
            .executeTakeFirstOrThrow();
          const ok = await attempt(
            recordAppeal(ctx, id, {
              appealId: row.id,
              kind: pending.group === 'reconsideration' ? 'reconsideration' : 'litigation',
              afterReconsideration: pending.group === 'litigationAfterReconsideration' ? 'on' : undefined,
              bodyName: '复议机关或法院',
              filedOn: pending.filedOn,
              decidedOn: today,
              result,
            }),
          );
          if (ok) Object.assign(pending, { decidedOn: today, result });
          return;
        }
        if (mine.length >= 2 || !r.chance(0.12)) return;
        const afterRecon = mine.some((a) => a.group === 'reconsideration' && a.result !== 'pending');
        const group: Ledger['group'] =
          mine.length === 0
            ? r.chance(0.7)
              ? 'reconsideration'
              : 'litigationDirect'
            : afterRecon
              ? 'litigationAfterReconsideration'
              : 'litigationDirect';
        const filedOn = today;
        const ok = await attempt(
          recordAppeal(ctx, id, {
            kind: group === 'reconsideration' ? 'reconsideration' : 'litigation',
            afterReconsideration: group === 'litigationAfterReconsideration' ? 'on' : undefined,
            bodyName: '复议机关或法院',
            filedOn,
            result: 'pending',
          }),
        );
        if (ok) ledger.push({ caseId: id, group, filedOn, decidedOn: null, result: 'pending' });
      };

      const act = async (id: string, today: LegalDate) => {
        const row = await t.services.db
          .selectFrom('application_cases')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const info = live.get(id)!;
        const h = await as(info.agency === 'mz' ? 'mz.handler' : 'qh.editor');
        const withdraw = r.chance(0.04);
        switch (row.state) {
          case 'submitted':
            if (withdraw || r.chance(0.03))
              await attempt(withdrawByApplicant(t.services, info.trackingNo, info.queryCode));
            else if (r.chance(0.6)) await attempt(confirmReceipt(h, id));
            return;
          case 'received':
            if (withdraw) await attempt(withdrawCase(h, id, { reason: '申请人撤回' }));
            else await attempt(claimCase(h, id));
            return;
          case 'inProgress': {
            const redo = Number(row.reply_round) > 0;
            // A withdrawal during a 重新答复 round changes no count (report-counting.md 3.16): make it common.
            if (withdraw || (redo && r.chance(0.3)))
              return void (await attempt(withdrawCase(h, id, { reason: '申请人撤回' })));
            if (info.agency === 'qh') return; // no signer there: the receiver's cases stay open or are withdrawn
            const x = r.next();
            if (!redo && x < 0.12) await attempt(requestCorrection(h, id, { items: '请明确所需信息' }));
            else if (!redo && x < 0.2)
              await attempt(
                sendConsultation(h, id, { addresseeKind: 'thirdParty', addresseeName: '第三方' }),
              );
            else if (!redo && x < 0.28)
              await attempt(sendFeeNotice(h, id, { mode: 'perPage', pages: r.int(31, 80) }));
            else if (!redo && x < 0.36)
              await attempt(
                closeNotOurs(h, id, {
                  text: '不属于本机关负责公开。',
                  otherAgencyId: t.agencies[QH],
                  otherAgencyContact: '0830-1234567',
                }),
              );
            else if (x < 0.8) {
              const open = await t.services.db
                .selectFrom('application_consultations')
                .select('id')
                .where('case_id', '=', id)
                .where('answered_on', 'is', null)
                .executeTakeFirst();
              if (open && r.chance(0.7))
                await attempt(
                  recordConsultationAnswer(h, id, { consultationId: open.id, summary: '同意公开' }),
                );
              else await attempt(draftReply(h, id, { outcome: r.pick(REPLY_OUTCOMES), text: '答复内容。' }));
            }
            return;
          }
          case 'awaitingCorrection':
            if (withdraw) await attempt(withdrawCase(h, id, { reason: '申请人撤回' }));
            else if (r.chance(0.3)) await attempt(receiveCorrection(h, id, {}));
            return; // otherwise the deadline passes: 逾期不补正
          case 'awaitingFee': {
            if (withdraw) return void (await attempt(withdrawCase(h, id, { reason: '申请人撤回' })));
            const fee = await t.services.db
              .selectFrom('application_fees')
              .select(['notice_received_on'])
              .where('case_id', '=', id)
              .executeTakeFirstOrThrow();
            if (!fee.notice_received_on) await attempt(recordFeeNoticeReceived(h, id, {}));
            else if (r.chance(0.3))
              await attempt(
                recordPayment(h, id, { paymentCode: `JK${r.int(1, 1e9)}`, receiptNo: `PJ${r.int(1, 1e9)}` }),
              );
            return; // otherwise the deadline passes: 逾期未缴费
          }
          case 'replyDrafted':
            if (withdraw) await attempt(withdrawCase(h, id, { reason: '申请人撤回' }));
            else if (r.chance(0.15))
              await attempt(returnReply(await as('mz.signer'), id, { comment: '请修改' }));
            else await attempt(approveReply(await as('mz.signer'), id));
            return;
          case 'replyApproved':
            await attempt(sendReply(h, id));
            return;
          case 'replied':
          case 'delivered':
          case 'archived': {
            if (row.not_ours_agency_id && !row.forwarded_to_id && r.chance(0.7)) {
              try {
                stats.actions++;
                const f = await forwardCase(h, id);
                live.set(f.forwarded.id, {
                  trackingNo: f.forwarded.trackingNo,
                  queryCode: f.queryCode,
                  agency: 'qh',
                });
              } catch (e) {
                if (!(e instanceof AppError)) throw e;
                stats.refused++;
              }
              return;
            }
            const corrected = ledger.find((a) => a.caseId === id && a.result === 'corrected');
            if (corrected && Number(row.reply_round) === 0 && r.chance(0.5)) {
              const appeal = await t.services.db
                .selectFrom('application_appeals')
                .select('id')
                .where('case_id', '=', id)
                .where('result', '=', 'corrected')
                .executeTakeFirstOrThrow();
              await attempt(redoReply(h, id, { appealId: appeal.id, dueOn: addDays(today, 15) }));
              return;
            }
            await appeals(id, today);
            return;
          }
          default:
            if (row.closure_reason === 'replied' && r.chance(0.3)) await appeals(id, today);
        }
      };

      const crossing = new Map<string, string>();
      const crossed = new Set<string>();
      // Walk the days: new applications (more around the year ends), actions on the open ones, the daily job.
      let day = START;
      while (day <= END) {
        t.clock.set(`${day}T02:00:00.000Z`);
        const md = day.slice(5);
        const busy = md >= '11-20' || md <= '01-15';
        const arrivals = r.int(0, busy ? 2 : 1);
        for (let i = 0; i < arrivals; i++) await newCase();
        // Submitted online in the last week of a year, confirmed in the new year (report-counting.md 3.5).
        if (md >= '12-24' && !crossing.has(day.slice(0, 4))) {
          const b = await build.submitted(t, MZ);
          crossing.set(day.slice(0, 4), b.id);
          stats.cases++;
        }
        if (md >= '01-02' && md <= '01-15')
          for (const [y, id] of crossing)
            if (Number(y) === Number(day.slice(0, 4)) - 1 && !crossed.has(id)) {
              await confirmReceipt(await as('mz.handler'), id);
              crossed.add(id);
              live.set(id, { trackingNo: '', queryCode: '', agency: 'mz' });
            }
        for (const id of [...live.keys()]) if (r.chance(0.45)) await act(id, day);
        await closeOverdue(t.services, day);
        day = addDays(day, r.int(3, 6));
      }
      const asOf = addDays(day, -1);
      t.clock.set(`${asOf}T02:00:00.000Z`);
      // The daily job has run on the day the report is computed (a missed deadline not yet closed by the job
      // is counted by the rule all the same — rules.test.ts — but the event log would not show it).
      await closeOverdue(t.services, asOf);

      // Every path was taken.
      const db = t.services.db;
      const actions = new Set(
        (await db.selectFrom('application_events').select('action').distinct().execute()).map(
          (e) => e.action,
        ),
      );
      for (const a of [
        'withdraw',
        'closeCorrectionOverdue',
        'closeFeeUnpaid',
        'receiveCorrection',
        'recordPayment',
        'recordConsultationAnswer',
        'returnReply',
        'sendReply',
        'forward',
        'redoReply',
        'recordAppeal',
      ])
        expect(actions, `no ${a} in this history`).toContain(a);
      expect(crossed.size).toBe(2);
      const withdrawnInRedo = await db
        .selectFrom('application_cases')
        .select('id')
        .where('reply_round', '>', 0)
        .where('closure_reason', '=', 'withdrawn')
        .execute();
      expect(withdrawnInRedo.length, 'no withdrawal during a 重新答复').toBeGreaterThan(0);

      for (const [agency, name] of [
        ['mz', MZ],
        ['qh', QH],
      ] as const) {
        const agencyId = t.agencies[name]!;
        const lives = await livesFromEventLog(t, agencyId);
        const agencyCases = new Set(
          (
            await db.selectFrom('application_cases').select('id').where('agency_id', '=', agencyId).execute()
          ).map((c) => c.id),
        );
        let previous: Awaited<ReturnType<typeof computeTable3>> | null = null;
        for (const year of YEARS) {
          const t3 = await computeTable3(db, agencyId, year, { asOf });
          const t4 = await computeTable4(db, agencyId, year);
          const label = `${agency} ${year}`;

          // The same cases in every cell as the independent count.
          const want3 = expectedT3(lives, year);
          for (const row of t3RowIds(true))
            for (let c = 1; c <= 7; c++) {
              const k = `T3.${row}.C${c}`;
              expect(sorted(t3.cases[k]), `${label} ${k}`).toEqual(sorted(want3.get(k)));
              expect(t3.T3[row]![c - 1], `${label} ${k}`).toBe(want3.get(k)?.length ?? 0);
            }
          const want4 = expectedT4(ledger, agencyCases, year);
          for (let k = 1; k <= 15; k++)
            expect(sorted(t4.cases[`T4.K${k}`]), `${label} T4.K${k}`).toEqual(sorted(want4.get(`T4.K${k}`)));

          // Every case counted once: once in R1 or R2, once in a result row or R25.
          const inputs = [...t3.cases['T3.R1.C7']!, ...t3.cases['T3.R2.C7']!];
          const outputs = [
            ...t3RowIds(true)
              .filter((x) => !['R1', 'R2', 'R24', 'R25'].includes(x))
              .flatMap((x) => t3.cases[`T3.${x}.C7`]!),
            ...t3.cases['T3.R25.C7']!,
          ];
          expect(new Set(inputs).size, label).toBe(inputs.length);
          expect(new Set(outputs).size, label).toBe(outputs.length);
          expect(sorted(outputs), label).toEqual(sorted(inputs));
          // ΣR1 = the cases received in the year (first `received` event in the year).
          expect(t3.T3.R1![6], label).toBe(lives.filter((l) => l.received.startsWith(`${year}-`)).length);
          // This year's 上年结转 = last year's 结转下年度, per column and case by case.
          if (previous) {
            expect(t3.T3.R2, label).toEqual(previous.T3.R25);
            for (let c = 1; c <= 7; c++)
              expect(sorted(t3.cases[`T3.R2.C${c}`]), label).toEqual(sorted(previous.cases[`T3.R25.C${c}`]));
          }
          // V1–V4 (and V5's hard part) hold; with last year's table, 上年结转 = 结转下年度 too.
          const tables = { T2: {}, T3: t3.T3, T4: t4.T4 };
          expect(
            checkComputed(year, tables, previous?.T3).filter((f) => f.severity === 'error'),
            label,
          ).toEqual([]);
          previous = t3;
        }
      }
      // Submitted on 24–31 December 2024, confirmed in January 2025: received in 2025 (3.5).
      const lateDecember = crossing.get('2024')!;
      const y2024 = await computeTable3(db, t.agencies[MZ]!, 2024, { asOf });
      expect(Object.values(y2024.cases).flat()).not.toContain(lateDecember);
      expect(y2024.unconfirmed).toContain(lateDecember);
      expect((await computeTable3(db, t.agencies[MZ]!, 2025, { asOf })).cases['T3.R1.C1']).toContain(
        lateDecember,
      );
      // The histories are not trivial.
      expect(stats.cases).toBeGreaterThan(50);
      const counted = await computeTable3(db, t.agencies[MZ]!, 2025, { asOf });
      expect(counted.T3.R2![6]).toBeGreaterThan(0);
      expect(counted.T3.R25![6]).toBeGreaterThan(0);
      console.info(
        `[${dialect}] seed ${SEED}: ${stats.cases} cases, ${stats.actions} actions (${stats.refused} refused), ${ledger.length} proceedings`,
      );
    });
  });
}
