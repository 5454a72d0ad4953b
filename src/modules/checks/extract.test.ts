import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { DOCUMENT_TYPE_LABELS, type DocumentType, ExtractError, extractText, sniffType } from './extract.js';
import { scanText } from './findings.js';
import {
  buildCompoundFile,
  buildDocx,
  buildPdf,
  buildXlsx,
  pdfLine,
  textPdf,
  wordHeader,
  wordParagraph,
} from './test-files.fixture.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const ID = '11010519491231002X';

const docx = () =>
  buildDocx([wordParagraph('关于张三申请公开的答复'), wordParagraph(`身份证号：${ID}`)].join(''), {
    extraParts: { 'word/header1.xml': wordHeader(wordParagraph('页眉：联系人手机13812345678')) },
  });
const xlsx = () =>
  buildXlsx({
    sharedStrings: ['姓名', '身份证号', '张三', ID],
    sheets: [
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>13812345678</v></c></row>',
    ],
  });
const pdf = () => textPdf([[`ID ${ID}`, '申请人张三']]);
const png = () =>
  Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('sniffType', () => {
  it.each<[string, () => Uint8Array, DocumentType | null]>([
    ['PDF', pdf, 'pdf'],
    ['PDF after leading junk', () => new Uint8Array([...utf8('\r\n\r\n'), ...pdf()]), 'pdf'],
    ['DOCX', docx, 'docx'],
    [
      'DOCX with its main part elsewhere',
      () => buildDocx(wordParagraph('x'), { mainPart: 'word/document2.xml' }),
      'docx',
    ],
    ['XLSX', xlsx, 'xlsx'],
    ['PNG header', png, 'png'],
    ['JPEG', () => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]), 'jpeg'],
    ['GIF', () => utf8('GIF89a\x01\x00\x01\x00'), 'gif'],
    ['WebP', () => utf8('RIFF\x24\x00\x00\x00WEBPVP8 '), 'webp'],
    ['a text file named .pdf', () => utf8('这不是 PDF，只是改了扩展名的文本文件。'), null],
    ['an empty file', () => new Uint8Array(0), null],
    [
      'a zip that is neither',
      () => zipSync({ 'readme.txt': utf8('hello'), 'data/a.xml': utf8('<a/>') }),
      null,
    ],
    ['a broken zip', () => utf8('PK\x03\x04 broken'), null],
    ['a compound file of neither kind', () => buildCompoundFile({ PowerPoint: new Uint8Array(100) }), null],
    [
      'password-protected DOCX (EncryptedPackage)',
      () => buildCompoundFile({ EncryptionInfo: new Uint8Array(10), EncryptedPackage: new Uint8Array(5000) }),
      null,
    ],
  ])('%s → %s', (_label, build, expected) => {
    expect(sniffType(build())).toBe(expected);
  });
});

