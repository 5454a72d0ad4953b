#!/usr/bin/env node
/**
 * `node bench/portal-queries.mjs` — where an item page's time goes, on the benchmark corpus
 * (BENCH_ITEMS). Builds the app in this process on a Kysely instance that logs every query, asks
 * for BENCH_PAGES item pages (default 300, drawn at random) through `inject`, and prints each SQL
 * statement the pages ran: how many times per page, mean and total milliseconds, and SQLite's
 * query plan; then the time per page spent in SQL and outside it (routing, rendering, hashing).
 * A diagnostic for bench:portal, not a benchmark of its own (no network, one request at a time).
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { corpusConfig, ensureCorpus } from './corpus/build.mjs';

const PAGES = Number(process.env.BENCH_PAGES ?? 300);
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { createServices } = await import(dist('services.js'));
const { buildApp } = await import(dist('app.js'));

const corpus = await ensureCorpus();
const database = new SQLite(corpus.file);
database.pragma('journal_mode = WAL');
database.pragma('foreign_keys = ON');
database.pragma('busy_timeout = 5000');

let recording = false;
const stats = new Map();
const db = new Kysely({
  dialect: new SqliteDialect({ database }),
  log(event) {
    if (!recording || event.level !== 'query') return;
    const sql = event.query.sql.replace(/\s+/g, ' ');
    const s = stats.get(sql) ?? { n: 0, ms: 0, params: event.query.parameters };
    s.n++;
    s.ms += event.queryDurationMillis;
    stats.set(sql, s);
  },
});
const handle = { db, dialect: 'sqlite', ping: async () => {}, close: () => db.destroy() };
const { services } = createServices(await corpusConfig(corpus.dataDir), { handle });
const app = await buildApp(services);

const items = database
  .prepare(
    `select a.code, p.id from publications p join agencies a on a.id = p.agency_id
     where p.published_version is not null and p.state <> 'withdrawn'`,
  )
  .all();
const url = () => {
  const r = items[Math.floor(Math.random() * items.length)];
  return `/gk/${r.code}/items/${r.id}`;
};

// Warm-up (statement caches, calendar, settings), then the measured pages.
for (let i = 0; i < 50; i++) await app.inject({ method: 'GET', url: url() });
recording = true;
const t0 = performance.now();
for (let i = 0; i < PAGES; i++) {
  const res = await app.inject({ method: 'GET', url: url() });
  if (res.statusCode !== 200) throw new Error(`item page answered ${res.statusCode}`);
}
const wall = performance.now() - t0;
recording = false;

const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
const sqlMs = rows.reduce((s, [, x]) => s + x.ms, 0);
console.log(
  `${PAGES} item pages of ${corpus.meta.items} items: ${(wall / PAGES).toFixed(2)} ms per page, ` +
    `of which SQL ${(sqlMs / PAGES).toFixed(2)} ms (${rows.reduce((s, [, x]) => s + x.n, 0) / PAGES} queries per page)\n`,
);
for (const [sql, s] of rows) {
  console.log(
    `${(s.n / PAGES).toFixed(2)}× per page, mean ${(s.ms / s.n).toFixed(3)} ms, ${((100 * s.ms) / sqlMs).toFixed(1)} % of SQL time`,
  );
  console.log(`  ${sql.length > 400 ? `${sql.slice(0, 400)}…` : sql}`);
  try {
    const plan = database.prepare(`explain query plan ${sql}`).all(...s.params);
    for (const p of plan) console.log(`    plan: ${p.detail}`);
  } catch {}
}
await app.close();
await handle.close();
