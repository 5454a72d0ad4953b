#!/usr/bin/env node
/**
 * `npm run bench:startup` — cold start of the demo platform on SQLite: from
 * spawning `gongkai demo` to the first 200 from /healthz and from `/`.
 * Runs each case 5 times (a fresh data directory, i.e. migrate + demo seed; and
 * a warm one that already holds the database) and prints the figures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const entry = new URL('../bin/gongkai.js', import.meta.url).pathname;
const RUNS = 5;

async function once(dataDir, port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [entry, 'demo'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const firstOk = async (url) => {
    for (;;) {
      try {
        const res = await fetch(url);
        if (res.ok) return performance.now() - t0;
      } catch {}
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const health = await firstOk(`http://127.0.0.1:${port}/healthz`);
  const home = await firstOk(`http://127.0.0.1:${port}/`);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  return { health, home };
}

const fmt = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms (min ${s[0].toFixed(0)}, max ${s.at(-1).toFixed(0)})`;
};

for (const mode of ['fresh data dir (migrate + seed)', 'existing database']) {
  const health = [];
  const home = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-'));
  for (let i = 0; i < RUNS; i++) {
    const runDir = mode.startsWith('fresh') ? mkdtempSync(path.join(tmpdir(), 'gk-bench-')) : dir;
    if (!mode.startsWith('fresh') && i === 0) await once(dir, 39100); // create it once
    const r = await once(runDir, 39101 + i);
    health.push(r.health);
    home.push(r.home);
    if (runDir !== dir) rmSync(runDir, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `${mode}: first /healthz ${fmt(health)}; first / ${fmt(home)}  [${RUNS} runs, node ${process.version}]`,
  );
}
