/** The readers on small inputs: markup tokens, HTML span layout, DOCX merges, cells, sections, year. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeEntities, tokenize } from './markup.js';
import { findAgency, findYear } from './meta.js';
import { readCell } from './normalize.js';
import { docxDocumentXml, readDocumentXml } from './read-docx.js';
import { readHtml } from './read-html.js';
import { readPlainText } from './read-text.js';
import { gridRecords, streamRecords } from './records.js';
import { splitSections } from './sections.js';
import { layoutRows } from './table-grid.js';
import { findEntry, listZip, readZipEntry } from './zip.js';

describe('readCell', () => {
  it.each([
    ['12', 12],
    ['１２', null], // full-width digits are folded by normalizeText before cells are read
    ['1,234', 1234],
    ['+3', 3],
    ['-1', -1],
    ['12.35', 12.35],
    ['6件', 6],
    ['', null],
    ['  ', null],
  ])('%j → %j', (raw, value) => {
    const r = readCell(raw);
    if (raw === '１２') expect(r.kind).toBe('text');
    else expect(r).toEqual({ kind: 'value', value });
  });
  it.each(['/', '—', '-', '——', '无'])('%s is a placeholder', (raw) => {
    expect(readCell(raw)).toEqual({ kind: 'value', value: '/' });
  });
  it('labels are text; token streams accept fewer placeholders', () => {
    expect(readCell('1.属于国家秘密').kind).toBe('text');
    expect(readCell('无', true).kind).toBe('text');
    expect(readCell('', true).kind).toBe('text');
  });
});

describe('markup', () => {
  it('tokenizes tags, attributes, entities; skips comments and scripts', () => {
    const t = tokenize(
      '<p class=a title="x>y">A&amp;B&#x4E00;<!-- <td> --><script>"<table>"</script><br/></p>',
    );
    expect(t).toEqual([
      { type: 'open', name: 'p', attrs: { class: 'a', title: 'x>y' }, selfClosing: false },
      { type: 'text', text: 'A&B一' },
      { type: 'open', name: 'script', attrs: {}, selfClosing: false },
      { type: 'close', name: 'script' },
      { type: 'open', name: 'br', attrs: {}, selfClosing: true },
      { type: 'close', name: 'p' },
    ]);
    expect(decodeEntities('&ldquo;三安全一稳定&rdquo;&nbsp;&bogus;')).toBe('“三安全一稳定” &bogus;');
  });
});

describe('HTML tables', () => {
  it('lays out rowspan/colspan and marks covered cells', () => {
    const rows = layoutRows([
      [
        { text: 'a', rowSpan: 2, colSpan: 1 },
        { text: 'b', rowSpan: 1, colSpan: 2 },
      ],
      [
        { text: 'c', rowSpan: 1, colSpan: 1 },
        { text: 'd', rowSpan: 1, colSpan: 1 },
      ],
    ]);
    expect(rows).toEqual([
      [{ text: 'a' }, { text: 'b' }, { text: '', covered: true }],
      [{ text: '', covered: true }, { text: 'c' }, { text: 'd' }],
    ]);
  });

  it('treats outer tables as layout and reads the inner data table; text outside becomes lines', () => {
    const doc = readHtml(
      '<table><tr><td><p>一、总体情况</p><table><tr><td>规章<td>0<td>1</table><p>二、<b>主动</b>公开</p></td></tr></table>',
    );
    expect(doc.blocks).toEqual([
      { kind: 'text', text: '一、总体情况' },
      { kind: 'table', rows: [[{ text: '规章' }, { text: '0' }, { text: '1' }]] },
      { kind: 'text', text: '二、主动公开' },
    ]);
  });
});

describe('DOCX', () => {
  const xml = (body: string) => `<w:document><w:body>${body}</w:body></w:document>`;
  it('reads gridSpan and vMerge; joins runs of a paragraph', () => {
    const doc = readDocumentXml(
      xml(
        '<w:p><w:r><w:t>一、总</w:t></w:r><w:r><w:t xml:space="preserve">体情况</w:t></w:r></w:p>' +
          '<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>' +
          '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>' +
          '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>' +
          '<w:tc><w:p/></w:tc></w:tr></w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p>',
      ),
    );
    expect(doc.blocks).toEqual([
      { kind: 'text', text: '一、总体情况' },
      {
        kind: 'table',
        rows: [
          [{ text: 'A' }, { text: 'B' }, { text: '', covered: true }],
          [{ text: '', covered: true }, { text: '1' }, { text: '' }],
        ],
      },
      { kind: 'text', text: 'after' },
    ]);
  });

  it('reads word/document.xml out of the zip', () => {
    const zip = zipSync({ 'word/document.xml': strToU8(xml('<w:p><w:r><w:t>你好</w:t></w:r></w:p>')) });
    expect(docxDocumentXml(zip)).toContain('你好');
    const entries = listZip(zip);
    expect(new TextDecoder().decode(readZipEntry(zip, findEntry(entries, 'word/document.xml')!))).toContain(
      '你好',
    );
  });
});

describe('records', () => {
  it('grid rows: label up to the last text cell, blanks kept, trailing blanks dropped', () => {
    const rows = readPlainText('| 三、本年度办理结果 | (一)予以公开 | 4 |  | / | ||').blocks[0]!;
    expect(rows.kind === 'table' && gridRecords(rows.rows)).toEqual([
      { label: '三、本年度办理结果 (一)予以公开', values: [4, null, '/'], grid: true, width: 5 },
    ]);
  });
  it('token streams: page lines skipped, numbers glued to labels split off', () => {
    expect(streamRecords(['一、本年新收 6 0', '- 2 -', '第2页 共5页', '二、上年结转2 1'])).toEqual([
      { label: '一、本年新收', values: [6, 0], grid: false, width: 2 },
      { label: '二、上年结转', values: [2, 1], grid: false, width: 2 },
    ]);
  });
});

describe('sections, year, agency', () => {
  it('finds headings by number and keywords, in order; 表三 rows are not headings', () => {
    const doc = readPlainText(
      [
        '前言',
        '一、总体情况',
        'a',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '一、本年新收政府信息公开申请数量 1',
        '四、结转下年度继续办理 0',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、政府信息公开工作存在的主要问题及改进情况',
        '其他需要报告的事项',
        'b',
      ].join('\n'),
    );
    const s = splitSections(doc);
    expect(s.preamble).toEqual(['前言']);
    expect(s.sections.三!.lines).toEqual(['一、本年新收政府信息公开申请数量 1', '四、结转下年度继续办理 0']);
    expect(s.sections.六!.lines).toEqual(['b']);
  });

  it('takes bare titles as headings (Word numbering drops 「一、」)', () => {
    const s = splitSections(
      readPlainText(['总体情况', 'a', '主动公开政府信息情况', 'b', '其他需要报告的事项', 'c'].join('\n')),
    );
    expect([s.sections.一?.lines, s.sections.二?.lines, s.sections.三, s.sections.六?.lines]).toEqual([
      ['a'],
      ['b'],
      null,
      ['c'],
    ]);
  });

  it.each([
    ['统计期限为2021年1月1日至2021年12月31日。发布于2022年1月', 2021],
    ['本报告时限为2019年1月1日—2019年12月31日', 2019],
    ['涉及统计数据时间为2017年1月1日-12月31日', 2017],
    ['XX县2022年度政府信息公开工作年度报告\n2023年1月20日', 2022],
    ['无年份', null],
  ])('year of %j is %j', (text, year) => {
    expect(findYear(text)).toBe(year);
  });

  it.each([
    [['佳木斯市民政局2019年政府信息', '公开工作年度报告'], '佳木斯市民政局'],
    [['首页 > 信息公开', '2023年度某某县人民政府政府信息公开工作年度报告'], '某某县人民政府'],
    [['年度报告', '本报告由某某市财政局编制。'], '某某市财政局'],
  ])('agency of %j', (lines, agency) => {
    expect(findAgency(lines)).toBe(agency);
  });
});
