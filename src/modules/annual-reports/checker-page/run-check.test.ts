/**
 * The page's bounds around the checker: the answer comes by the deadline even when the checker is still
 * reading (and its slot stays taken until it really ends), at most MAX_CONCURRENT checks run at once, and a
 * zip bomb posing as Word is refused in well under the deadline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES } from '../checker/checker.fixture.js';
import { CheckerBusy, checksRunning, checkUpload, MAX_CONCURRENT } from './run-check.js';

const PDF = new Uint8Array(readFileSync(path.join(FIXTURES, 'report-2021.pdf')));

describe('checkUpload', () => {
  it('answers 处理超时 at the deadline', async () => {
    const r = await checkUpload(PDF, 'report.pdf', { answerWithinMs: 1 });
    expect(r).toEqual({ verdict: 'unreadable', reason: '处理超时，文件可能过于复杂或已损坏' });
    // The reading goes on to its end, holding its slot.
    expect(checksRunning()).toBe(1);
    await vi.waitFor(() => expect(checksRunning()).toBe(0), { timeout: 10_000 });
  });

  it(`runs at most ${MAX_CONCURRENT} checks at once; the slots free when the checks end`, async () => {
    const running = Array.from({ length: MAX_CONCURRENT }, () => checkUpload(PDF, 'report.pdf'));
    await expect(checkUpload(PDF, 'report.pdf')).rejects.toBeInstanceOf(CheckerBusy);
    for (const r of await Promise.all(running)) expect(r.verdict).toBe('pass');
    expect((await checkUpload(PDF, 'report.pdf')).verdict).toBe('pass');
  });

  it('a Word file inflating to 40 MB is refused within a second', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const t0 = Date.now();
    const r = await checkUpload(bomb, 'report.docx');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.verdict).toBe('unreadable');
  });
});
