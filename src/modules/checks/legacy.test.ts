import { describe, expect, it } from 'vitest';
import { openCompoundFile } from './cfb.js';
import { ExtractError, extractText, sniffType } from './extract.js';
import { buildCompoundFile, buildDoc, buildXls } from './test-files.fixture.js';

const ID = '11010519491231002X';

describe('compound files (MS-CFB)', () => {
  it('reads big streams from sectors and small ones from the mini stream', () => {
    const big = Uint8Array.from({ length: 9000 }, (_v, i) => i % 251);
    const small = Uint8Array.from({ length: 300 }, (_v, i) => (i * 7) % 256);
    const file = openCompoundFile(buildCompoundFile({ Big: big, Small: small, Empty: new Uint8Array(0) }));
    expect(file.streams.sort()).toEqual(['Big', 'Empty', 'Small']);
    expect(file.read('Big')).toEqual(big);
    expect(file.read('Small')).toEqual(small);
    expect(file.read('Empty')).toEqual(new Uint8Array(0));
    expect(file.read('Missing')).toBeNull();
  });

  it('rejects a file whose sector chain loops', () => {
    const bytes = buildCompoundFile({ Big: new Uint8Array(5000) });
    // Point the FAT entry of the directory sector (sector 1) at itself.
    new DataView(bytes.buffer).setUint32(512 + 4, 1, true);
    expect(() => openCompoundFile(bytes)).toThrow();
  });
});

describe('Word 97–2003 (.doc)', () => {
  const doc = () =>
    buildDoc([
      { text: `ID ${ID}\r`, compressed: true },
      { text: '申请人张三，手机13812345678\r' },
      { text: '\u0013 HYPERLINK "mailto:hidden@example.cn" \u0014visible@example.cn\u0015\r' },
      { text: 'A1\u0007B1\u0007\r', compressed: true },
      { text: 'Price \u0080 5\r', compressed: true },
    ]);

  it('is recognised by its WordDocument stream', () => {
    expect(sniffType(doc())).toBe('doc');
  });

  it('reads compressed (Windows-1252) and UTF-16 pieces, dropping field instructions', async () => {
    expect(await extractText(doc(), 'doc')).toBe(
      `ID ${ID}\n申请人张三，手机13812345678\nvisible@example.cn\nA1\tB1\t\nPrice € 5\n`,
    );
  });

  it('rejects an encrypted document', async () => {
    const error = await extractText(buildDoc([{ text: 'x' }], { flags: 0x0200 | 0x0100 }), 'doc').catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).reason).toBe('encrypted');
  });
});

describe('Excel 97–2003 (.xls)', () => {
  const cells = [
    { row: 0, col: 0, sst: 0 },
    { row: 0, col: 1, sst: 1 },
    { row: 1, col: 0, sst: 2 },
    { row: 1, col: 1, sst: 3 },
    { row: 1, col: 2, number: 13812345678 },
    { row: 2, col: 0, label: '行内文字' },
    { row: 2, col: 1, rk: 42 },
  ];
  const sst = ['姓名', '身份证号', '张三', ID, 'unused 13900002222'];

  it('is recognised by its Workbook stream', () => {
    expect(sniffType(buildXls({ sst, cells }))).toBe('xls');
  });

  it.each([
    ['one SST record', 8224],
    ['SST split into CONTINUE records inside strings', 7],
  ])('reads cells row by row (%s)', async (_label, maxRecord) => {
    expect(await extractText(buildXls({ sst, cells, maxRecord }), 'xls')).toBe(
      `姓名\t身份证号\n张三\t${ID}\t13812345678\n行内文字\t42\n\nunused 13900002222`,
    );
  });

  it('rejects an encrypted workbook', async () => {
    const error = await extractText(buildXls({ sst, cells, encrypted: true }), 'xls').catch((e) => e);
    expect((error as ExtractError).reason).toBe('encrypted');
  });

  it('rejects a workbook without a Workbook stream', async () => {
    const error = await extractText(buildCompoundFile({ Other: new Uint8Array(10) }), 'xls').catch((e) => e);
    expect((error as ExtractError).reason).toBe('corrupt');
  });
});
