/**
 * Test helpers for the checker's tests: fixture paths, the seed copies, bytes ↔ result shortcuts. Named
 * `*.fixture.ts` like the other modules' test data; nothing outside tests imports it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReport } from './check-report.js';
import { type CheckedReport, type CheckResult, exitCodeOf } from './model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../../../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/annual-reports');

/** Copies of ../shared/seeds/003_50c23949654e6ce1.txt and 004_059488ec431c7848.txt, so CI needs no checkout of shared/. */
export const seedText = (name: 'seed-003-2019' | 'seed-004-2017') =>
  readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');

export const utf8 = (s: string) => new TextEncoder().encode(s);

export async function checkText(text: string, options?: Parameters<typeof checkReport>[2]) {
  const result = await checkReport(utf8(text), 'report.txt', options);
  return { result, exit: exitCodeOf(result) };
}

export function checked(result: CheckResult): CheckedReport {
  if (result.verdict === 'unreadable') throw new Error(`unreadable: ${result.reason}`);
  return result;
}

export const rulesOf = (r: CheckResult, severity: 'error' | 'warning') =>
  [
    ...new Set(
      checked(r)
        .findings.filter((f) => f.severity === severity)
        .map((f) => f.rule),
    ),
  ].sort();
