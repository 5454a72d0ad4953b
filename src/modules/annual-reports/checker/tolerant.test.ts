/**
 * What real reports do to the tables, each on a small variant of the seed (pipe tables) or of the 2021
 * fixture (text copied from a PDF, HTML): the tables must still read to the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { toHtml, toText } from '../../../../test/fixtures/annual-reports/render.js';
import { figures2023, report2023 } from '../../../../test/fixtures/annual-reports/report-2021.js';
import { checkReport } from './check-report.js';
import { checked, checkText, seedText, utf8 } from './checker.fixture.js';
import { type ReportDocument, textDocument } from './document.js';
import { isUnreadable, type ParsedReport } from './model.js';
import { parseReport } from './parse-report.js';
import { readHtml } from './read-html.js';

const SEED = seedText('seed-003-2019');
const FIX = figures2023();
const TEXT = toText(report2023());
const HTML = toHtml(report2023());

function parsed(input: string | ReportDocument): ParsedReport {
  const r = parseReport(input);
  if (isUnreadable(r)) throw new Error(r.reason);
  return r;
}

/** The 2021 fixture's text with `fn` applied to its 表三 lines only. */
function editT3Lines(text: string, fn: (line: string) => string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.startsWith('三、收到和处理'));
  const to = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
  return lines.map((l, i) => (i > from && i < to ? fn(l) : l)).join('\n');
}

const expectFixtureTables = (r: ParsedReport) => {
  expect(Object.values(r.tables.T3)).toEqual(FIX.t3);
  expect(Object.values(r.tables.T4)).toEqual(FIX.t4);
  expect(r.missingRows).toEqual([]);
};

describe('tolerant reading of 表三', () => {
  it('「1、」 for 「1.」 (grid and text)', () => {
    expect(parsed(SEED.replace(/\| (\d)\./g, '| $1、')).tables.T3).toEqual(parsed(SEED).tables.T3);
    expectFixtureTables(parsed(TEXT.replace(/(\d)．/g, '$1、')));
  });

  it('labels broken over several lines, numbers after the first part', () => {
    expectFixtureTables(parsed(toText(report2023(), 6)));
  });

  it('labels missing a word, or without their item number', () => {
    const text = editT3Lines(TEXT, (l) =>
      l
        .replace('其他法律行政法规禁止公开', '其他法律法规禁止公开')
        .replace('本机关不掌握相关政府信息', '不掌握相关信息')
        .replace('属于行政执法案卷', '行政执法案卷')
        .replace(/^(\d)．/, ''),
    );
    expectFixtureTables(parsed(text));
  });

  it.each(['"三安全一稳定"', '「三安全一稳定」', '‘三安全一稳定’', '三安全一稳定', '“三安全 一稳定”'])(
    'quotes: %s',
    (q) => {
      expectFixtureTables(parsed(TEXT.replace('“三安全一稳定”', q)));
    },
  );

  it('full-width digits and punctuation', () => {
    const full = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expectFixtureTables(parsed(editT3Lines(TEXT, full)));
    expect(parsed(full(SEED)).tables.T3).toEqual(parsed(SEED).tables.T3);
  });

  it('numbers with thousands separators', () => {
    const f = figures2023();
    for (const [r, c] of [
      [0, 0],
      [0, 6],
      [2, 0],
      [2, 6],
      [23, 0],
      [23, 6],
    ] as const)
      f.t3[r]![c]! += 1200;
    const html = toHtml(report2023(f)).replace(/>(\d)(\d{3})</g, '>$1,$2<');
    expect(html).toContain('>1,230<');
    const r = parsed(readHtml(html));
    expect(r.tables.T3.R1).toEqual([1230, 4, 0, 1, 2, 0, 1237]);
  });

  it('blank, 0, 「/」 and 「—」: read as printed, blanks flagged (V5) and counted as 0', async () => {
    /** Replaces the first value cell (C1) after a row label in the fixture's HTML. */
    const setC1 = (html: string, label: string, text: string) =>
      html.replace(
        new RegExp(`(${label}</span></p></td><td><p align="center"><span style="font-size:12px">)0<`),
        `$1${text}<`,
      );
    let html = setC1(HTML, '属于国家秘密', '');
    html = setC1(html, '属于三类内部事务信息', '/');
    html = setC1(html, '属于行政执法案卷', '—');
    const r = checked(await checkReport(utf8(html), 'x.html'));
    expect(r.tables.T3.R5![0]).toBeNull();
    expect(r.tables.T3.R9![0]).toBe('/');
    expect(r.tables.T3.R11![0]).toBe('/');
    expect(r.verdict).toBe('pass');
    const v5 = r.findings.filter((f) => f.rule === 'V5');
    expect(v5).toHaveLength(1);
    expect(v5[0]!.cells).toEqual(['T3.R5.C1', 'T3.R9.C1', 'T3.R11.C1']);
  });

  it('a blank 总计 column is flagged, not summed against (V5 only)', async () => {
    const text = SEED.split('\n')
      .map((l) => (/^\| (一、本年新收|二、上年结转)/.test(l) ? l.replace(/\| (\d+) \| \|\|$/, '|  | ||') : l))
      .join('\n');
    const r = checked((await checkText(text)).result);
    expect(r.tables.T3.R1).toEqual([6, 0, 0, 0, 0, 0, null]);
    expect(r.verdict).toBe('pass');
    expect(r.findings.map((f) => f.rule)).toEqual(['V5', 'V11']);
  });

  it('a table split across pages: page number and repeated header between the parts', () => {
    const lines = SEED.split('\n');
    const at = lines.findIndex((l) => l.includes('5.属于三类内部事务信息'));
    const header = lines.slice(
      lines.findIndex((l) => l.includes('本列数据的勾稽关系')),
      lines.findIndex((l) => l.includes('一、本年新收')),
    );
    lines.splice(at, 0, '', '- 4 -', '第4页 共6页', ...header);
    expect(parsed(lines.join('\n')).tables.T3).toEqual(parsed(SEED).tables.T3);
    // And in text copied from a PDF (the fixture's text has such a break inside 表三).
    expect(TEXT).toContain('- 3 -');
    expectFixtureTables(parsed(TEXT));
  });

  it('an HTML 表三 split into two tables (page break), header repeated, rowspans cut', () => {
    const at = HTML.indexOf('<tr>', HTML.indexOf('3．危及'));
    const t3 = HTML.indexOf('<tr>', HTML.indexOf('<table', HTML.indexOf('三、收到和处理')));
    const header = HTML.slice(t3, HTML.indexOf('<tr>', HTML.indexOf('商业企业')));
    const html = `${HTML.slice(0, at)}</tbody></table><p>- 2 -</p><table border="1"><tbody>${header}${HTML.slice(at)}`;
    expectFixtureTables(parsed(readHtml(html)));
  });

  it('（六） as one row in a 2021-format report → R21-23 and a V10 warning', async () => {
    const f = { ...figures2023(), singleSix: true };
    const r = checked((await checkText(toText(report2023(f)))).result);
    expect(r.format).toBe('2021');
    expect(Object.keys(r.tables.T3)).toContain('R21-23');
    expect(r.findings.map((x) => x.rule)).toEqual(['V10']);
  });

  it('structured input: a ReportDocument built by the caller', () => {
    const r = parsed(SEED);
    const doc = parseReport(textDocument(TEXT.split('\n')));
    expect(isUnreadable(doc) ? doc.reason : doc.year).toBe(2023);
    expect(r.year).toBe(2019);
  });
});

