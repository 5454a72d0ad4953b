#!/usr/bin/env node
/**
 * `npm run bench:report` — the cost of computing and checking one year's annual-report tables.
 *
 * For each database (an SQLite file; PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server,
 * in a fresh database created and dropped here): N cases (BENCH_CASES, default 100000) of one agency,
 * received over 2024–2026, are written in bulk through the data layer (Kysely batches, not HTTP, not the
 * commands) with full timelines: receipt, claim, drafts, sign-off, reply letters and events; 补正 missed
 * (逾期不补正), fees unpaid (逾期未缴费), withdrawals, cases open at the end, 重新答复 after a reconsideration,
 * reconsiderations and lawsuits decided or pending. A seeded PRNG makes every run the same. Then the 2025
 * report (表二 + 表三 + 表四 with every cell's ids, and V1–V5) is computed three times; prints the rows
 * written, the time of each computation, and the memory (heap used before/after, process RSS).
 *
 * Uses the compiled code in dist/ (run `npm run build` first).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { loadConfig } = await import(dist('config.js'));
const { connect } = await import(dist('db/connect.js'));
const { migrateToLatest } = await import(dist('db/migrate.js'));
const { createServices } = await import(dist('services.js'));
const { seedDemo } = await import(dist('demo/seed.js'));
const { build } = await import(dist('modules/applications/applications.fixtures.js'));
const { countingFacts } = await import(dist('modules/annual-reports/compute/table3.js'));
const { MZ } = await import(dist('modules/publications/publications.fixtures.js'));
const { REPLY_OUTCOMES } = await import(dist('modules/applications/workflow.js'));
const { APPLICANT_KIND_CODES } = await import(dist('modules/applications/codes.js'));
const { addDays } = await import(dist('platform/legal-date.js'));
const { computeAnnualReport, computeTable2, computeTable3, computeTable4 } = await import(
  dist('modules/annual-reports/compute/index.js')
);

const N = Number(process.env.BENCH_CASES ?? 100_000);
const YEAR = 2025;
const AS_OF = '2026-12-31';
const BATCH = 250;

function prng(seed) {
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
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** One case's rows: the case, its events, letters and proceedings. */
function generate(r, i, template, agencyId, handlerId, signerId, serial) {
  const id = randomUUID();
  const receivedOn = addDays('2024-01-02', r.int(0, 1083)); // 2024-01-02 … 2026-12-20
  const at = `${receivedOn}T02:00:00.000Z`;
  const kind = r.next() < 0.6 ? 'person' : r.pick(APPLICANT_KIND_CODES);
  const events = [];
  const letters = [];
  const appeals = [];
  const ev = (action, kindName, on, from, to, clock = 0, data = {}) =>
    events.push({
      id: randomUUID(),
      case_id: id,
      seq: events.length + 1,
      action,
      kind: kindName,
      clock,
      on_date: on,
      data_json: JSON.stringify(data),
      from_state: from,
      to_state: to,
      actor_id: action === 'approveReply' ? signerId : handlerId,
      actor_label: '办理人',
      note: null,
      at: `${on}T02:00:00.000Z`,
    });
  const reply = (round, outcome, on) => {
    ev('draftReply', 'draftReply', addDays(on, -2), 'inProgress', 'replyDrafted', 0, { outcome });
    ev('approveReply', 'approveReply', addDays(on, -1), 'replyDrafted', 'replyApproved');
    if (round === 0) ev('sendReply', 'replied', on, 'replyApproved', 'replied', 1, {});
    else ev('sendReply', 'sendReply', on, 'replyApproved', 'replied', 0, { replyRound: round, outcome });
    letters.push({
      id: randomUUID(),
      case_id: id,
      agency_id: agencyId,
      kind: 'reply',
      status: 'sent',
      reply_round: round,
      superseded: 0,
      year: Number(on.slice(0, 4)),
      serial: serial(),
      number: null,
      outcome,
      legal_basis: '《中华人民共和国政府信息公开条例》',
      content_json: '{"text":"答复内容。"}',
      drafted_by: handlerId,
      drafted_at: `${addDays(on, -2)}T02:00:00.000Z`,
      approved_by: signerId,
      approved_at: `${addDays(on, -1)}T02:00:00.000Z`,
      sent_on: on,
      sent_by: handlerId,
      delivered_on: null,
      delivery_channel: null,
      delivery_proof: null,
      delivery_recorded_by: null,
      file_sha256: null,
      updated_at: `${on}T02:00:00.000Z`,
    });
  };
  const appeal = (kindName, after, filedOn, decidedOn, result) =>
    appeals.push({
      id: randomUUID(),
      case_id: id,
      agency_id: agencyId,
      kind: kindName,
      after_reconsideration: after,
      body_name: kindName === 'litigation' ? '示例市中级人民法院' : '示例市人民政府',
      case_no: null,
      filed_on: filedOn,
      decided_on: decidedOn,
      result,
      note: null,
      created_by: handlerId,
      created_at: `${filedOn}T02:00:00.000Z`,
      updated_at: `${decidedOn ?? filedOn}T02:00:00.000Z`,
    });

  ev('registerOffline', 'received', receivedOn, null, 'received', 1, {
    channel: 'inPerson',
    submittedOn: receivedOn,
  });
  ev('claim', 'claim', receivedOn, 'received', 'inProgress');
  const row = {
    ...template,
    id,
    agency_id: agencyId,
    tracking_no: `BENCH-${i}`,
    idempotency_key: null,
    submission_hash: null,
    applicant_kind: kind,
    submitted_at: at,
    arrived_on: receivedOn,
    received_on: receivedOn,
    handler_id: handlerId,
    assigned_at: at,
    applicant_id_index: null,
    applicant_contact_index: null,
    possible_repeat_of: null,
    not_ours_agency_id: null,
    not_ours_agency_name: null,
    not_ours_agency_contact: null,
    forwarded_from_id: null,
    forwarded_to_id: null,
    reply_round: 0,
    redo_due_on: null,
    archived_at: null,
    created_at: at,
    updated_at: at,
  };
  const close = (state, outcome, on, reason) =>
    Object.assign(row, {
      state,
      outcome,
      closed_on: on,
      closure_reason: reason,
      clock_state: 'closed',
      due_on: null,
    });
  const x = r.next();
  const openTooLong = receivedOn > '2026-11-01' && r.next() < 0.5;
  if (openTooLong) {
    Object.assign(row, {
      state: 'inProgress',
      outcome: null,
      closed_on: null,
      closure_reason: null,
      clock_state: 'running',
    });
  } else if (x < 0.08) {
    const deadline = addDays(receivedOn, 25);
    ev(
      'requestCorrection',
      'correctionRequested',
      addDays(receivedOn, 3),
      'inProgress',
      'awaitingCorrection',
      1,
      { deadline },
    );
    ev(
      'closeCorrectionOverdue',
      'closeCorrectionOverdue',
      addDays(deadline, 1),
      'awaitingCorrection',
      'closedCorrectionOverdue',
    );
    close(
      'closedCorrectionOverdue',
      'otherHandling.correctionOverdue',
      addDays(deadline, 1),
      'correctionOverdue',
    );
  } else if (x < 0.12) {
    ev('sendFeeNotice', 'feeNoticeSent', addDays(receivedOn, 5), 'inProgress', 'awaitingFee', 1, {});
    const on = addDays(receivedOn, 40);
    ev('closeFeeUnpaid', 'closeFeeUnpaid', on, 'awaitingFee', 'closedFeeUnpaid');
    close('closedFeeUnpaid', 'otherHandling.feeUnpaid', on, 'feeUnpaid');
  } else if (x < 0.2) {
    const on = addDays(receivedOn, r.int(1, 20));
    ev('withdraw', 'withdrawn', on, 'inProgress', 'withdrawn', 1, {});
    close('withdrawn', 'otherHandling.other', on, 'withdrawn');
  } else {
    if (r.next() < 0.15) {
      ev('sendConsultation', 'opinionRequestSent', addDays(receivedOn, 2), 'inProgress', 'inProgress', 1, {
        addressee: 'thirdParty',
      });
      ev(
        'recordConsultationAnswer',
        'opinionAnswered',
        addDays(receivedOn, 12),
        'inProgress',
        'inProgress',
        1,
        {},
      );
    }
    const on = addDays(receivedOn, r.int(3, 45));
    const outcome = r.pick(REPLY_OUTCOMES);
    reply(0, outcome, on);
    close('replied', outcome, on, 'replied');
    const y = r.next();
    if (y < 0.03) {
      // Reconsideration corrects the reply: 重新答复 in round 1.
      const decided = addDays(on, 50);
      appeal('reconsideration', 0, addDays(on, 10), decided, 'corrected');
      ev('recordAppeal', 'recordAppeal', decided, 'replied', 'replied', 0, { result: 'corrected' });
      ev('redoReply', 'redoReply', addDays(decided, 1), 'replied', 'inProgress', 0, { replyRound: 1 });
      const redoOutcome = r.pick(REPLY_OUTCOMES);
      reply(1, redoOutcome, addDays(decided, 20));
      Object.assign(row, { reply_round: 1, outcome: redoOutcome, state: 'replied' });
    } else if (y < 0.06) {
      const filed = addDays(on, r.int(5, 50));
      const decided = r.next() < 0.7 ? addDays(filed, r.int(30, 200)) : null;
      const result = decided ? r.pick(['upheld', 'corrected', 'other']) : 'pending';
      const k = r.next();
      if (k < 0.6) appeal('reconsideration', 0, filed, decided, result);
      else appeal('litigation', k < 0.85 ? 0 : 1, filed, decided, result);
      ev('recordAppeal', 'recordAppeal', filed, 'replied', 'replied', 0, { result });
    }
  }
  return { row, events, letters, appeals };
}

