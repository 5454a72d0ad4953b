/**
 * The renderers read back by the checker's own readers: the page (ReportView, reportHtmlFile) through read-html,
 * the Word file through read-docx, both through parse-report and the rules — every table comes back cell for
 * cell and the verdict is pass; any 表三/表四 cell changed shows up naming that cell. The Excel workbooks are
 * read back with exceljs. The committed fixtures rendered-2021.{html,docx} (test/fixtures/annual-reports) are
 * what the renderers print: `WRITE_FIXTURES=1 npx vitest run <this file>` rewrites them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReport } from '../checker/check-report.js';
import { checked, FIXTURES, rulesOf } from '../checker/checker.fixture.js';
import { exitCodeOf, t3RowIds } from '../checker/model.js';
import { parseReport } from '../checker/parse-report.js';
import { docxDocumentXml } from '../checker/read-docx.js';
import { readHtml } from '../checker/read-html.js';
import { runChecks } from '../checker/rules/run-checks.js';
import { reportDocx } from './docx.js';
import { ReportView, reportHtml, reportHtmlFile } from './html.js';
import { cellName } from './layout.js';
import type { ReportDocument } from './model.js';
import { figures2023, sampleReport } from './render.fixture.js';
import { agenciesWorkbook, reportXlsx } from './xlsx.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const render = {
  html: async (d: ReportDocument) => utf8(reportHtmlFile(d)),
  docx: async (d: ReportDocument) => new Uint8Array(await reportDocx(d)),
};
type Kind = keyof typeof render;

function expectSameTables(got: ReportDocument['tables'], doc: ReportDocument) {
  expect(got.T3).toEqual(doc.tables.T3);
  expect(got.T4).toEqual(doc.tables.T4);
  expect(got.T2).toEqual(doc.tables.T2);
}

const fixtureFile = (kind: Kind) => path.join(FIXTURES, `rendered-2021.${kind}`);

beforeAll(async () => {
  if (process.env.WRITE_FIXTURES === '1')
    for (const kind of ['html', 'docx'] as Kind[])
      writeFileSync(fixtureFile(kind), await render[kind](sampleReport()));
});

describe.each(['html', 'docx'] as Kind[])('the report as %s', (kind) => {
  it('reads back through the checker cell for cell, with no finding', async () => {
    const doc = sampleReport();
    const r = checked(await checkReport(await render[kind](doc), `report.${kind}`));
    expect(r).toMatchObject({ year: 2023, format: '2021', agency: '江北市生态环境局', verdict: 'pass' });
    expect(r.findings).toEqual([]);
    expect(Object.keys(r.tables.T3)).toEqual(t3RowIds(true));
    expectSameTables(r.tables, doc);
  });

  it('prints blanks as blanks and 「/」 as 「/」 (V5 warnings, not errors)', async () => {
    const doc = sampleReport();
    doc.tables.T3.R9![1] = null;
    doc.tables.T3.R9![2] = '/';
    doc.tables.T2.licensing!.decisions = null;
    const r = checked(await checkReport(await render[kind](doc), `report.${kind}`));
    expect(r.tables.T3.R9).toEqual([0, null, '/', 0, 0, 0, 0]);
    expect(r.tables.T2.licensing).toEqual({ decisions: null });
    expect(r.verdict).toBe('pass');
    expect(rulesOf(r, 'warning')).toEqual(['V5']);
  });

  it('is the committed fixture rendered-2021 (small)', async () => {
    const committed = readFileSync(fixtureFile(kind));
    expect(committed.length).toBeLessThan(60 * 1024);
    const fresh = Buffer.from(await render[kind](sampleReport()));
    // Word packages carry the time they were made: compare the document part.
    if (kind === 'docx') expect(docxDocumentXml(fresh)).toBe(docxDocumentXml(new Uint8Array(committed)));
    else expect(fresh.equals(committed)).toBe(true);
    const r = checked(await checkReport(new Uint8Array(committed), `rendered-2021.${kind}`));
    expect(r.verdict).toBe('pass');
    expect(r.findings).toEqual([]);
  });
});

describe.each(['html', 'docx'] as Kind[])('%s: a changed cell shows up', (kind) => {
  // HTML: every cell; Word (slower to build): every row once, the column moving along.
  const cases = t3RowIds(true).flatMap((row, ri) =>
    [1, 2, 3, 4, 5, 6, 7].filter((c) => kind === 'html' || c === (ri % 7) + 1).map((c) => ({ row, ri, c })),
  );
  it.each(cases)('表三 $row C$c + 1', async ({ row, ri, c }) => {
    const f = figures2023();
    f.t3[ri]![c - 1]! += 1;
    const result = await checkReport(await render[kind](sampleReport(f)), `x.${kind}`);
    expect(exitCodeOf(result)).toBe(1);
    const errors = checked(result).findings.filter((x) => x.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.cells).toContain(`T3.${row}.C${c}`);
  });
  it.each(Array.from({ length: 15 }, (_, i) => i + 1))('表四 K%i + 1', async (k) => {
    const f = figures2023();
    f.t4[k - 1]! += 1;
    const result = await checkReport(await render[kind](sampleReport(f)), `x.${kind}`);
    expect(rulesOf(result, 'error')).toEqual(['V4']);
    expect(checked(result).findings.find((x) => x.rule === 'V4')!.cells).toContain(`T4.K${k}`);
  });
});

describe('ReportView (the page component)', () => {
  const html = renderToString(<ReportView doc={sampleReport()} headingLevel={2} idPrefix="r1" />);

  it('reads back from the component alone (inside any page) and passes', () => {
    const parsed = parseReport(readHtml(html));
    if ('reason' in parsed) throw new Error(parsed.reason);
    expectSameTables(parsed.tables, sampleReport());
    expect(runChecks(parsed)).toEqual([]);
  });

  it('has the title, the national headings in order, and three captioned tables', () => {
    expect(html).toContain('<h2 class="report-title">江北市生态环境局2023年政府信息公开工作年度报告</h2>');
    const headings = [...html.matchAll(/<h3 id="r1-s-.">([^<]+)<\/h3>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    expect([...html.matchAll(/<caption>([^<]+)<\/caption>/g)].map((m) => m[1])).toEqual([
      '表二　主动公开政府信息情况',
      '表三　收到和处理政府信息公开申请情况',
      '表四　政府信息公开行政复议、行政诉讼情况',
    ]);
    expect(html).toContain('<p class="report-date">2024年1月20日</p>');
  });

  it('every data cell names existing headers; every th has a scope; tables scroll in labelled regions', () => {
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const tds = [...html.matchAll(/<td([^>]*)>/g)]
      .map((m) => m[1]!)
      .filter((a) => !a.includes('class="note"'));
    expect(tds.length).toBe(10 + 25 * 7 + 15); // 表二 (two rows of three, four of one), 表三, 表四
    for (const attrs of tds) {
      const headers = /headers="([^"]+)"/.exec(attrs)?.[1];
      expect(headers, attrs).toBeTruthy();
      for (const h of headers!.split(' ')) expect(ids.has(h), h).toBe(true);
    }
    for (const th of html.matchAll(/<th(\s[^>]*)>/g))
      expect(th[1]).toMatch(/scope="(col|row|colgroup|rowgroup)"/);
    expect([...html.matchAll(/<section class="table-wrap" tabindex="0" aria-label="([^"]+)"/g)]).toHaveLength(
      3,
    );
    // 国家秘密 row: results, its block, itself; 自然人 column under 申请人情况.
    expect(html).toContain('headers="r1-t3-applicants r1-t3-c1 r1-t3-results r1-t3-block0 r1-t3-R5"');
    expect(html).toContain('headers="r1-t3-applicants r1-t3-organizations r1-t3-c3 r1-t3-R1"');
  });

  it('reportHtml is the same article as a fragment, without the stylesheet link', () => {
    const fragment = reportHtml(sampleReport(), { headingLevel: 2, idPrefix: 'r1' });
    expect(fragment.startsWith('<article class="annual-report">')).toBe(true);
    expect(fragment).not.toContain('<link');
    expect(fragment).toBe(html.replace(/<link [^>]*>/, ''));
  });

  it('writes an empty narrative section as 「（未填写）」, not an empty heading', () => {
    const doc = sampleReport();
    doc.sections.六 = '';
    const out = renderToString(<ReportView doc={doc} />);
    expect(out).toMatch(/六、其他需要报告的事项<\/h2><p class="report-empty">（未填写）<\/p>/);
  });
});

describe('Word layout', () => {
  it('A4, 公文 fonts, merged header cells, header rows repeated', async () => {
    const xml = docxDocumentXml(new Uint8Array(await reportDocx(sampleReport())));
    expect(xml).toContain('w:w="11906" w:h="16838"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('<w:gridSpan w:val="7"/>'); // 申请人情况
    expect(xml).toContain('<w:gridSpan w:val="10"/>'); // 行政诉讼
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(xml).toMatch(/<w:vMerge w:val="continue"\/>|<w:vMerge\/>/);
    expect(xml).toContain('<w:tblHeader/>');
  });
});

// ── Excel ──

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The row of a sheet whose cells include `label`, and its cells as values. */
function rowWith(ws: ExcelJS.Worksheet, label: string): unknown[] {
  let found: unknown[] | null = null;
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (!found && values.includes(label)) found = values;
  });
  if (!found) throw new Error(`no row with ${label} in ${ws.name}`);
  return found;
}

