/**
 * Hostile and hopeless files get a clear `unreadable` answer within seconds, never an exception or a
 * blown heap: oversized files, zip bombs (declared sizes, and directories that lie), random bytes, empty
 * files, PDFs with too many pages or no text, markup made to be slow.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { textPdf } from '../../../../test/fixtures/annual-reports/pdf.js';
import { checkReport } from './check-report.js';
import { FIXTURES, utf8 } from './checker.fixture.js';
import type { CheckResult } from './model.js';

const DOCX = new Uint8Array(readFileSync(path.join(FIXTURES, 'report-2021.docx')));

async function timed(bytes: Uint8Array, name = 'upload', limits = {}): Promise<CheckResult> {
  const t0 = Date.now();
  const r = await checkReport(bytes, name, { limits });
  expect(Date.now() - t0).toBeLessThan(5000);
  return r;
}

/** Rewrites the declared uncompressed size of the named entries in the zip's central directory. */
function declare(zip: Uint8Array, sizes: Record<string, number>): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const decoder = new TextDecoder();
  for (let p = 0; p + 46 < out.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const nameLen = view.getUint16(p + 28, true);
    const name = decoder.decode(out.subarray(p + 46, p + 46 + nameLen));
    if (name in sizes) view.setUint32(p + 24, sizes[name]!, true);
  }
  return out;
}

const unreadable = (reason: RegExp) => ({ verdict: 'unreadable', reason: expect.stringMatching(reason) });

describe('hostile files', () => {
  it('an empty file', async () => {
    expect(await timed(new Uint8Array())).toEqual({ verdict: 'unreadable', reason: '文件是空的' });
  });

  it('a 25 MB file is refused by size before it is read', async () => {
    expect(await timed(new Uint8Array(25 * 1024 * 1024).fill(0x41))).toEqual(unreadable(/超过20MB/));
  });

  it('random bytes', async () => {
    expect(await timed(new Uint8Array(randomBytes(200_000)), 'report.pdf')).toEqual(
      unreadable(/无法识别的文件类型/),
    );
  });

  it('a DOCX declaring a 3.5 GB document.xml (zip bomb) is refused before inflating', async () => {
    expect(await timed(declare(DOCX, { 'word/document.xml': 0xe0000000 }))).toEqual(unreadable(/压缩炸弹/));
  });

  it('a DOCX whose directory understates the size stops at the declared size', async () => {
    const big = strToU8(`<w:document><w:body>${'<w:p/>'.repeat(2_000_000)}</w:body></w:document>`);
    const zip = zipSync(
      { 'word/document.xml': big, '[Content_Types].xml': strToU8('<Types/>') },
      { level: 9 },
    );
    expect(zip.length).toBeLessThan(100_000);
    expect(await timed(declare(zip, { 'word/document.xml': 4096 }))).toEqual(unreadable(/超过其声明的大小/));
  });

  it('a zip whose entries together declare more than the cap', async () => {
    const zip = zipSync({
      'word/document.xml': strToU8('<x/>'),
      'a.bin': strToU8('a'),
      'b.bin': strToU8('b'),
    });
    expect(await timed(declare(zip, { 'a.bin': 0x7fffffff, 'b.bin': 0x7fffffff }))).toEqual(
      unreadable(/压缩炸弹/),
    );
  });

  it('a zip that is not a Word file, and a broken zip', async () => {
    expect(await timed(zipSync({ 'xl/workbook.xml': strToU8('<x/>') }))).toEqual(unreadable(/不是\.docx/));
    expect(await timed(DOCX.subarray(0, 2000))).toEqual(unreadable(/不是有效的压缩文件|已损坏/));
  });

  it('a PDF with more pages than the cap, a broken PDF, a PDF without text', async () => {
    const pdf = new Uint8Array(readFileSync(path.join(FIXTURES, 'report-2021.pdf')));
    expect(await timed(pdf, 'x.pdf', { maxPdfPages: 1 })).toEqual(unreadable(/超过1页的上限/));
    expect(await timed(utf8('%PDF-1.7\n1 0 obj << /Length 99999999 >> stream\n\x00\x01'))).toEqual(
      unreadable(/PDF文件已损坏/),
    );
    expect(await timed(textPdf(['1 2 3']))).toEqual(unreadable(/没有可提取的文字/));
  });

  it('an old Word (.doc) container that is not readable', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await timed(ole, 'x.doc')).toEqual(unreadable(/旧版Office文件/));
  });

  it('text that is not an annual report', async () => {
    expect(await timed(utf8('会议纪要：今天天气很好。'.repeat(100)))).toEqual(
      unreadable(/未识别为政府信息公开工作年度报告/),
    );
    expect(
      await timed(utf8('<html><body><table><tr><td>政府信息公开</td></tr></table>报告</body></html>')),
    ).toEqual(unreadable(/未识别为政府信息公开工作年度报告/));
  });

  it('markup built to be slow: unterminated quotes, huge spans, deep nesting', async () => {
    const quotes = `<html><body>${'<a title="x '.repeat(200_000)}</body></html>`;
    expect(await timed(utf8(quotes), 'x.html')).toMatchObject({ verdict: 'unreadable' });
    const spans = `<html><body><table>${'<tr><td rowspan="999999999" colspan="99999">1</td></tr>'.repeat(20_000)}</table></body></html>`;
    expect(await timed(utf8(spans), 'x.html')).toMatchObject({ verdict: 'unreadable' });
    const nested = `<html><body>政府信息公开报告${'<table><tr><td>'.repeat(50_000)}</body></html>`;
    expect(await timed(utf8(nested), 'x.html')).toMatchObject({ verdict: 'unreadable' });
  });

  it('a text file of many megabytes with report words but no tables', async () => {
    const text = `2023年政府信息公开工作年度报告\n${'政府信息公开，'.repeat(1_000_000)}`;
    expect(await timed(utf8(text))).toMatchObject({ verdict: 'unreadable' });
  });
});
