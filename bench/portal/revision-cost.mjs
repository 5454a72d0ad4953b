#!/usr/bin/env node
/**
 * What the page cache's freshness check costs: the content-revision read every cacheable portal
 * request makes (page-cache/revision.ts), timed in process on a fresh migrated database — SQLite
 * (a file in a temporary folder), and PostgreSQL when BENCH_DATABASE_URL names a server database
 * this script may create and drop a scratch database on (`postgres://…/postgres`).
 * Prints the p50, mean and p99 of N reads (REVISION_READS, default 20,000) one at a time, and the
 * throughput of 20 concurrent readers (as 20 connections of bench:portal would), alone and through
 * the page cache (concurrent requests share a read that starts after they arrive).
 *
 * Run after `npm run build`: `node bench/portal/revision-cost.mjs`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dist = (p) => new URL(`../../dist/${p}`, import.meta.url).href;
const { connect } = await import(dist('db/connect.js'));
const { migrateToLatest } = await import(dist('db/migrate.js'));
const { revisionReader, bumpPortalRevision } = await import(dist('modules/portal/page-cache/revision.js'));
const { PortalPageCache } = await import(dist('modules/portal/page-cache/page-cache.js'));
const N = Number(process.env.REVISION_READS ?? 20_000);

async function measure(label, handle) {
  await migrateToLatest(handle.db);
  await bumpPortalRevision(handle.db);
  const read = revisionReader(handle.db);
  for (let i = 0; i < 500; i++) await read(); // warm-up
  const times = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await read();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, x) => s + x, 0) / N;
  const t0 = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (done < N) {
        done++;
        await read();
      }
    }),
  );
  const perSecond = N / ((performance.now() - t0) / 1000);
  // The same through the page cache, whose callers arriving during a read share the next one.
  const cache = new PortalPageCache({ maxBytes: 1, readRevision: read, onNewRevision: async () => {} });
  const t1 = performance.now();
  let asked = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (asked < N) {
        asked++;
        await cache.revision();
      }
    }),
  );
  const shared = N / ((performance.now() - t1) / 1000);
  console.log(
    `${label}: one at a time p50 ${(times[Math.floor(N / 2)] * 1000).toFixed(0)} µs, mean ${(mean * 1000).toFixed(0)} µs, p99 ${(times[Math.floor(N * 0.99)] * 1000).toFixed(0)} µs; ` +
      `20 concurrent: ${perSecond.toFixed(0)} reads/s; 20 concurrent requests through the cache's shared reads: ${shared.toFixed(0)}/s`,
  );
}

console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-revision-'));
try {
  const h = connect({ databaseUrl: null, sqliteFile: path.join(dir, 'r.sqlite') });
  try {
    await measure('SQLite', h);
  } finally {
    await h.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (process.env.BENCH_DATABASE_URL) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  const name = `gk_revision_${process.pid}`;
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(process.env.BENCH_DATABASE_URL);
    url.pathname = `/${name}`;
    const h = connect({ databaseUrl: url.href, sqliteFile: '' });
    try {
      await measure('PostgreSQL', h);
    } finally {
      await h.close();
    }
  } finally {
    await admin.query(`drop database ${name}`);
    await admin.end();
  }
}
