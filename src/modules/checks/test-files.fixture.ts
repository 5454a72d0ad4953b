/**
 * Small documents built in code for the extraction tests, so that no binary fixture is committed:
 * PDFs written by hand (xref offsets computed), DOCX/XLSX zipped with fflate, and .doc/.xls inside a
 * minimal compound-file writer. Each builder writes the least its reader needs, in the layout the
 * specifications describe.
 */
import { zipSync } from 'fflate';

const utf8 = (s: string) => new TextEncoder().encode(s);

// ---------------------------------------------------------------------------------------------- PDF

/** A text line in a content stream: Helvetica (F1) for ASCII, or STSong-Light (F2, UCS-2) for CJK. */
export function pdfLine(text: string, y: number): string {
  if (/^[\x20-\x7e]*$/.test(text)) {
    return `BT /F1 11 Tf 50 ${y} Td (${text.replace(/[\\()]/g, '\\$&')}) Tj ET`;
  }
  const hex = [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  return `BT /F2 11 Tf 50 ${y} Td <${hex}> Tj ET`;
}

/** A PDF whose pages have the given content streams (ASCII). `encrypted` adds a user password. */
export function buildPdf(pageContents: string[], opts: { encrypted?: boolean } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const firstPage = 5;
  const kids = pageContents.map((_c, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pageContents.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts ' +
      '[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ' +
      '/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 ' +
      '/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>',
  );
  for (const [i, content] of pageContents.entries()) {
    if ([...content].some((c) => c.charCodeAt(0) > 0x7f)) throw new Error('content streams must be ASCII');
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${firstPage + 2 * i + 1} 0 R >>`,
    );
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  let encryptRef = '';
  if (opts.encrypted) {
    const hex32 = (seed: number) =>
      Array.from({ length: 32 }, (_v, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
    add(`<< /Filter /Standard /V 1 /R 2 /O <${hex32(1)}> /U <${hex32(2)}> /P -44 >>`);
    encryptRef = ` /Encrypt ${objects.length} 0 R /ID [<${hex32(3).slice(0, 32)}> <${hex32(3).slice(0, 32)}>]`;
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encryptRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  return utf8(out);
}

/** One page per entry, each line of text on its own row. */
export function textPdf(pages: string[][]): Uint8Array {
  return buildPdf(pages.map((lines) => lines.map((l, i) => pdfLine(l, 800 - 14 * i)).join('\n')));
}

// --------------------------------------------------------------------------------------------- OOXML

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A paragraph of one run. */
export const wordParagraph = (text: string) =>
  `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

/** A DOCX with the given body XML (e.g. wordParagraph(…) joined) and any extra parts. */
export function buildDocx(
  bodyXml: string,
  opts: { mainPart?: string; extraParts?: Record<string, string> } = {},
): Uint8Array {
  const main = opts.mainPart ?? 'word/document.xml';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': utf8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
        '</Types>',
    ),
    '_rels/.rels': utf8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="${main}"/></Relationships>`,
    ),
    [main]: utf8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${bodyXml}</w:body></w:document>`,
    ),
  };
  for (const [name, xml] of Object.entries(opts.extraParts ?? {})) files[name] = utf8(xml);
  return zipSync(files);
}

/** A header or footer part. */
export const wordHeader = (bodyXml: string) => `<w:hdr xmlns:w="${W}">${bodyXml}</w:hdr>`;

/** An XLSX; each sheet is the inner XML of <sheetData>. */
export function buildXlsx(opts: { sharedStrings: string[]; sheets: string[] }): Uint8Array {
  const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': utf8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    '_rels/.rels': utf8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': utf8(
      `<workbook xmlns="${S}" xmlns:r="${REL}"><sheets>` +
        opts.sheets
          .map((_s, i) => `<sheet name="Sheet${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('') +
        '</sheets></workbook>',
    ),
    'xl/sharedStrings.xml': utf8(
      `<sst xmlns="${S}" count="${opts.sharedStrings.length}" uniqueCount="${opts.sharedStrings.length}">` +
        opts.sharedStrings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') +
        '</sst>',
    ),
  };
  for (const [i, sheetData] of opts.sheets.entries()) {
    files[`xl/worksheets/sheet${i + 1}.xml`] = utf8(
      `<worksheet xmlns="${S}"><sheetData>${sheetData}</sheetData></worksheet>`,
    );
  }
  return zipSync(files);
}

// ---------------------------------------------------------------------------- Compound files (MS-CFB)

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const FAT_SECTOR = 0xfffffffd;

/**
 * A version 3 compound file (512-byte sectors) whose root holds the given streams. Streams under
 * 4096 bytes go to the mini stream, as MS-CFB requires, so the reader's both paths are exercised.
 */
export function buildCompoundFile(streams: Record<string, Uint8Array>): Uint8Array {
  const entries = Object.entries(streams);
  const pad = (n: number, size: number) => Math.ceil(n / size) * size;
  // Mini stream: small streams back to back in 64-byte mini sectors.
  const miniFat: number[] = [];
  const miniStarts = new Map<string, number>();
  let mini = new Uint8Array(0);
  for (const [name, data] of entries) {
    if (data.length >= 4096 || data.length === 0) continue;
    const first = miniFat.length;
    const count = Math.ceil(data.length / 64);
    for (let i = 0; i < count; i++) miniFat.push(i === count - 1 ? END_OF_CHAIN : first + i + 1);
    miniStarts.set(name, first);
    const grown = new Uint8Array(pad(mini.length + data.length, 64));
    grown.set(mini);
    grown.set(data, mini.length);
    mini = grown;
  }
  const dirBytes = pad((entries.length + 1) * 128, 512);
  const runs: Array<{ key: string; bytes: Uint8Array }> = [
    { key: '#dir', bytes: new Uint8Array(dirBytes) },
    { key: '#minifat', bytes: u32s(miniFat, FREE, 512) },
    { key: '#mini', bytes: mini },
    ...entries.filter(([, d]) => d.length >= 4096).map(([name, bytes]) => ({ key: name, bytes })),
  ];
  const sectorsOf = (b: Uint8Array) => Math.ceil(b.length / 512);
  const dataSectors = runs.reduce((n, r) => n + sectorsOf(r.bytes), 0);
  let fatSectors = 1;
  while (fatSectors * 128 < fatSectors + dataSectors) fatSectors++;
  if (fatSectors > 109) throw new Error('fixture too large for a header-only DIFAT');

  const fat: number[] = Array.from({ length: fatSectors }, () => FAT_SECTOR);
  const start = new Map<string, number>();
  for (const r of runs) {
    const n = sectorsOf(r.bytes);
    start.set(r.key, n === 0 ? END_OF_CHAIN : fat.length);
    for (let i = 0; i < n; i++) fat.push(i === n - 1 ? END_OF_CHAIN : fat.length + 1);
  }

  // Directory: the root, then the streams chained through their right siblings.
  const dir = runs[0]!.bytes;
  const dv = new DataView(dir.buffer);
  const writeEntry = (
    i: number,
    name: string,
    type: number,
    right: number,
    child: number,
    first: number,
    size: number,
  ) => {
    const at = i * 128;
    for (const [k, c] of [...name].entries()) dv.setUint16(at + 2 * k, c.charCodeAt(0), true);
    dv.setUint16(at + 64, (name.length + 1) * 2, true);
    dir[at + 66] = type;
    dir[at + 67] = 1; // black
    dv.setUint32(at + 68, FREE, true);
    dv.setUint32(at + 72, right, true);
    dv.setUint32(at + 76, child, true);
    dv.setUint32(at + 116, first, true);
    dv.setUint32(at + 120, size, true);
  };
  for (let i = 0; i < dirBytes / 128; i++) {
    dv.setUint32(i * 128 + 68, FREE, true);
    dv.setUint32(i * 128 + 72, FREE, true);
    dv.setUint32(i * 128 + 76, FREE, true);
  }
  writeEntry(0, 'Root Entry', 5, FREE, entries.length > 0 ? 1 : FREE, start.get('#mini')!, mini.length);
  for (const [i, [name, data]] of entries.entries()) {
    const first =
      data.length === 0 ? END_OF_CHAIN : data.length < 4096 ? miniStarts.get(name)! : start.get(name)!;
    writeEntry(i + 1, name, 2, i + 2 <= entries.length ? i + 2 : FREE, FREE, first, data.length);
  }

  const header = new Uint8Array(512);
  const hv = new DataView(header.buffer);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  hv.setUint16(0x18, 0x3e, true);
  hv.setUint16(0x1a, 3, true);
  hv.setUint16(0x1c, 0xfffe, true);
  hv.setUint16(0x1e, 9, true);
  hv.setUint16(0x20, 6, true);
  hv.setUint32(0x2c, fatSectors, true);
  hv.setUint32(0x30, start.get('#dir')!, true);
  hv.setUint32(0x38, 4096, true);
  hv.setUint32(0x3c, start.get('#minifat')!, true);
  hv.setUint32(0x40, sectorsOf(runs[1]!.bytes), true);
  hv.setUint32(0x44, END_OF_CHAIN, true);
  for (let i = 0; i < 109; i++) hv.setUint32(0x4c + 4 * i, i < fatSectors ? i : FREE, true);

  const body = [
    u32s(fat, FREE, fatSectors * 512),
    ...runs.map((r) => padTo(r.bytes, pad(r.bytes.length, 512))),
  ];
  return concat([header, ...body]);
}

function u32s(values: number[], filler: number, minBytes: number): Uint8Array {
  const length =
    values.length === 0 ? 0 : Math.max(minBytes, Math.ceil((values.length * 4) / minBytes) * minBytes);
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  for (let i = 0; i < length / 4; i++) v.setUint32(i * 4, values[i] ?? filler, true);
  return out;
}

function padTo(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length === length) return bytes;
  const out = new Uint8Array(length);
  out.set(bytes);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// -------------------------------------------------------------------------------------- Word 97 .doc

/**
 * A .doc whose text is the given pieces: `compressed` pieces are stored one byte per character
 * (Windows-1252), the others UTF-16LE. Word's own control characters (\r paragraph end, \x13–\x15
 * fields) may be used in the text.
 */
export function buildDoc(
  pieces: Array<{ text: string; compressed?: boolean }>,
  opts: { flags?: number } = {},
) {
  const fibLength = 32 + 2 + 14 * 2 + 2 + 22 * 4 + 2 + 93 * 8 + 2;
  const textStart = 1024;
  const encoded = pieces.map((p) =>
    p.compressed ? Uint8Array.from([...p.text].map((c) => c.charCodeAt(0))) : utf16le(p.text),
  );
  const word = new Uint8Array(Math.max(5000, textStart + encoded.reduce((n, e) => n + e.length, 0)));
  const wv = new DataView(word.buffer);
  wv.setUint16(0, 0xa5ec, true);
  wv.setUint16(2, 0x00c1, true);
  wv.setUint16(0x0a, opts.flags ?? 0x0200, true); // fWhichTblStm: the table is "1Table"
  let at = 32;
  wv.setUint16(at, 14, true);
  at += 2 + 28;
  wv.setUint16(at, 22, true);
  at += 2 + 88;
  wv.setUint16(at, 93, true);
  const fcLcb = at + 2;
  if (fcLcb + 93 * 8 + 2 !== fibLength) throw new Error('FIB layout');

  // Piece table: CPs, then one 8-byte Pcd per piece.
  const n = pieces.length;
  const plc = new Uint8Array(4 * (n + 1) + 8 * n);
  const pv = new DataView(plc.buffer);
  let cp = 0;
  let fc = textStart;
  for (const [i, p] of pieces.entries()) {
    pv.setUint32(4 * i, cp, true);
    const pcd = 4 * (n + 1) + 8 * i;
    pv.setUint32(pcd + 2, p.compressed ? (fc * 2) | 0x40000000 : fc, true);
    word.set(encoded[i]!, fc);
    cp += [...p.text].length;
    fc += encoded[i]!.length;
  }
  pv.setUint32(4 * n, cp, true);
  const clx = new Uint8Array(5 + plc.length);
  clx[0] = 0x02;
  new DataView(clx.buffer).setUint32(1, plc.length, true);
  clx.set(plc, 5);
  const table = concat([new Uint8Array(16), clx]); // the Clx need not start the table stream
  wv.setUint32(fcLcb + 33 * 8, 16, true);
  wv.setUint32(fcLcb + 33 * 8 + 4, clx.length, true);
  return buildCompoundFile({ WordDocument: word, '1Table': table });
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const v = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) v.setUint16(2 * i, text.charCodeAt(i), true);
  return out;
}

// ------------------------------------------------------------------------------------- Excel 97 .xls

export type XlsCell =
  | { row: number; col: number; sst: number }
  | { row: number; col: number; label: string }
  | { row: number; col: number; number: number }
  | { row: number; col: number; rk: number };

function record(type: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + data.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, type, true);
  v.setUint16(2, data.length, true);
  out.set(data, 4);
  return out;
}

function bof(kind: number): Uint8Array {
  const data = new Uint8Array(16);
  const v = new DataView(data.buffer);
  v.setUint16(0, 0x0600, true);
  v.setUint16(2, kind, true);
  return record(0x0809, data);
}

/**
 * The SST record and its CONTINUE records, at most `maxRecord` bytes of data each, split the way
 * Excel does: a string's header stays whole, and a record that begins inside a string's characters
 * starts with that string's fHighByte flag.
 */
function sst(strings: string[], maxRecord: number): Uint8Array[] {
  const records: number[][] = [];
  let current: number[] = [];
  const head = new DataView(new ArrayBuffer(8));
  head.setUint32(0, strings.length, true);
  head.setUint32(4, strings.length, true);
  current.push(...new Uint8Array(head.buffer));
  const flush = () => {
    records.push(current);
    current = [];
  };
  for (const s of strings) {
    const high = [...s].some((c) => c.charCodeAt(0) > 0xff);
    if (current.length + 3 > maxRecord) flush();
    current.push(s.length & 0xff, s.length >> 8, high ? 1 : 0);
    for (const c of s) {
      const code = c.charCodeAt(0);
      const bytes = high ? [code & 0xff, code >> 8] : [code];
      if (current.length + bytes.length > maxRecord) {
        flush();
        current.push(high ? 1 : 0);
      }
      current.push(...bytes);
    }
  }
  flush();
  return records.map((r, i) => record(i === 0 ? 0x00fc : 0x003c, Uint8Array.from(r)));
}

function cellRecord(cell: XlsCell): Uint8Array {
  const head = (extra: number) => {
    const data = new Uint8Array(6 + extra);
    const v = new DataView(data.buffer);
    v.setUint16(0, cell.row, true);
    v.setUint16(2, cell.col, true);
    return { data, v };
  };
  if ('sst' in cell) {
    const { data, v } = head(4);
    v.setUint32(6, cell.sst, true);
    return record(0x00fd, data);
  }
  if ('label' in cell) {
    const { data, v } = head(3 + cell.label.length * 2);
    v.setUint16(6, cell.label.length, true);
    data[8] = 1;
    data.set(utf16le(cell.label), 9);
    return record(0x0204, data);
  }
  if ('number' in cell) {
    const { data, v } = head(8);
    v.setFloat64(6, cell.number, true);
    return record(0x0203, data);
  }
  const { data, v } = head(4);
  v.setUint32(6, ((cell.rk << 2) | 0x02) >>> 0, true); // an integer RK
  return record(0x027e, data);
}

/** A one-sheet .xls (BIFF8). `encrypted` adds a FILEPASS record; `maxRecord` forces CONTINUEs. */
export function buildXls(opts: { sst: string[]; cells: XlsCell[]; encrypted?: boolean; maxRecord?: number }) {
  const globals = [
    bof(0x0005),
    ...(opts.encrypted ? [record(0x002f, new Uint8Array(6))] : []),
    ...sst(opts.sst, opts.maxRecord ?? 8224),
    record(0x000a, new Uint8Array(0)),
  ];
  const sheet = [bof(0x0010), ...opts.cells.map(cellRecord), record(0x000a, new Uint8Array(0))];
  return buildCompoundFile({ Workbook: concat([...globals, ...sheet]) });
}