describe('reportXlsx', () => {
  it('one sheet per table, headers merged as printed, numbers as numbers, blanks blank, 「/」 as text', async () => {
    const doc = sampleReport();
    doc.tables.T3.R9 = [0, null, '/', 0, 0, 0, 0];
    const wb = await load(await reportXlsx(doc));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表二', '表三', '表四']);
    const t3 = wb.getWorksheet('表三')!;
    const merges = (t3.model as { merges: string[] }).merges;
    expect(merges).toEqual(
      expect.arrayContaining([
        'A3:C5',
        'D3:J3',
        'D4:D5',
        'E4:I4',
        'J4:J5',
        'A6:C6',
        'A8:A29',
        'B10:B17',
        'A30:C30',
      ]),
    );
    expect(t3.getCell('D3').value).toBe('申请人情况');
    expect(t3.getCell('E4').value).toBe('法人或其他组织');
    // Rows found by their printed label; values after it.
    const r1 = rowWith(t3, '一、本年新收政府信息公开申请数量');
    expect(r1.slice(3, 10)).toEqual(doc.tables.T3.R1);
    for (const v of r1.slice(3, 10)) expect(typeof v).toBe('number');
    expect(rowWith(t3, '5.属于三类内部事务信息').slice(3, 10)).toEqual([0, undefined, '/', 0, 0, 0, 0]);
    expect(rowWith(t3, '（七）总计').slice(3, 10)).toEqual(doc.tables.T3.R24);
    const t4 = wb.getWorksheet('表四')!;
    expect((t4.model as { merges: string[] }).merges).toEqual(
      expect.arrayContaining(['A3:E3', 'F3:O3', 'A4:A5', 'F4:J4', 'K4:O4']),
    );
    expect((t4.getRow(6).values as unknown[]).slice(1)).toEqual(Object.values(doc.tables.T4));
    const t2 = wb.getWorksheet('表二')!;
    expect(rowWith(t2, '行政规范性文件').slice(1, 4)).toEqual([3, 1, 25]);
    expect(rowWith(t2, '行政事业性收费')[1]).toBe(12.35);
    expect(rowWith(t2, '本年收费金额（单位：万元）')).toBeTruthy();
  });

  it('a changed cell shows up in its place', async () => {
    const f = figures2023();
    f.t3[12]![4]! += 5; // R13 C5
    const wb = await load(await reportXlsx(sampleReport(f)));
    expect(rowWith(wb.getWorksheet('表三')!, '1.本机关不掌握相关政府信息')[7]).toBe(6);
  });
});

