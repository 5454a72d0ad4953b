/**
 * The 2021-format fixture (test/fixtures/annual-reports/report-2021.*) in every input format: plain text as
 * copied from a PDF, an HTML page with rowspan/colspan, a Word file with gridSpan/vMerge, and a PDF. All
 * read to the same tables and pass with no finding; any numeric 表三/表四 cell changed and printed again
 * fails naming that cell. `WRITE_FIXTURES=1 npx vitest run <this file>` regenerates the committed files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { textPdf } from '../../../../test/fixtures/annual-reports/pdf.js';
import { toDocx, toHtml, toText } from '../../../../test/fixtures/annual-reports/render.js';
import {
  type Figures,
  figures2023,
  report2023,
} from '../../../../test/fixtures/annual-reports/report-2021.js';
import { checkReport } from './check-report.js';
import { checked, FIXTURES, rulesOf, utf8 } from './checker.fixture.js';
import { exitCodeOf, t3RowIds } from './model.js';

const render = {
  txt: (f: Figures) => utf8(toText(report2023(f))),
  html: (f: Figures) => utf8(toHtml(report2023(f))),
  docx: (f: Figures) => toDocx(report2023(f)),
  pdf: (f: Figures) => textPdf(toText(report2023(f)).split('\n')),
};
type Kind = keyof typeof render;
const KINDS = Object.keys(render) as Kind[];
const file = (kind: Kind) => path.join(FIXTURES, `report-2021.${kind}`);

beforeAll(() => {
  if (process.env.WRITE_FIXTURES === '1')
    for (const kind of KINDS) writeFileSync(file(kind), render[kind](figures2023()));
});

describe.each(KINDS)('the 2021 fixture as %s', (kind) => {
  it('is committed, small, and what the generator prints', () => {
    expect(existsSync(file(kind))).toBe(true);
    const bytes = readFileSync(file(kind));
    expect(bytes.length).toBeLessThan(50 * 1024);
    expect(Buffer.from(render[kind](figures2023())).equals(bytes)).toBe(true);
  });

  it('reads year, format, agency and every table; passes with no finding', async () => {
    const r = checked(await checkReport(new Uint8Array(readFileSync(file(kind))), `report-2021.${kind}`));
    const f = figures2023();
    expect(r).toMatchObject({
      year: 2023,
      format: '2021',
      agency: '江北市生态环境局',
      verdict: 'pass',
      findings: [],
    });
    expect(Object.keys(r.tables.T3)).toEqual(t3RowIds(true));
    expect(Object.values(r.tables.T3)).toEqual(f.t3);
    expect(Object.values(r.tables.T4)).toEqual(f.t4);
    expect(r.tables.T2).toEqual({
      regulations: { made: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { made: 3, repealed: 1, inForce: 25 },
      licensing: { decisions: 846 },
      penalties: { decisions: 86 },
      enforcement: { decisions: 5 },
      fees: { amount: 12.35 },
    });
  });
});

describe.each(['txt', 'html', 'docx'] as Kind[])('2021 fixture as %s: any cell + 1 fails', (kind) => {
  const cases = t3RowIds(true).flatMap((row, ri) => [1, 2, 3, 4, 5, 6, 7].map((c) => ({ row, ri, c })));
  it.each(cases)('表三 $row C$c', async ({ row, ri, c }) => {
    const f = figures2023();
    f.t3[ri]![c - 1]! += 1;
    const result = await checkReport(render[kind](f), `x.${kind}`);
    expect(exitCodeOf(result)).toBe(1);
    const expected = ['R1', 'R2', 'R25'].includes(row)
      ? ['V1', 'V3']
      : row === 'R24'
        ? ['V1', 'V2', 'V3']
        : ['V2', 'V3'];
    expect(rulesOf(result, 'error')).toEqual(expected);
    for (const e of checked(result).findings.filter((x) => x.severity === 'error'))
      expect(e.cells).toContain(`T3.${row}.C${c}`);
  });
  it.each(Array.from({ length: 15 }, (_, i) => i + 1))('表四 K%i', async (k) => {
    const f = figures2023();
    f.t4[k - 1]! += 1;
    const result = await checkReport(render[kind](f), `x.${kind}`);
    expect(exitCodeOf(result)).toBe(1);
    expect(rulesOf(result, 'error')).toEqual(['V4']);
    expect(checked(result).findings.find((x) => x.rule === 'V4')!.cells).toContain(`T4.K${k}`);
  });
});

describe('2021 fixture: warnings only', () => {
  it('现行有效 below 制发 − 废止 → V7', async () => {
    const f = figures2023();
    f.t2.normative = [3, 0, 1];
    const r = checked(await checkReport(render.html(f), 'x.html'));
    expect(r.verdict).toBe('pass');
    expect(r.findings.map((x) => x.rule)).toEqual(['V7']);
  });

  it('（六） printed as one row → V10 naming T3.R21-23', async () => {
    const f = { ...figures2023(), singleSix: true };
    for (const kind of ['txt', 'html', 'docx'] as Kind[]) {
      const r = checked(await checkReport(render[kind](f), `x.${kind}`));
      expect(r.verdict).toBe('pass');
      expect(r.tables.T3['R21-23']).toEqual([2, 0, 0, 0, 0, 0, 2]);
      expect(r.findings.map((x) => x.rule)).toEqual(['V10']);
      expect(r.findings[0]!.cells).toContain('T3.R21-23.C7');
    }
  });

  it('R22 > 0 with no word on fees in section 六 → V9', async () => {
    const f = figures2023();
    f.t3[20] = [0, 0, 0, 0, 0, 0, 0];
    f.t3[21] = [1, 0, 0, 0, 0, 0, 1];
    const text = toText(report2023(f)).replace('本年度未收取信息处理费。', '');
    const r = checked(await checkReport(utf8(text), 'x.txt'));
    expect(r.findings.map((x) => x.rule)).toEqual(['V9']);
    expect(r.findings[0]!.cells).toEqual(['T3.R22.C7']);
  });

  it('last year given: 上年结转 ≠ last year’s 结转下年度 → V6; same text → V12; 现行有效 carried over → V7', async () => {
    const last = figures2023();
    last.t3[24] = [1, 0, 0, 0, 0, 0, 1]; // last year carried over 1, this year says 2
    last.t2.normative = [2, 0, 20]; // 20 + 3 − 1 = 22 ≠ 25
    const lastText = toText(report2023(last)).replaceAll('2023', '2022');
    const r = checked(
      await checkReport(render.txt(figures2023()), 'x.txt', {
        previous: { bytes: utf8(lastText), fileName: 'y.txt' },
      }),
    );
    expect(r.verdict).toBe('pass');
    expect(r.findings.map((x) => x.rule)).toEqual(['V6', 'V6', 'V7', 'V12']);
    expect(r.findings.slice(0, 2).map((x) => x.cells)).toEqual([['T3.R2.C1'], ['T3.R2.C7']]);
    expect(r.findings[2]!.cells).toContain('T2.normativeDocuments.inForce');
    expect(r.findings[3]!.message).toMatch(/重复约\d+%/);
  });
});
