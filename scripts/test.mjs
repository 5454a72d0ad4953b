#!/usr/bin/env node
/**
 * `npm test [-- <vitest arguments, e.g. a path filter>]`
 *
 * 1. The whole suite under TZ=UTC, with every tier that is switched on.
 * 2. Again under TZ=Asia/Shanghai with the PostgreSQL and browser tiers off and test/e2e/ left out:
 *    legal dates must come out the same whatever the server's zone.
 *
 * Tiers (test/tiers.ts): TEST_DATABASE_URL=postgres://… adds PostgreSQL, TEST_BROWSER=1 adds the browser.
 * A tier switched on whose service is missing fails the run. Skipped tiers are announced before and after.
 * The last line is `N passed, N failed, N skipped` over both runs, read from vitest's JSON reports. "failed"
 * also counts files that failed outside any test and runs that failed without a failing test (e.g. global setup).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const vitestBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);
const extraArgs = process.argv.slice(2);
const databaseUrl = process.env.TEST_DATABASE_URL || '';
const browserSwitch = process.env.TEST_BROWSER ?? '';
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!['', '0', '1'].includes(browserSwitch)) {
  console.error(`TEST_BROWSER must be 1 (on) or 0/unset (off), got ${JSON.stringify(browserSwitch)}`);
  process.exit(2);
}
const browserOn = browserSwitch === '1';

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function banner(failures = []) {
  const rule = '='.repeat(78);
  const lines = [
    rule,
    'TEST TIERS',
    'ON:      unit + SQLite tier (always)',
    databaseUrl
      ? `ON:      PostgreSQL tier on ${redact(databaseUrl)}`
      : 'SKIPPED: PostgreSQL tier (set TEST_DATABASE_URL=postgres://… to run it)',
    browserOn
      ? `ON:      browser tier with Chromium at ${chromiumPath}`
      : 'SKIPPED: browser tier (set TEST_BROWSER=1 to run it)',
    'ON:      second run under TZ=Asia/Shanghai (unit + SQLite, no e2e)',
    ...failures.map((f) => `FAILED:  ${f}`),
    rule,
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

const tmp = mkdtempSync(path.join(tmpdir(), 'gongkai-test-'));
// test/tiers.ts writes here why a switched-on tier could not run.
const tierFailures = path.join(tmp, 'tier-failures.txt');

function runVitest(label, env, args) {
  const report = path.join(tmp, `${label.replace(/\W+/g, '_')}.json`);
  console.log(`\n>>> ${label}\n`);
  const result = spawnSync(
    process.execPath,
    [
      vitestBin,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${report}`,
      ...args,
      ...extraArgs,
    ],
    { stdio: 'inherit', env },
  );
  const code = result.status ?? 1;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts.passed = json.numPassedTests;
    counts.skipped = json.numPendingTests + json.numTodoTests;
    // A file whose import or hook failed has no failing test but is a failure all the same.
    const brokenFiles = json.testResults.filter(
      (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
    ).length;
    counts.failed = json.numFailedTests + brokenFiles;
  }
  const note = code !== 0 && counts.failed === 0 ? ' (the run itself failed: see the error above)' : '';
  if (note) counts.failed += 1;
  return { label, code, counts, note };
}

banner();

const runs = [
  runVitest(
    'run 1: TZ=UTC, all switched-on tiers',
    { ...process.env, TZ: 'UTC', GK_TIER_FAILURES: tierFailures },
    [],
  ),
  runVitest(
    'run 2: TZ=Asia/Shanghai, unit + SQLite',
    { ...process.env, TZ: 'Asia/Shanghai', TEST_DATABASE_URL: '', TEST_BROWSER: '' },
    ['--exclude', 'test/e2e/**', '--passWithNoTests'],
  ),
];
const failures = existsSync(tierFailures) ? readFileSync(tierFailures, 'utf8').trim().split('\n') : [];
rmSync(tmp, { recursive: true, force: true });

banner(failures);
const total = { passed: 0, failed: 0, skipped: 0 };
for (const { label, code, counts, note } of runs) {
  for (const k of Object.keys(total)) total[k] += counts[k];
  const status = code === 0 ? 'ok' : `FAILED (exit ${code})`;
  console.log(
    `${label}: ${status}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${note}`,
  );
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(runs.some((r) => r.code !== 0) ? 1 : 0);