describe('extractText', () => {
  it('reads a DOCX body and header', async () => {
    const text = await extractText(docx(), 'docx');
    expect(text).toBe(`关于张三申请公开的答复\n身份证号：${ID}\n\n页眉：联系人手机13812345678\n`);
    expect(
      scanText(text, { sensitiveWords: [], officialContacts: [], today: '2026-11-22' }).map((f) => f.kind),
    ).toEqual(['idNumber', 'mobile']);
  });

  it('joins split runs, keeps tabs, breaks and tracked deletions, skips VML fallbacks and field codes', async () => {
    const body =
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t>身份证号1101051949</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>1231002X</w:t></w:r>' +
      '<w:r><w:tab/><w:t>A&amp;B</w:t><w:br/><w:t>&#x7B2C;二行</w:t></w:r></w:p>' +
      '<w:p><w:del><w:r><w:delText>删除的13812345678</w:delText></w:r></w:del></w:p>' +
      '<w:p><w:r><w:instrText> HYPERLINK "mailto:x@y.cn" </w:instrText></w:r></w:p>' +
      '<w:p><mc:AlternateContent xmlns:mc="mc"><mc:Choice Requires="wps"><w:r><w:t>文本框</w:t></w:r></mc:Choice>' +
      '<mc:Fallback><w:r><w:t>文本框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>';
    expect(await extractText(buildDocx(body), 'docx')).toBe(
      `身份证号${ID}\tA&B\n第二行\n删除的13812345678\n\n文本框\n`,
    );
  });

  it('reads an XLSX row by row with numbers, inline strings and unused shared strings', async () => {
    expect(await extractText(xlsx(), 'xlsx')).toBe(`姓名\t身份证号\n张三\t${ID}\t13812345678`);
    const inline = buildXlsx({
      sharedStrings: ['未被引用的13900002222'],
      sheets: [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>行内</t></is></c><c r="B1" t="str"><f>A1</f><v>公式</v></c></row>',
      ],
    });
    expect(await extractText(inline, 'xlsx')).toBe('行内\t公式\n\n未被引用的13900002222');
  });

  it('reads a hand-written PDF', async () => {
    const text = await extractText(pdf(), 'pdf');
    expect(text).toContain(`ID ${ID}`);
    expect(text).toContain('申请人张三');
    expect(scanText(text, { sensitiveWords: [], officialContacts: [], today: '2026-11-22' })).toHaveLength(1);
  });

  it('reads every page of a PDF', async () => {
    const text = await extractText(textPdf([['page one'], ['page two'], ['13812345678']]), 'pdf');
    expect(text.split('\n').filter(Boolean)).toEqual(['page one', 'page two', '13812345678']);
  });

  it.each<DocumentType>(['png', 'jpeg', 'gif', 'webp'])('gives no text for %s images', async (type) => {
    expect(await extractText(png(), type)).toBe('');
  });

  it.each<[string, Uint8Array, DocumentType, ExtractError['reason']]>([
    ['a truncated PDF', pdf().slice(0, 60), 'pdf', 'corrupt'],
    ['text claimed to be a PDF', utf8('hello'), 'pdf', 'corrupt'],
    ['a password-protected PDF', buildPdf([pdfLine('secret', 800)], { encrypted: true }), 'pdf', 'encrypted'],
    ['a broken DOCX', utf8('PK\x03\x04 broken'), 'docx', 'corrupt'],
    ['a zip without a Word document', zipSync({ 'a.txt': utf8('a') }), 'docx', 'corrupt'],
    ['a broken XLSX', utf8('not a zip'), 'xlsx', 'corrupt'],
    [
      'a password-protected DOCX',
      buildCompoundFile({ EncryptionInfo: new Uint8Array(10), EncryptedPackage: new Uint8Array(5000) }),
      'docx',
      'encrypted',
    ],
    ['a broken .doc', utf8('\xd0\xcf\x11\xe0 not really'), 'doc', 'corrupt'],
  ])('rejects %s with a Chinese message', async (_label, bytes, type, reason) => {
    const error = await extractText(bytes, type).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect(error).toBeInstanceOf(AppError);
    expect((error as ExtractError).reason).toBe(reason);
    expect((error as ExtractError).code).toBe('refused');
    expect((error as ExtractError).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads a 2 MB PDF of many pages', { timeout: 120_000 }, async () => {
    const pages = Array.from({ length: 200 }, (_p, n) =>
      Array.from(
        { length: 56 },
        (_l, i) => `Page ${n + 1} line ${i + 1}: ${'lorem ipsum dolor sit amet '.repeat(5)}`,
      ),
    );
    pages[150]![10] = `ID ${ID}`;
    const bytes = textPdf(pages);
    expect(bytes.length).toBeGreaterThan(2_000_000);
    expect(sniffType(bytes)).toBe('pdf');
    const text = await extractText(bytes, 'pdf');
    expect(text).toContain('Page 200 line 56');
    expect(scanText(text, { sensitiveWords: [], officialContacts: [], today: '2026-11-22' })).toHaveLength(1);
  });

  it('labels every type in Chinese', () => {
    expect(DOCUMENT_TYPE_LABELS.pdf).toBe('PDF 文档');
    expect(DOCUMENT_TYPE_LABELS.docx).toBe('Word 文档');
    for (const label of Object.values(DOCUMENT_TYPE_LABELS)) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });
});
