#!/usr/bin/env node
/**
 * `npm run bench:publish` — 主动公开 throughput through the command layer.
 *
 * For each database (SQLite file; PostgreSQL when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL names a server, in a fresh database created and dropped
 * here), N items (BENCH_ITEMS, default 10000) each go through: create with a
 * Markdown body → upload a PDF attachment (sniffed, text extracted, scanned) →
 * submit (checks on body and attachment) → 初审 → 保密审查 → 领导审签 and
 * publish (checks again, 索引号 reserved). Every command is its own
 * transaction with its audit events, as in production. Prints items per
 * second per database and the time per step (mean, p50, p95, ms).
 *
 * Uses the compiled code in dist/ (the script builds it first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { loadConfig } = await import(dist('config.js'));
const { connect } = await import(dist('db/connect.js'));
const { migrateToLatest } = await import(dist('db/migrate.js'));
const { createServices } = await import(dist('services.js'));
const { seedDemo } = await import(dist('demo/seed.js'));
const F = await import(dist('modules/publications/publications.fixtures.js'));
const { uploadAttachment } = await import(dist('modules/publications/commands/upload-attachment.js'));
const { submitPublication } = await import(dist('modules/publications/commands/submit-publication.js'));
const { approvePublication } = await import(dist('modules/publications/commands/approve-step.js'));
const { publishNow } = await import(dist('modules/publications/commands/publish-now.js'));
const { createPublication } = await import(dist('modules/publications/commands/create-publication.js'));
const { textPdf } = await import(dist('modules/checks/test-files.fixture.js'));

const N = Number(process.env.BENCH_ITEMS ?? 10_000);
const STEPS = ['create', 'upload PDF', 'submit', 'firstReview', 'secrecyReview', 'signOff+publish'];

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `mean ${mean.toFixed(2)}  p50 ${q(0.5).toFixed(2)}  p95 ${q(0.95).toFixed(2)}`;
}

const BODY = (i) =>
  `各区（县）民政局：\n\n为做好第${i}批城乡居民最低生活保障工作，现将有关事项通知如下。\n\n一、提高保障标准。自2026年1月1日起，城市低保标准提高到每人每月800元。\n\n二、规范审核确认。各地要严格按照规定程序办理，咨询电话 0000-1234567。\n\n三、加强监督检查。`;

async function run(label, handle, dataDir) {
  await migrateToLatest(handle.db);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, 'test');
  const { services } = createServices(config, { handle });
  await seedDemo(services);
  const agencies = Object.fromEntries(
    (await handle.db.selectFrom('agencies').select(['id', 'name']).execute()).map((r) => [r.name, r.id]),
  );
  const t = { services, agencies };
  const ctx = {
    editor: await F.ctxOf(t, 'mz.editor'),
    reviewer: await F.ctxOf(t, 'mz.reviewer'),
    secrecy: await F.ctxOf(t, 'mz.secrecy'),
    signer: await F.ctxOf(t, 'mz.signer'),
  };
  const columnId = await F.columnOf(t);
  const times = STEPS.map(() => []);
  const time = async (k, fn) => {
    const t0 = performance.now();
    const r = await fn();
    times[k].push(performance.now() - t0);
    return r;
  };
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const input = F.completeInput(columnId, {
      title: `关于第${i}批最低生活保障工作的通知`,
      body: BODY(i),
      docNoNumber: i + 1,
    });
    const p = await time(0, () => createPublication(ctx.editor, agencies[F.MZ], input));
    const pdf = textPdf([
      [`Notice ${i}`, 'Minimum living allowance standards 2026', `Contact office 0000-1234567 item ${i}`],
    ]);
    await time(1, () => uploadAttachment(ctx.editor, p.id, { fileName: `附件${i}.pdf`, bytes: pdf }));
    await time(2, () => submitPublication(ctx.editor, p.id));
    await time(3, () => approvePublication(ctx.reviewer, p.id));
    await time(4, () => approvePublication(ctx.secrecy, p.id));
    const done = await time(5, () => publishNow(ctx.signer, p.id));
    if (!done.indexNo) throw new Error('published without 索引号');
    if ((i + 1) % 1000 === 0) process.stderr.write(`  ${label}: ${i + 1}/${N}\n`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const audit = await handle.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  console.log(
    `\n${label}: ${N} items in ${seconds.toFixed(1)} s = ${(N / seconds).toFixed(1)} items/s (${Number(audit.n)} audit events)`,
  );
  for (const [k, s] of STEPS.entries()) console.log(`  ${s.padEnd(16)} ms  ${stats(times[k])}`);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`  process RSS after run: ${rss.toFixed(0)} MB`);
}

console.log(`bench:publish — ${N} items per database, node ${process.version}`);
{
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-publish-'));
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
  const name = `gk_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-publish-'));
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