describe('tolerant reading of year, agency, encodings', () => {
  it('the year from the title when no statistical period is given; not the publication year', () => {
    const text = TEXT.replace(/统计期限自2023年1月1日起至2023年12月31日止/, '统计期限为上一自然年度');
    const r = parsed(text);
    expect(r.year).toBe(2023);
    expect(TEXT).toContain('2024年1月20日');
  });

  it('GB18030-encoded HTML and text', async () => {
    const gbk = (s: string) => {
      // Node has no GBK encoder; iconv-style through TextDecoder is decode-only, so encode via a lookup.
      const table = new Map<string, number[]>();
      const dec = new TextDecoder('gb18030');
      for (let hi = 0x81; hi <= 0xfe; hi++)
        for (let lo = 0x40; lo <= 0xfe; lo++) {
          const ch = dec.decode(new Uint8Array([hi, lo]));
          if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
        }
      const out: number[] = [];
      for (const ch of s) {
        const code = ch.codePointAt(0)!;
        if (code < 0x80) out.push(code);
        else out.push(...(table.get(ch) ?? [0x3f]));
      }
      return new Uint8Array(out);
    };
    const html = HTML.replace(
      '<meta charset="utf-8">',
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    );
    const r = checked(await checkReport(gbk(html), 'x.htm'));
    expect(r.agency).toBe('江北市生态环境局');
    expect(Object.values(r.tables.T3)).toEqual(FIX.t3);
    const t = checked(await checkReport(gbk(SEED), 'x.txt'));
    expect(t.agency).toBe('佳木斯市民政局');
  });

  it('HTML with omitted end tags and attributes without quotes', async () => {
    const html = HTML.replace(/<\/td>|<\/tr>|<\/p>/g, '').replace(/rowspan="(\d+)"/g, 'rowspan=$1');
    const r = checked(await checkReport(utf8(html), 'x.html'));
    expect(Object.values(r.tables.T3)).toEqual(FIX.t3);
    expect(r.verdict).toBe('pass');
  });
});
