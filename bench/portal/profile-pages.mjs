#!/usr/bin/env node
/**
 * `node bench/portal/profile-pages.mjs` — where the CPU time of an uncached item page goes, on the
 * benchmark corpus (BENCH_CORPUS or BENCH_ITEMS, as bench:portal). Builds the app in this process
 * with the page cache off (PORTAL_PAGE_CACHE_MB=0; set it to profile the cached path), asks for
 * BENCH_PAGES item pages drawn at random (default 400) through `inject` after 50 unmeasured ones,
 * with the V8 profiler on only while they run, and prints the functions with the most self time
 * and the inclusive share of each package / compiled module. A diagnostic, not a benchmark.
 * BENCH_HOT_ITEMS=300 PORTAL_PAGE_CACHE_MB=64 profiles cache hits instead (the 50 unmeasured
 * pages and more warm it; a miss or two remain).
 */
import { Session } from 'node:inspector/promises';
import SQLite from 'better-sqlite3';
import { corpusConfig, ensureCorpus } from '../corpus/build.mjs';

process.env.PORTAL_PAGE_CACHE_MB ??= '0';
const PAGES = Number(process.env.BENCH_PAGES ?? 400);
const dist = (p) => new URL(`../../dist/${p}`, import.meta.url).href;
const { createServices } = await import(dist('services.js'));
const { buildApp } = await import(dist('app.js'));
const { connect } = await import(dist('db/connect.js'));

const corpus = await ensureCorpus();
const handle = connect({ databaseUrl: null, sqliteFile: corpus.file });
const { services } = createServices(await corpusConfig(corpus.dataDir), { handle });
const app = await buildApp(services);
await app.ready();

const reader = new SQLite(corpus.file, { readonly: true });
const all = reader
  .prepare(
    `select a.code, p.id from publications p join agencies a on a.id = p.agency_id
     where p.published_version is not null and p.state <> 'withdrawn'`,
  )
  .all();
reader.close();
// BENCH_HOT_ITEMS: draw from that many items only (with the cache on, the cached path).
const items = process.env.BENCH_HOT_ITEMS ? all.slice(0, Number(process.env.BENCH_HOT_ITEMS)) : all;
const url = () => {
  const r = items[Math.floor(Math.random() * items.length)];
  return `/gk/${r.code}/items/${r.id}`;
};

const warm = process.env.BENCH_HOT_ITEMS ? items.length * 4 : 50;
for (let i = 0; i < warm; i++) await app.inject({ method: 'GET', url: url() });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const t0 = performance.now();
for (let i = 0; i < PAGES; i++) {
  const res = await app.inject({ method: 'GET', url: url() });
  if (res.statusCode !== 200) throw new Error(`item page answered ${res.statusCode}`);
}
const ms = performance.now() - t0;
const { profile } = await session.post('Profiler.stop');
session.disconnect();
await app.close();
await handle.close();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const time = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  time.set(id, (time.get(id) ?? 0) + dt);
  total += dt;
});
const where = (u) => {
  if (u.includes('node_modules/')) {
    const rest = u.split('node_modules/').at(-1).split('/');
    return `pkg ${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (u.includes('/dist/')) return `dist ${u.split('/dist/')[1]}`;
  return u ? `node ${u.replace(/^.*\//, '')}` : '';
};
const self = new Map();
const inclusive = new Map();
for (const [id, t] of time) {
  const n = byId.get(id);
  const k = `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  self.set(k, (self.get(k) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const w = where(byId.get(cur).callFrame.url);
    if (w && !seen.has(w)) {
      seen.add(w);
      inclusive.set(w, (inclusive.get(w) ?? 0) + t);
    }
  }
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
console.log(
  `${PAGES} item pages of ${items.length} of ${all.length} items, page cache ${process.env.PORTAL_PAGE_CACHE_MB} MB: ` +
    `${(ms / PAGES).toFixed(2)} ms per page (one at a time, in process)`,
);
console.log('\nself time, top 25');
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(t)}  ${k}`);
console.log('\ninclusive, by package or compiled module, top 25');
for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(t)}  ${k}`);
