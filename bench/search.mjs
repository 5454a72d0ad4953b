#!/usr/bin/env node
/**
 * `npm run bench:search` — full-text search on the SQLite corpus (bench/corpus: BENCH_ITEMS items,
 * default 200,000; built once and cached in data/bench/).
 *
 * On a copy of the corpus (the cached file stays as built): empties the search index, rebuilds it
 * with the product's rebuildSearchIndex (as `gongkai search rebuild` does) and prints the build
 * time; then runs the 50 committed queries of bench/search-queries.json through
 * searchPublications, each BENCH_SEARCH_RUNS times (default 20) after 2 unmeasured runs, in this
 * process on one connection, and prints per query the hits, p50/p95 latency and the time of its first
 * run (the terms new to the process: document counts and title tokens not yet kept), per query class
 * (the queries' `name`), and overall p50/p95 over every measured run (target p95 < 50 ms).
 *
 * Query file keys: text, field (all|title), agency (code), column (slug path under the agency: the
 * node and every node below it), topic, genre, validity (codes), year (→ 发布日期 range),
 * publishedFrom/To, writtenFrom/To, docNoPrefix/Year/Seq, sort (relevance|date), page.
 *
 * BENCH_CORPUS=folder uses that corpus as it is (see corpus/build.mjs). For iterating on the query
 * side: BENCH_SEARCH_REBUILD=0 keeps the index the corpus holds (its import indexed every item)
 * instead of rebuilding it, BENCH_SEARCH_COPY=0 then opens the corpus file itself instead of a
 * copy (only reads happen), and BENCH_SEARCH_ONLY=1,38,44 runs only those queries (1-based).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCorpus } from './corpus/build.mjs';

const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 20);
const REBUILD = process.env.BENCH_SEARCH_REBUILD !== '0';
const COPY = REBUILD || process.env.BENCH_SEARCH_COPY !== '0';
const ONLY = process.env.BENCH_SEARCH_ONLY
  ? new Set(process.env.BENCH_SEARCH_ONLY.split(',').map((n) => Number(n.trim())))
  : null;
const TARGET_P95_MS = 50;
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;

const { connect } = await import(dist('db/connect.js'));
const { sql } = await import('kysely');
let search;
try {
  search = {
    ...(await import(dist('modules/search/search.repository.js'))),
    ...(await import(dist('modules/search/indexer.js'))),
    ...(await import(dist('modules/search/search.js'))),
  };
} catch (e) {
  throw new Error(`the search module is not built (dist/modules/search): ${e.message}`);
}
if (typeof search.searchPublications !== 'function' || typeof search.rebuildSearchIndex !== 'function')
  throw new Error('dist/modules/search lacks searchPublications or rebuildSearchIndex: run `npm run build`');

const cpus = os.cpus();
const machine = () =>
  `${cpus.length} × ${cpus[0]?.model.trim()}, node ${process.version}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;
console.log(`bench:search — ${machine()}`);

const corpus = await ensureCorpus();
const queries = JSON.parse(readFileSync(new URL('./search-queries.json', import.meta.url), 'utf8'));

const tmp = COPY ? mkdtempSync(path.join(os.tmpdir(), 'gk-bench-search-')) : null;
const file = tmp ? path.join(tmp, 'corpus.sqlite') : corpus.file;
if (tmp) {
  copyFileSync(corpus.file, file);
  for (const ext of ['-wal', '-shm'])
    if (existsSync(corpus.file + ext)) copyFileSync(corpus.file + ext, file + ext);
}
const handle = connect({ databaseUrl: null, sqliteFile: file });
const { db } = handle;

async function indexRows() {
  const r = await db
    .selectFrom('search_items')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(r.n);
}

/** From an empty index, whatever the corpus's import left in it: rebuilt as `gongkai search rebuild` does. */
async function rebuild() {
  const before = await indexRows();
  await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
  await db.deleteFrom('search_items').execute();
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  const sizeBefore = statSync(file).size;
  const t0 = performance.now();
  let lastReport = 0;
  const rebuilt = await search.rebuildSearchIndex(db, {
    onBatch: (done, total) => {
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        process.stderr.write(`  indexing ${done}/${total}\n`);
      }
    },
  });
  const buildMs = performance.now() - t0;
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  const sizeAfter = statSync(file).size;
  console.log(
    `index build: ${rebuilt.indexed} items indexed (${rebuilt.examined} examined) in ${(buildMs / 1000).toFixed(1)} s ` +
      `= ${Math.round(rebuilt.indexed / (buildMs / 1000))} items/s; database +${((sizeAfter - sizeBefore) / 2 ** 20).toFixed(0)} MB ` +
      `(the corpus held ${before} index rows, emptied first)`,
  );
}