describe('agenciesWorkbook', () => {
  it('a sheet per table with a row per agency in cell-id order, a 合计 row, and a summary with the verdicts', async () => {
    const a = sampleReport();
    const f = figures2023();
    f.t3[0]![2]! += 1; // R1 C3 + 1: V1 and V3 fail
    const b = { ...sampleReport(f), agencyName: '江北市交通运输局' };
    const wb = await load(await agenciesWorkbook([a, b]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '表二', '表三', '表四']);
    const t3 = wb.getWorksheet('表三')!;
    const ids = (t3.getRow(3).values as unknown[]).slice(3);
    expect(ids).toHaveLength(25 * 7);
    expect(ids.slice(0, 8)).toEqual([
      'T3.R1.C1',
      'T3.R1.C2',
      'T3.R1.C3',
      'T3.R1.C4',
      'T3.R1.C5',
      'T3.R1.C6',
      'T3.R1.C7',
      'T3.R2.C1',
    ]);
    expect(t3.getCell('C1').value).toBe('一、本年新收政府信息公开申请数量');
    expect(t3.getCell('E2').value).toBe('科研机构');
    const rowA = (t3.getRow(4).values as unknown[]).slice(1);
    const rowB = (t3.getRow(5).values as unknown[]).slice(1);
    expect(rowA.slice(0, 2)).toEqual(['江北市生态环境局', 2023]);
    expect(rowA.slice(2)).toEqual(t3RowIds(true).flatMap((id) => a.tables.T3[id]));
    expect(rowB[0]).toBe('江北市交通运输局');
    expect(rowB[2 + 2]).toBe(1); // T3.R1.C3
    const total = t3.getRow(6);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(3)).toMatchObject({ value: { formula: 'SUM(C4:C5)', result: 60 } });
    const t4 = wb.getWorksheet('表四')!;
    expect((t4.getRow(3).values as unknown[]).slice(3)).toEqual(
      Array.from({ length: 15 }, (_, i) => `T4.K${i + 1}`),
    );
    expect(t4.getCell('C1').value).toBe('行政复议');
    const t2 = wb.getWorksheet('表二')!;
    expect((t2.getRow(3).values as unknown[]).slice(3, 6)).toEqual([
      'T2.regulations.made',
      'T2.regulations.repealed',
      'T2.regulations.inForce',
    ]);
    expect(t2.getCell('C1').value).toBe('规章');
    const summary = wb.getWorksheet('汇总')!;
    const heads = (summary.getRow(1).values as unknown[]).slice(1);
    const at = (label: string) => heads.indexOf(label) + 1;
    expect(summary.getRow(2).getCell(at('勾稽检查')).value).toBe('通过');
    expect(summary.getRow(3).getCell(at('勾稽检查')).value).toBe('未通过');
    expect(summary.getRow(3).getCell(at('本年新收申请')).value).toBe(37); // the 总计 column was not changed
    expect(String(summary.getRow(3).getCell(at('问题摘要')).value)).toContain('T3.R1.C3');
  });

  it('an empty list still gives the four sheets with their headers', async () => {
    const wb = await load(await agenciesWorkbook([]));
    expect(wb.getWorksheet('表三')!.getCell('A1').value).toBe('机关');
  });
});

