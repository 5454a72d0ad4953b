/**
 * Text of Word 97–2003 documents ([MS-DOC]). The FIB at the start of the WordDocument stream points
 * (fcClx/lcbClx) at the Clx in the table stream, whose piece table maps the document's characters to
 * runs of bytes: UTF-16LE, or "compressed" one-byte Windows-1252 (§2.4.1). All stories are in it, so
 * headers, footnotes, comments and text boxes come out too. Field instructions (between 0x13 and
 * 0x14) are dropped and field results kept, as Word displays them.
 */
import type { CompoundFile } from './cfb.js';
import { ExtractError } from './extract-error.js';

const FIB_MAGIC = 0xa5ec;
const NFIB_WORD97 = 0x00c1;
const F_ENCRYPTED = 0x0100;
const F_WHICH_TBL_STM = 0x0200;
const F_OBFUSCATED = 0x8000;
/** fcClx is the 34th fc/lcb pair of FibRgFcLcb97. */
const CLX_PAIR = 33;

export function docText(file: CompoundFile): string {
  const word = file.read('WordDocument');
  if (!word || word.length < 32) throw new ExtractError('corrupt');
  const view = new DataView(word.buffer, word.byteOffset, word.byteLength);
  if (view.getUint16(0, true) !== FIB_MAGIC) throw new ExtractError('corrupt');
  if (view.getUint16(2, true) < NFIB_WORD97) {
    throw new ExtractError(
      'unsupported',
      '暂不支持 Word 95 及更早版本的文档，请另存为 .docx 或 PDF 后上传。',
    );
  }
  const flags = view.getUint16(0x0a, true);
  if (flags & (F_ENCRYPTED | F_OBFUSCATED)) throw new ExtractError('encrypted');
  const table = file.read(flags & F_WHICH_TBL_STM ? '1Table' : '0Table');
  if (!table) throw new ExtractError('corrupt');

  // FibBase (32 bytes), then three length-prefixed arrays: fibRgW, fibRgLw, fibRgFcLcb.
  let at = 32;
  at += 2 + view.getUint16(at, true) * 2;
  at += 2 + view.getUint16(at, true) * 4;
  if (view.getUint16(at, true) <= CLX_PAIR) throw new ExtractError('corrupt');
  const fcClx = view.getUint32(at + 2 + CLX_PAIR * 8, true);
  const lcbClx = view.getUint32(at + 2 + CLX_PAIR * 8 + 4, true);
  const raw = pieceText(word, table.subarray(fcClx, fcClx + lcbClx));
  return cleanText(raw);
}

function pieceText(word: Uint8Array, clx: Uint8Array): string {
  const view = new DataView(clx.buffer, clx.byteOffset, clx.byteLength);
  let at = 0;
  while (clx[at] === 0x01) at += 3 + view.getInt16(at + 1, true); // Prc: property modifiers, skipped
  if (clx[at] !== 0x02) throw new ExtractError('corrupt');
  const lcb = view.getUint32(at + 1, true);
  const plc = at + 5;
  const n = (lcb - 4) / 12;
  if (!Number.isInteger(n) || n < 0 || plc + lcb > clx.length) throw new ExtractError('corrupt');
  const utf16 = new TextDecoder('utf-16le');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const count = view.getUint32(plc + 4 * (i + 1), true) - view.getUint32(plc + 4 * i, true);
    const fcCompressed = view.getUint32(plc + 4 * (n + 1) + 8 * i + 2, true);
    const compressed = (fcCompressed & 0x40000000) !== 0;
    const fc = fcCompressed & 0x3fffffff;
    const start = compressed ? fc / 2 : fc;
    const end = start + (compressed ? count : count * 2);
    if (count < 0 || end > word.length) throw new ExtractError('corrupt');
    const bytes = word.subarray(start, end);
    out.push(compressed ? decodeCompressed(bytes) : utf16.decode(bytes));
  }
  return out.join('');
}

/**
 * Bytes 0x80–0x9F of Windows-1252 ([MS-DOC] §2.4.1 lists the same mapping); every other byte is
 * its own code point. Written out because Node's TextDecoder treats windows-1252 as Latin-1.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeCompressed(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Word's control characters to plain text; field instructions dropped (nested fields allowed). */
function cleanText(raw: string): string {
  let out = '';
  const fields: boolean[] = []; // per open field: still in its instruction part?
  for (const c of raw) {
    if (c === '\u0013') fields.push(true);
    else if (c === '\u0014') {
      if (fields.length > 0) fields[fields.length - 1] = false;
    } else if (c === '\u0015') fields.pop();
    else if (fields.includes(true)) continue;
    else if (c === '\r' || c === '\u000b' || c === '\u000c' || c === '\u000e') out += '\n';
    else if (c === '\u0007') out += '\t';
    else if (c === '\u001e') out += '-';
    else if (c === '\t' || c >= ' ') out += c;
  }
  return out;
}