async function insertAll(db, table, rows) {
  const width = rows.length ? Object.keys(rows[0]).length : 1;
  const per = Math.max(1, Math.floor(30000 / width));
  for (let i = 0; i < rows.length; i += per)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + per))
      .execute();
}

async function run(label, handle, dataDir) {
  await migrateToLatest(handle.db);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, 'test');
  const { services } = createServices(config, { handle });
  await seedDemo(services);
  const db = handle.db;
  const agencies = Object.fromEntries(
    (await db.selectFrom('agencies').select(['id', 'name']).execute()).map((r) => [r.name, r.id]),
  );
  const users = Object.fromEntries(
    (await db.selectFrom('users').select(['id', 'username']).execute()).map((r) => [r.username, r.id]),
  );
  const agencyId = agencies[MZ];
  // A real case as the template of the columns the report does not read (sealed applicant data, settings …).
  const tpl = await build.received({ services, agencies }, 'mz.handler');
  const template = await db
    .selectFrom('application_cases')
    .selectAll()
    .where('id', '=', tpl.id)
    .executeTakeFirstOrThrow();

  const r = prng(20261207);
  let serialNo = 1000;
  const serial = () => ++serialNo;
  const counts = { cases: 0, events: 0, letters: 0, appeals: 0 };
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const parts = [];
    for (let j = i; j < Math.min(N, i + BATCH); j++)
      parts.push(generate(r, j, template, agencyId, users['mz.handler'], users['mz.signer'], serial));
    await db.transaction().execute(async (trx) => {
      await insertAll(
        trx,
        'application_cases',
        parts.map((p) => p.row),
      );
      await insertAll(
        trx,
        'application_events',
        parts.flatMap((p) => p.events),
      );
      await insertAll(
        trx,
        'application_letters',
        parts.flatMap((p) => p.letters),
      );
      await insertAll(
        trx,
        'application_appeals',
        parts.flatMap((p) => p.appeals),
      );
    });
    counts.cases += parts.length;
    counts.events += parts.reduce((s, p) => s + p.events.length, 0);
    counts.letters += parts.reduce((s, p) => s + p.letters.length, 0);
    counts.appeals += parts.reduce((s, p) => s + p.appeals.length, 0);
    if ((i / BATCH) % 40 === 39) process.stderr.write(`  ${label}: ${counts.cases}/${N}\n`);
  }
  // What autovacuum would have done by the time a report is computed on a real server.
  if (label === 'PostgreSQL') await sql`ANALYZE`.execute(db);
  console.log(
    `\n${label}: wrote ${counts.cases} cases, ${counts.events} events, ${counts.letters} letters, ${counts.appeals} proceedings in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (let k = 1; k <= 3; k++) {
    const heapBefore = process.memoryUsage().heapUsed;
    const s = performance.now();
    const report = await computeAnnualReport(db, agencyId, YEAR, {
      asOf: AS_OF,
      table2: { licensing: 10, penalties: 3, enforcement: 0, feesAmount: 0 },
    });
    const ms = performance.now() - s;
    const mem = process.memoryUsage();
    const T3 = report.tables.T3;
    const ids = Object.values(report.sources).reduce((n, l) => n + l.length, 0);
    console.log(
      `  compute + check ${YEAR} #${k}: ${ms.toFixed(0)} ms · heap ${mb(heapBefore)} → ${mb(mem.heapUsed)} · RSS ${mb(mem.rss)} · ` +
        `R1 ${T3.R1[6]}, R2 ${T3.R2[6]}, R24 ${T3.R24[6]}, R25 ${T3.R25[6]}, 表四 K5/K10/K15 ${report.tables.T4.K5}/${report.tables.T4.K10}/${report.tables.T4.K15} · ` +
        `${ids} cell→id links · ${report.findings.filter((f) => f.severity === 'error').length} errors`,
    );
  }
  const parts = [
    ['表二', () => computeTable2(db, agencyId, YEAR, {})],
    ['表三', () => computeTable3(db, agencyId, YEAR, { asOf: AS_OF })],
    ['表四', () => computeTable4(db, agencyId, YEAR)],
    ['表三 cases query', () => countingFacts(db, agencyId, YEAR, AS_OF)],
  ];
  const times = [];
  for (const [name, fn] of parts) {
    const s = performance.now();
    await fn();
    times.push(`${name} ${(performance.now() - s).toFixed(0)} ms`);
  }
  console.log(`  by table: ${times.join(' · ')}`);
}

console.log(
  `bench:report — ${N} cases over 2024–2026 in one agency, report year ${YEAR}, node ${process.version}`,
);
{
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-report-'));
  const handle = connect({ databaseUrl: null, sqliteFile: path.join(dir, 'bench.sqlite') });
  try {
    await run('SQLite', handle, dir);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to include it)');
} else {
  const name = `gk_bench_report_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-report-'));
  const handle = connect({ databaseUrl: url.toString(), sqliteFile: ':memory:' });
  try {
    await run('PostgreSQL', handle, dir);
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
