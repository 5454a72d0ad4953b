/** CSV reading and decoding: quoting, line numbers of records spanning lines, BOM, GBK, tabs. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { decodeText } from './decode.js';
import { encodeGbk } from './import.fixtures.js';

const records = (text: string) => {
  const r = parseCsv(text);
  if ('error' in r) throw new Error(r.error);
  return r.records;
};

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks, keeping each record’s first line', () => {
    const text = 'a,b\r\n"x, y","第一行\r\n第二行\n第三行"\r\n"say ""hi""",z\r\n';
    expect(records(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', '第一行\r\n第二行\n第三行'] },
      { line: 5, cells: ['say "hi"', 'z'] },
    ]);
  });

  it('skips blank lines but counts them, and reads a last line without a line break', () => {
    expect(records('a,b\n\n1,2\n,\n3,4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });

  it('uses tabs when the header has tabs and no commas', () => {
    expect(records('a\tb\n1,5\t2\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1,5', '2'] },
    ]);
  });

  it('names the line where an unclosed quote starts', () => {
    const r = parseCsv('a,b\n1,2\n"open,3\n4,5\n');
    expect(r).toMatchObject({ line: 3 });
    expect('error' in r && r.error).toContain('引号没有闭合');
  });
});

describe('decodeText', () => {
  const text = '索引号,标题\n1,关于印发《示例市最低生活保障办法》的通知\n';
  it('reads UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeText(utf8)).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('detects GBK (read as GB18030)', () => {
    expect(decodeText(encodeGbk(text))).toEqual({ text, encoding: 'gb18030' });
  });

  it('reads UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(new Uint8Array(le))).toEqual({ text, encoding: 'utf-16le' });
  });
});
