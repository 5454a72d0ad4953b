/**
 * Text of Excel 97–2003 workbooks (BIFF8, [MS-XLS]) from the Workbook stream's records: the shared
 * string table (SST, continued in CONTINUE records, where a string's characters may switch between
 * one- and two-byte form at each record boundary, §2.5.293), and per sheet the cells — LABELSST,
 * LABEL, NUMBER, RK, MULRK and the cached results of FORMULA/STRING. Cells come out row by row, tab
 * separated, sheets separated by a blank line; shared strings no cell uses come last.
 */
import type { CompoundFile } from './cfb.js';
import { ExtractError } from './extract-error.js';

const R = {
  FORMULA: 0x0006,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  CONTINUE: 0x003c,
  MULRK: 0x00bd,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  NUMBER: 0x0203,
  LABEL: 0x0204,
  STRING: 0x0207,
  RK: 0x027e,
  BOF: 0x0809,
} as const;
const BIFF8 = 0x0600;

interface Record_ {
  type: number;
  data: Uint8Array;
}

export function xlsText(file: CompoundFile): string {
  const book = file.read('Workbook');
  if (!book) {
    if (file.streams.includes('Book')) {
      throw new ExtractError('unsupported', '暂不支持 Excel 95 及更早版本的表格，请另存为 .xlsx 后上传。');
    }
    throw new ExtractError('corrupt');
  }
  const records = readRecords(book);
  if (records[0]?.type !== R.BOF || u16(records[0].data, 0) !== BIFF8) {
    throw new ExtractError('unsupported', '暂不支持 Excel 95 及更早版本的表格，请另存为 .xlsx 后上传。');
  }
  let shared: string[] = [];
  const used = new Set<number>();
  const sheets: string[] = [];
  let rows: string[] = [];
  let cells: string[] = [];
  let row = -1;
  const cell = (r: number, text: string) => {
    if (r !== row && cells.length > 0) {
      rows.push(cells.join('\t'));
      cells = [];
    }
    row = r;
    if (text !== '') cells.push(text);
  };
  for (let i = 0; i < records.length; i++) {
    const { type, data } = records[i]!;
    switch (type) {
      case R.FILEPASS:
        throw new ExtractError('encrypted');
      case R.SST: {
        const segments = [data.subarray(8)];
        while (records[i + 1]?.type === R.CONTINUE) segments.push(records[++i]!.data);
        shared = readSst(segments, u32(data, 4));
        break;
      }
      case R.LABELSST:
        used.add(u32(data, 6));
        cell(u16(data, 0), shared[u32(data, 6)] ?? '');
        break;
      case R.LABEL:
        cell(u16(data, 0), readShortString(data, 6));
        break;
      case R.STRING:
        cell(row, readShortString(data, 0));
        break;
      case R.NUMBER:
        cell(u16(data, 0), String(f64(data, 6)));
        break;
      case R.RK:
        cell(u16(data, 0), String(rkValue(u32(data, 6))));
        break;
      case R.MULRK:
        for (let at = 4; at + 6 <= data.length - 2; at += 6)
          cell(u16(data, 0), String(rkValue(u32(data, at + 2))));
        break;
      case R.FORMULA:
        // A number result unless the top two bytes are 0xFFFF (then a STRING record may follow).
        if (u16(data, 12) !== 0xffff) cell(u16(data, 0), String(f64(data, 6)));
        else row = u16(data, 0);
        break;
      case R.EOF:
        if (cells.length > 0) rows.push(cells.join('\t'));
        if (rows.length > 0) sheets.push(rows.join('\n'));
        rows = [];
        cells = [];
        row = -1;
        break;
    }
  }
  const unused = shared.filter((_s, i) => !used.has(i));
  return [...sheets, unused.join('\n')].filter((t) => t.trim() !== '').join('\n\n');
}

function readRecords(stream: Uint8Array): Record_[] {
  const out: Record_[] = [];
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = u16(stream, at);
    const length = u16(stream, at + 2);
    if (at + 4 + length > stream.length) break;
    out.push({ type, data: stream.subarray(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  return out;
}

/** XLUnicodeString: cch (2 bytes), fHighByte flag (1 byte), the characters. */
function readShortString(data: Uint8Array, at: number): string {
  if (at + 3 > data.length) return '';
  const cch = u16(data, at);
  const high = (data[at + 2]! & 0x01) !== 0;
  const bytes = data.subarray(at + 3, at + 3 + cch * (high ? 2 : 1));
  return decodeChars(bytes, high);
}

/**
 * The SST's XLUnicodeRichExtendedStrings across the SST and its CONTINUE records. A short or
 * inconsistent table yields the strings read so far rather than an error.
 */
function readSst(segments: Uint8Array[], count: number): string[] {
  const strings: string[] = [];
  let seg = 0;
  let pos = 0;
  const current = () => {
    while (seg < segments.length && pos >= segments[seg]!.length) {
      seg++;
      pos = 0;
    }
    const s = segments[seg];
    if (!s) throw new RangeError('SST ended early');
    return s;
  };
  const byte = () => current()[pos++]!;
  const skip = (n: number) => {
    for (let left = n; left > 0; ) {
      const take = Math.min(left, current().length - pos);
      pos += take;
      left -= take;
    }
  };
  try {
    for (let i = 0; i < count; i++) {
      const cch = byte() | (byte() << 8);
      const flags = byte();
      let high = (flags & 0x01) !== 0;
      const runs = flags & 0x08 ? byte() | (byte() << 8) : 0;
      const ext = flags & 0x04 ? (byte() | (byte() << 8) | (byte() << 16) | (byte() << 24)) >>> 0 : 0;
      let text = '';
      for (let left = cch; left > 0; ) {
        let s = segments[seg]!;
        if (pos >= s.length) {
          // Characters continue in the next record, which starts with a new fHighByte flag.
          seg++;
          pos = 0;
          s = current();
          high = (s[pos++]! & 0x01) !== 0;
        }
        const width = high ? 2 : 1;
        const take = Math.min(left, Math.floor((s.length - pos) / width));
        if (take === 0) throw new RangeError('string split inside a character');
        text += decodeChars(s.subarray(pos, pos + take * width), high);
        pos += take * width;
        left -= take;
      }
      skip(runs * 4 + ext);
      strings.push(text);
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return strings;
}

function u16(data: Uint8Array, at: number): number {
  return (data[at] ?? 0) | ((data[at + 1] ?? 0) << 8);
}

function u32(data: Uint8Array, at: number): number {
  return (u16(data, at) | (u16(data, at + 2) << 16)) >>> 0;
}

function f64(data: Uint8Array, at: number): number {
  if (at + 8 > data.length) return Number.NaN;
  return new DataView(data.buffer, data.byteOffset + at, 8).getFloat64(0, true);
}

/** RkNumber (§2.5.217): a 30-bit integer or the top 30 bits of a double, optionally ÷100. */
function rkValue(rk: number): number {
  let value: number;
  if (rk & 0x02) value = (rk | 0) >> 2;
  else {
    const double = new DataView(new ArrayBuffer(8));
    double.setUint32(4, rk & 0xfffffffc, true);
    value = double.getFloat64(0, true);
  }
  return rk & 0x01 ? value / 100 : value;
}

const UTF16 = new TextDecoder('utf-16le');

/** Two-byte characters as UTF-16LE; "compressed" one-byte characters are U+0000–U+00FF. */
function decodeChars(bytes: Uint8Array, high: boolean): string {
  if (high) return UTF16.decode(bytes);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}
