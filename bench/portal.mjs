#!/usr/bin/env node
/**
 * `npm run bench:portal` — item pages of the public portal under load, on the SQLite corpus
 * (bench/corpus: BENCH_ITEMS items, default 200,000; built once and cached in data/bench/).
 *
 * Three processes besides this one: `gongkai serve` on the corpus (compiled dist/, NODE_ENV=
 * production, logging off); a bare node:http server returning one static page of the size of a
 * typical item page (the median of 200 item pages); and the load generator (autocannon, in its
 * own process), which keeps BENCH_CONNECTIONS connections (default 20) busy for BENCH_DURATION
 * seconds (default 20), each request for an item page drawn uniformly at random from all the
 * corpus's items (standard variant, /gk/{agency}/items/{id}).
 *
 * After a warm-up, each of BENCH_RUNS runs (default 3) measures gongkai, then the static server:
 * requests per second of both and their ratio (target ≥ 0.5), latency p50/p99, non-2xx answers,
 * and gongkai's peak resident memory (VmRSS sampled every 100 ms; VmHWM at the end), and the
 * cache-hit rate of the portal's rendered-page cache (the `X-Cache: hit|miss` header of each
 * answer). Prints each run and the spread (min / median / max), and the machine and its load.
 *
 * Before the runs, the corpus is brought to the latest schema (`gongkai migrate`) and its item pages
 * are rendered into the page store (`gongkai portal prerender`, one shard per core, ADR 0014) — what
 * an agency does after a go-live import; the time is printed. Pages already fresh are skipped, so a
 * second bench run on the same corpus renders nothing. BENCH_PRERENDER=0 skips the step (the store
 * then fills as requests come).
 *
 * Settings besides those of bench/corpus: BENCH_PAGE_CACHE_MB sets the server's
 * PORTAL_PAGE_CACHE_MB (default: the product's default, 64 MB); BENCH_HOT_ITEMS draws the requests
 * from that many items only (a diagnostic of the cached path, not the benchmark of the issue: by
 * default every item).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureCorpus, serveEnv } from './corpus/build.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const TARGET_RATIO = 0.5;
const PAGE_CACHE_MB = process.env.BENCH_PAGE_CACHE_MB;
const PRERENDER = process.env.BENCH_PRERENDER !== '0';
const PRERENDER_PROCS = Number(process.env.BENCH_PRERENDER_PROCS ?? os.cpus().length);
const HOT_ITEMS = process.env.BENCH_HOT_ITEMS ? Number(process.env.BENCH_HOT_ITEMS) : null;
if (HOT_ITEMS !== null && !(Number.isInteger(HOT_ITEMS) && HOT_ITEMS > 0))
  throw new Error(`BENCH_HOT_ITEMS must be a positive integer (got ${process.env.BENCH_HOT_ITEMS})`);

const here = (p) => new URL(p, import.meta.url).pathname;
const entry = here('../bin/gongkai.js');

function machine() {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(2));
  return (
    `machine: ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ` +
    `${os.type()} ${os.release()}, node ${process.version}; load average ${load.join(' ')}`
  );
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function waitFor(url, child, what) {
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - t0;
    } catch {}
    if (performance.now() - t0 > 60_000) throw new Error(`${what} did not answer ${url} within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** VmRSS and VmHWM of a process, in MB. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

/** Runs the load generator in its own process; samples the server's memory meanwhile. */
async function load(baseUrl, pathsFile, duration, serverPid) {
  let peak = 0;
  const sampler = serverPid
    ? setInterval(() => {
        peak = Math.max(peak, memoryOf(serverPid).rss || 0);
      }, 100)
    : null;
  const child = spawn(process.execPath, [here('./portal/load.mjs')], {
    env: {
      ...process.env,
      BASE_URL: baseUrl,
      PATHS_FILE: pathsFile,
      CONNECTIONS: String(CONNECTIONS),
      DURATION: String(duration),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise((r) => child.on('exit', r));
  if (sampler) clearInterval(sampler);
  if (code !== 0) throw new Error(`load generator exited with code ${code}`);
  return { ...JSON.parse(out.trim().split('\n').at(-1)), peakRssMb: peak };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Small ratios keep two significant digits (0.00041), others `digits` decimals. */
const fmt = (x, digits) => (digits > 0 && x > 0 && x < 0.01 ? x.toPrecision(2) : x.toFixed(digits));
const spread = (xs, digits = 0) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x) => fmt(x, digits);
  return `min ${f(s[0])} / median ${f(median(s))} / max ${f(s.at(-1))}`;
};

console.log(`bench:portal — ${machine()}`);
const corpus = await ensureCorpus();

// Every live item's page, standard variant.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gk-bench-portal-'));
const pathsFile = path.join(tmp, 'paths.txt');
{
  const db = new Database(corpus.file, { readonly: true });
  const rows = db
    .prepare(
      `select a.code, p.id from publications p join agencies a on a.id = p.agency_id
       where p.published_version is not null and p.state <> 'withdrawn'`,
    )
    .all();
  db.close();
  const chosen = HOT_ITEMS ? rows.slice(0, HOT_ITEMS) : rows;
  writeFileSync(pathsFile, chosen.map((r) => `/gk/${encodeURIComponent(r.code)}/items/${r.id}`).join('\n'));
  console.log(
    `item pages: ${rows.length}; requests drawn uniformly at random from ${chosen.length}` +
      (HOT_ITEMS ? ' (BENCH_HOT_ITEMS: a diagnostic, not the benchmark of the issue)' : ''),
  );
}

/** Runs `gongkai <args>` on the corpus; resolves with its output, rejects on a non-zero exit. */
async function gongkai(args, env) {
  const child = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const code = await new Promise((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`gongkai ${args.join(' ')} exited with code ${code}:\n${out}`);
  return out.trim();
}

{
  const env = await serveEnv(corpus);
  console.log(`migrate: ${(await gongkai(['migrate'], env)).split('\n').join('; ')}`);
  if (PRERENDER) {
    const t0 = performance.now();
    const outs = await Promise.all(
      Array.from({ length: PRERENDER_PROCS }, (_, i) =>
        gongkai(['portal', 'prerender', '--shard', `${i}/${PRERENDER_PROCS}`], env),
      ),
    );
    const s = (performance.now() - t0) / 1000;
    const sum = (re) => outs.reduce((n, o) => n + Number(re.exec(o.split('\n').at(-1))?.[1] ?? 0), 0);
    const db = new Database(corpus.file, { readonly: true });
    const stored = db.prepare('select count(*) n, sum(length(body)) b from portal_page_store').get();
    db.close();
    console.log(
      `prerender: ${sum(/prerendered (\d+)/)} item pages rendered, ${sum(/(\d+) already fresh/)} already fresh, ` +
        `${sum(/(\d+) failed/)} failed, in ${s.toFixed(0)} s (${PRERENDER_PROCS} processes); page store ` +
        `${stored.n} pages, ${(stored.b / 2 ** 20).toFixed(0)} MB of bodies`,
    );
  }
}

const gkPort = await freePort();
const server = spawn(process.execPath, [entry, 'serve'], {
  env: await serveEnv(corpus, {
    PORT: String(gkPort),
    ...(PAGE_CACHE_MB !== undefined ? { PORTAL_PAGE_CACHE_MB: PAGE_CACHE_MB } : {}),
  }),
  stdio: ['ignore', 'ignore', 'inherit'],
});
let staticServer = null;
try {
  const base = `http://127.0.0.1:${gkPort}`;
  const ready = await waitFor(`${base}/healthz`, server, 'gongkai serve');
  console.log(
    `gongkai serve (pid ${server.pid}) ready in ${ready.toFixed(0)} ms; page cache ` +
      `${PAGE_CACHE_MB !== undefined ? `${PAGE_CACHE_MB} MB (BENCH_PAGE_CACHE_MB)` : 'the default size'}`,
  );

  // A typical item page: the median size of 200 pages drawn at random.
  const all = readFileSync(pathsFile, 'utf8').split('\n');
  const sizes = [];
  const startRss = memoryOf(server.pid).rss;
  for (let i = 0; i < 200; i++) {
    const res = await fetch(base + all[Math.floor(Math.random() * all.length)]);
    if (!res.ok) throw new Error(`item page answered ${res.status}`);
    sizes.push((await res.arrayBuffer()).byteLength);
  }
  const pageBytes = Math.round(median(sizes));
  console.log(
    `item page size: median ${pageBytes} bytes (min ${Math.min(...sizes)}, max ${Math.max(...sizes)}); ` +
      `server RSS after start ${startRss.toFixed(0)} MB`,
  );

  const staticPort = await freePort();
  staticServer = spawn(process.execPath, [here('./portal/static-server.mjs')], {
    env: { PATH: process.env.PATH, PORT: String(staticPort), PAGE_BYTES: String(pageBytes) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const staticBase = `http://127.0.0.1:${staticPort}`;
  await waitFor(`${staticBase}/`, staticServer, 'static server');

  console.log(
    `load: ${CONNECTIONS} connections × ${DURATION} s per measurement, ${RUNS} runs; warm-up ${WARMUP} s on gongkai`,
  );
  if (WARMUP > 0) {
    const w = await load(base, pathsFile, WARMUP, server.pid);
    console.log(`warm-up: ${w.rps.toFixed(0)} req/s, non-2xx ${w.non2xx}, errors ${w.errors}`);
  }

  const runs = [];
  for (let i = 1; i <= RUNS; i++) {
    const gk = await load(base, pathsFile, DURATION, server.pid);
    const st = await load(staticBase, pathsFile, DURATION, null);
    const ratio = gk.rps / st.rps;
    const mem = memoryOf(server.pid);
    runs.push({ gk, st, ratio, hwm: mem.hwm });
    console.log(
      `run ${i}: gongkai ${gk.rps.toFixed(0)} req/s (p50 ${gk.latency.p50} ms, p99 ${gk.latency.p99} ms, ` +
        `non-2xx ${gk.non2xx}, errors ${gk.errors} of which timeouts (> 10 s) ${gk.timeouts}, peak RSS ${gk.peakRssMb.toFixed(0)} MB) | ` +
        `static ${st.rps.toFixed(0)} req/s (p50 ${st.latency.p50} ms, p99 ${st.latency.p99} ms) | ratio ${fmt(ratio, 3)}`,
    );
  }

  const hwm = memoryOf(server.pid).hwm;
  console.log('\nsummary');
  console.log(`  gongkai req/s        ${spread(runs.map((r) => r.gk.rps))}`);
  console.log(`  static req/s         ${spread(runs.map((r) => r.st.rps))}`);
  console.log(
    `  ratio                ${spread(
      runs.map((r) => r.ratio),
      3,
    )}  (target ≥ ${TARGET_RATIO}: ${median(runs.map((r) => r.ratio)) >= TARGET_RATIO ? 'met' : 'NOT met'})`,
  );
  console.log(`  gongkai p50 ms       ${spread(runs.map((r) => r.gk.latency.p50))}`);
  console.log(`  gongkai p99 ms       ${spread(runs.map((r) => r.gk.latency.p99))}`);
  console.log(
    `  non-2xx / errors     ${runs.reduce((s, r) => s + r.gk.non2xx, 0)} / ${runs.reduce((s, r) => s + r.gk.errors, 0)}`,
  );
  console.log(
    `  server peak RSS      ${Math.max(...runs.map((r) => r.gk.peakRssMb)).toFixed(0)} MB sampled, VmHWM ${hwm.toFixed(0)} MB`,
  );
  const fromStore = runs.reduce((n, r) => n + (r.gk.cache.store ?? 0), 0);
  const hits = runs.reduce((n, r) => n + r.gk.cache.hit, 0);
  const answered = hits + runs.reduce((n, r) => n + r.gk.cache.miss, 0);
  console.log(
    answered
      ? `  cache-hit rate       ${((100 * hits) / answered).toFixed(1)} % (X-Cache header: ${hits} hit of ${answered}; ` +
          `per run ${runs.map((r) => `${((100 * r.gk.cache.hit) / Math.max(1, r.gk.cache.hit + r.gk.cache.miss)).toFixed(1)} %`).join(', ')}; ` +
          `${fromStore} of the hits from the page store, the rest from memory)`
      : '  cache-hit rate       n/a (no answer carried X-Cache: hit or miss)',
  );
  console.log(`  ${machine()}`);
} finally {
  if (staticServer) await stop(staticServer);
  await stop(server);
  rmSync(tmp, { recursive: true, force: true });
}