try {
  if (REBUILD) await rebuild();
  else
    console.log(
      `index build: skipped (BENCH_SEARCH_REBUILD=0), the corpus's own index is used: ${await indexRows()} rows`,
    );

  // Query file entries → SearchQuery.
  const agencies = new Map(
    (await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.code, a.id]),
  );
  async function toQuery(q) {
    const agencyId = q.agency ? agencies.get(q.agency) : null;
    if (q.agency && !agencyId) throw new Error(`unknown agency ${q.agency}`);
    let columnIds = null;
    if (q.column) {
      const nodes = await db
        .selectFrom('catalog_nodes')
        .select('id')
        .where('agency_id', '=', agencyId)
        .where((eb) => eb.or([eb('slug_path', '=', q.column), eb('slug_path', 'like', `${q.column}/%`)]))
        .execute();
      if (nodes.length === 0) throw new Error(`unknown column ${q.column}`);
      columnIds = nodes.map((n) => n.id);
    }
    return {
      text: q.text ?? '',
      field: q.field ?? 'all',
      agencyIds: agencyId ? [agencyId] : null,
      columnIds,
      topic: q.topic ?? null,
      genre: q.genre ?? null,
      validity: q.validity ?? null,
      publishedFrom: q.publishedFrom ?? (q.year ? `${q.year}-01-01` : null),
      publishedTo: q.publishedTo ?? (q.year ? `${q.year}-12-31` : null),
      writtenFrom: q.writtenFrom ?? null,
      writtenTo: q.writtenTo ?? null,
      docNoPrefix: q.docNoPrefix ?? null,
      docNoYear: q.docNoYear ?? null,
      docNoSeq: q.docNoSeq ?? null,
      sort: q.sort ?? 'relevance',
      page: q.page ?? 1,
      pageSize: search.SEARCH_PAGE_SIZE ?? 10,
    };
  }

  const q = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  };
  const all = [];
  /** CPU time of this process per run: what the query costs when the machine is shared. */
  const cpu = [];
  const byName = new Map();
  const lines = [];
  for (const [i, entry] of queries.entries()) {
    if (ONLY && !ONLY.has(i + 1)) continue;
    const query = await toQuery(entry);
    let result;
    const t1 = performance.now();
    result = await search.searchPublications(db, query);
    const first = performance.now() - t1;
    result = await search.searchPublications(db, query);
    const times = [];
    for (let k = 0; k < RUNS; k++) {
      const c = process.cpuUsage();
      const t = performance.now();
      result = await search.searchPublications(db, query);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    all.push(...times);
    const group = byName.get(entry.name) ?? { queries: 0, times: [] };
    group.queries++;
    group.times.push(...times);
    byName.set(entry.name, group);
    const filters = Object.entries(entry)
      .filter(([k]) => !['name', 'text'].includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const total = `${result.total}${result.totalCapped ? '+' : ''}`;
    lines.push({ p95: q(times, 0.95) });
    console.log(
      `${String(i + 1).padStart(2)}. p50 ${q(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${q(times, 0.95)
        .toFixed(1)
        .padStart(6)} ms  hits ${total.padStart(7)}  page ${result.hits.length}  ` +
        `first ${first.toFixed(1).padStart(6)} ms  “${entry.text}”${filters ? ` [${filters}]` : ''}  — ${entry.name}` +
        (result.docNo ? `  (文号 ${result.docNo})` : ''),
    );
  }
  console.log('\nper query class (all runs of the queries of that name):');
  for (const [name, g] of byName)
    console.log(
      `  p50 ${q(g.times, 0.5).toFixed(1).padStart(6)} ms  p95 ${q(g.times, 0.95).toFixed(1).padStart(6)} ms  ` +
        `${name} (${g.queries})`,
    );
  const p95 = q(all, 0.95);
  const worst = Math.max(...lines.map((l) => l.p95));
  console.log(
    `\noverall (${lines.length} queries × ${RUNS} runs): p50 ${q(all, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
      `max ${Math.max(...all).toFixed(1)} ms (target p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? 'met' : 'NOT met'}; ` +
      `${lines.filter((l) => l.p95 >= TARGET_P95_MS).length} queries have p95 ≥ ${TARGET_P95_MS} ms, worst ${worst.toFixed(1)} ms)`,
  );
  console.log(
    `CPU time of this process per run: p50 ${q(cpu, 0.5).toFixed(1)} ms, p95 ${q(cpu, 0.95).toFixed(1)} ms ` +
      `(wall time above this is time spent waiting for a core)`,
  );
  console.log(`corpus: ${corpus.meta.items} items; ${machine()}`);
} finally {
  await handle.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