describe('cellName', () => {
  it('names cells in Chinese', () => {
    expect(cellName('T3.R1.C3')).toBe('表三 一、本年新收政府信息公开申请数量 · 科研机构');
    expect(cellName('T3.R5.C7')).toBe('表三 （三）不予公开 1.属于国家秘密 · 总计');
    expect(cellName('T4.K12')).toBe('表四 行政诉讼（复议后起诉） · 结果纠正');
    expect(cellName('T2.fees.amount')).toBe('表二 行政事业性收费 · 本年收费金额（万元）');
    expect(cellName('T2.procurement.amount', '2019')).toBe('表二 政府集中采购 · 采购总金额');
    expect(cellName('T3.R21-23.C1')).toBe('表三 （六）其他处理 · 自然人');
    expect(cellName('T9.x')).toBe('T9.x');
  });
});

// ── printed to PDF by a real browser (skipped without Chromium) ──

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
describe.skipIf(!existsSync(CHROMIUM))('the HTML printed to PDF by Chromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-report-pdf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('reads back with the same tables and passes', { timeout: 90_000 }, async () => {
    const html = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    writeFileSync(html, reportHtmlFile(sampleReport()));
    execFileSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        html,
      ],
      { timeout: 60_000, stdio: 'ignore' },
    );
    const r = checked(await checkReport(new Uint8Array(readFileSync(pdf)), 'report.pdf'));
    expect(r).toMatchObject({ year: 2023, format: '2021', agency: '江北市生态环境局', verdict: 'pass' });
    expect(r.tables.T3).toEqual(sampleReport().tables.T3);
    expect(r.tables.T4).toEqual(sampleReport().tables.T4);
    expect(r.findings).toEqual([]);
  });
});
