/**
 * Runs the checker for the public page, in memory only, within bounds: the checker's own limits (size, zip
 * sizes, PDF pages, text length) with a shorter time budget, a wall-clock limit on top (a file the checker
 * cannot finish in time is answered as unreadable — the work it was doing stops at its next budget check),
 * and at most a few checks at once per process, so hostile uploads cannot take every core.
 */
import { checkReport, DEFAULT_LIMITS } from '../checker/check-report.js';
import type { CheckResult } from '../checker/model.js';

export const PAGE_LIMITS = {
  ...DEFAULT_LIMITS,
  /** The checker's budget per file (checked between PDF pages and after parsing). */
  timeBudgetMs: 8_000,
};
/** The answer is given by then, whatever the checker is still doing. */
export const ANSWER_WITHIN_MS = 10_000;
/** Checks running at once in this process; more get 「系统繁忙」. */
export const MAX_CONCURRENT = 2;

let running = 0;

export class CheckerBusy extends Error {}

/** Checks still running (an answered timeout's work included). */
export const checksRunning = () => running;

export async function checkUpload(
  bytes: Uint8Array,
  fileName: string,
  o: { answerWithinMs?: number } = {},
): Promise<CheckResult> {
  if (running >= MAX_CONCURRENT) throw new CheckerBusy('busy');
  running++;
  let timer: NodeJS.Timeout | undefined;
  const work = checkReport(bytes, fileName, { limits: PAGE_LIMITS });
  // The work keeps its slot until it really ends, even when the answer was given by the timeout.
  void work
    .finally(() => {
      running--;
    })
    .catch(() => {});
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ verdict: 'unreadable', reason: '处理超时，文件可能过于复杂或已损坏' }),
      o.answerWithinMs ?? ANSWER_WITHIN_MS,
    );
  });
  try {
    return await Promise.race([
      work.catch((): CheckResult => ({ verdict: 'unreadable', reason: '文件无法解析' })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
