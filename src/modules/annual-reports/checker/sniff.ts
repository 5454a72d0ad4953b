/**
 * What kind of file the bytes are (by content, the file name only breaks ties) and how text files decode:
 * UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK as many government sites still serve.
 */
export type InputKind = 'pdf' | 'docx-or-zip' | 'ole' | 'html' | 'text' | 'binary';

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

export function sniffKind(bytes: Uint8Array, fileName = ''): InputKind {
  const head = bytes.subarray(0, 1024);
  const pdfAt = Buffer.from(head).indexOf('%PDF-');
  if (pdfAt >= 0 && pdfAt < 1024) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return 'docx-or-zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  const text = decodeText(bytes.subarray(0, 64 * 1024), true);
  if (text === null) return 'binary';
  const start = text.replace(/^\s+/, '').slice(0, 512).toLowerCase();
  if (/^<(!doctype\s+html|html|head|body|meta|div|table|p[\s>]|\?xml[^>]*>\s*<html)/.test(start))
    return 'html';
  if (/\.html?$/i.test(fileName) && /<[a-z]/i.test(text)) return 'html';
  if (/<table[\s>]/i.test(text) && /<\/t[dr]>/i.test(text)) return 'html';
  return 'text';
}

function looksBinary(s: string): boolean {
  let bad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad > Math.max(8, s.length / 200);
}

/**
 * Decodes text; null when the bytes are not text. `partial` tolerates a multi-byte character cut at the end.
 */
export function decodeText(bytes: Uint8Array, partial = false, charsetHint?: string): string | null {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes);
  const hinted = charsetHint && /gb|936/i.test(charsetHint) ? 'gb18030' : null;
  if (!hinted) {
    try {
      const s = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
      return looksBinary(s) ? null : s.replace(/^\ufeff/, '');
    } catch {
      // not UTF-8: try GB18030 below
    }
  }
  const s = new TextDecoder('gb18030').decode(bytes, { stream: partial });
  return looksBinary(s) ? null : s;
}

/** The charset an HTML document declares in its first bytes, if any. */
export function htmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
}
