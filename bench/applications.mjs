#!/usr/bin/env node
/**
 * `npm run bench:applications` — online applications under load (issue 5): BENCH_APPLICATIONS (default
 * 1,000) applicants submit the full form at once, each with its CSRF token and a PDF of BENCH_PDF_BYTES
 * (default 200 KB, distinct content each), through POST /api/v1/applications.
 *
 * Per database — SQLite always, PostgreSQL too when BENCH_DATABASE_URL=postgres://… names a server where a
 * scratch database may be created (and is dropped afterwards) — a fresh, migrated database with the demo
 * agencies; `gongkai serve` (compiled dist/, NODE_ENV=production, logging off, rate limits raised) in its
 * own process; the load generator (bench/applications/load.mjs) in another, which resubmits the same form
 * after a 503 or a lost connection. Prints throughput, latency p50/p95/p99 of the submissions, retries, errors, the server's peak resident memory (VmRSS sampled every 100 ms,
 * VmHWM at the end), the load average; then, with the server stopped, checks in the database that exactly
 * as many cases as submissions exist with unique tracking numbers, that every acknowledged number is one
 * of them, and that every attachment's sealed file (applications/attachments/<id>) has its sealed size and
 * opens to bytes of its SHA-256.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const N = Number(process.env.BENCH_APPLICATIONS ?? 1000);
const PDF_BYTES = Number(process.env.BENCH_PDF_BYTES ?? 200 * 1024);
const PG_URL = process.env.BENCH_DATABASE_URL || null;

const here = (p) => new URL(p, import.meta.url).pathname;
const entry = here('../bin/gongkai.js');
if (!existsSync(here('../dist/server.js')))
  throw new Error('dist/ is missing: run `npm run build` first (the benchmarks use the compiled code).');
const { connect } = await import('../dist/db/connect.js');
const { migrateToLatest } = await import('../dist/db/migrate.js');
const { seedDemo } = await import('../dist/demo/seed.js');
const { createServices } = await import('../dist/services.js');
const { loadConfig } = await import('../dist/config.js');
const { sealedSize } = await import('../dist/platform/crypto/file-cipher.js');
const { readAttachment } = await import('../dist/modules/applications/attachments.js');

const SECRETS = {
  SESSION_SECRET: randomBytes(24).toString('hex'),
  AUDIT_HMAC_KEY: randomBytes(24).toString('hex'),
  PII_HASH_KEY: randomBytes(24).toString('hex'),
  PERSONAL_DATA_KEY: randomBytes(16).toString('hex'),
};

function machine() {
  const cpus = os.cpus();
  return (
    `${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ` +
    `${os.type()} ${os.release()}, node ${process.version}`
  );
}
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function waitFor(url, child) {
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gongkai serve exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return performance.now() - t0;
    } catch {}
    if (performance.now() - t0 > 120_000) throw new Error(`gongkai serve did not answer ${url} within 120 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

async function adminQuery(sqlText) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

async function run(dialect) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `gk-bench-applications-${dialect}-`));
  let dbName = null;
  let databaseUrl = '';
  if (dialect === 'postgres') {
    dbName = `gk_bench_applications_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${dbName} ENCODING 'UTF8' TEMPLATE template0`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...SECRETS,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: String(port),
    APPLICATIONS_SUBMIT_PER_MINUTE: String(N * 10),
  };
  const config = loadConfig(env, 'production');
  let agency;
  {
    const h = connect({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
    try {
      await migrateToLatest(h.db);
      await seedDemo(createServices(config, { handle: h }).services);
      agency = (
        await h.db
          .selectFrom('agencies')
          .select('code')
          .where('name', '=', '示例市民政局')
          .executeTakeFirstOrThrow()
      ).code;
    } finally {
      await h.close();
    }
  }

  const server = spawn(process.execPath, [entry, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    const base = `http://127.0.0.1:${port}`;
    const ready = await waitFor(`${base}/healthz`, server);
    const startRss = memoryOf(server.pid).rss;
    let peak = startRss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(server.pid).rss || 0);
    }, 100);
    const loadBefore = load();
    const gen = spawn(process.execPath, [here('./applications/load.mjs')], {
      env: {
        PATH: process.env.PATH,
        BASE_URL: base,
        AGENCY: agency,
        N: String(N),
        PDF_BYTES: String(PDF_BYTES),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    gen.stdout.on('data', (d) => {
      out += d;
    });
    const code = await new Promise((r) => gen.on('exit', r));
    clearInterval(sampler);
    const hwm = memoryOf(server.pid).hwm;
    const loadAfter = load();
    if (code !== 0) throw new Error(`load generator exited with code ${code}`);
    const r = JSON.parse(out.trim().split('\n').at(-1));
    await new Promise((resolve) => {
      server.once('exit', resolve);
      server.kill('SIGTERM');
    });

    // With the server stopped: the cases, their numbers and their files.
    const h = connect({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
    let check;
    try {
      const cases = await h.db.selectFrom('application_cases').select(['id', 'tracking_no']).execute();
      const files = await h.db
        .selectFrom('application_attachments')
        .select(['id', 'case_id', 'size', 'sha256'])
        .execute();
      const numbers = new Set(cases.map((c) => c.tracking_no));
      // Each attachment's file is sealed under its row id (ADR 0013): present with the sealed size of its
      // row's size, and opening (authenticated, with the run's key) to bytes of the row's SHA-256.
      let badFiles = 0;
      for (const f of files) {
        const p = path.join(dataDir, 'applications', 'attachments', f.id);
        let ok = existsSync(p) && statSync(p).size === sealedSize(Number(f.size));
        if (ok) {
          try {
            const { bytes } = await readAttachment({ db: h.db, config }, f.case_id, f.id);
            ok = createHash('sha256').update(bytes).digest('hex') === f.sha256;
          } catch {
            ok = false;
          }
        }
        if (!ok) badFiles++;
      }
      const unknownAcks = r.acknowledged.filter((a) => !numbers.has(a.trackingNo)).length;
      const wrongSha = r.acknowledged.filter((a) => a.sha256 !== a.expected).length;
      check = {
        cases: cases.length,
        uniqueNumbers: numbers.size,
        attachments: files.length,
        badFiles,
        unknownAcks,
        wrongSha,
        ok:
          cases.length === N &&
          numbers.size === N &&
          files.length === N &&
          badFiles === 0 &&
          unknownAcks === 0 &&
          wrongSha === 0,
      };
    } finally {
      await h.close();
    }
    const f = (x) => (x === null ? '–' : x.toFixed(0));
    console.log(
      `\n[${dialect}] ${N} submissions with a ${(r.pdfBytes / 1024).toFixed(0)} KB PDF each, all at once ` +
        `(server ready in ${ready.toFixed(0)} ms)\n` +
        `  throughput   ${r.throughput.toFixed(1)} submissions/s (${r.acknowledged.length} acknowledged in ${r.wallSeconds.toFixed(1)} s, form fetch included)\n` +
        `  latency      p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, p99 ${f(r.p99)} ms, max ${f(r.max)} ms (first POST to acknowledgement)\n` +
        `  retried      ${Object.keys(r.retried).length ? JSON.stringify(r.retried) : 'none'} (same form again, as a person resubmits)\n` +
        `  errors       ${Object.keys(r.errors).length ? JSON.stringify(r.errors) : 'none'}\n` +
        `  server RSS   ${startRss.toFixed(0)} MB after start, peak ${Math.max(peak, hwm || 0).toFixed(0)} MB\n` +
        `  load average before ${loadBefore}, after ${loadAfter}\n` +
        `  check        ${check.cases} cases, ${check.uniqueNumbers} unique tracking numbers, ${check.attachments} attachments, ` +
        `${check.badFiles} missing/corrupt files, ${check.unknownAcks} acknowledged numbers not found, ` +
        `${check.wrongSha} wrong SHA-256 → ${check.ok ? 'OK' : 'FAILED'}`,
    );
    return check.ok && Object.keys(r.errors).length === 0;
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  }
}

console.log(`bench:applications — ${machine()}; load average ${load()}`);
let ok = await run('sqlite');
if (PG_URL) ok = (await run('postgres')) && ok;
else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to run it too)');
process.exitCode = ok ? 0 : 1;
