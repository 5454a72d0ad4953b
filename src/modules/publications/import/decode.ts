/**
 * Text of an uploaded CSV or JSON file. Archives come from Excel and older CMSs as UTF-8 (with or
 * without a BOM), as GBK/GB18030 (Excel's "CSV" on Chinese Windows), or as UTF-16 ("Unicode text").
 * A BOM decides; otherwise strict UTF-8 is tried first — Chinese GBK text is almost never valid
 * UTF-8 — and GB18030 (a superset of GBK) is the fallback.
 */

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type Decoded = { text: string; encoding: TextEncoding } | { error: string };

const startsWith = (b: Uint8Array, ...sig: number[]) => sig.every((x, i) => b[i] === x);

function decode(bytes: Uint8Array, encoding: TextEncoding, skip: number): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip));
  } catch {
    return null;
  }
}

export function decodeText(bytes: Uint8Array): Decoded {
  const bom: [TextEncoding, number][] = [];
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) bom.push(['utf-8', 3]);
  else if (startsWith(bytes, 0xff, 0xfe)) bom.push(['utf-16le', 2]);
  else if (startsWith(bytes, 0xfe, 0xff)) bom.push(['utf-16be', 2]);
  const tries: [TextEncoding, number][] = bom.length
    ? bom
    : [
        ['utf-8', 0],
        ['gb18030', 0],
      ];
  for (const [encoding, skip] of tries) {
    const text = decode(bytes, encoding, skip);
    if (text !== null) return { text, encoding };
  }
  return { error: '无法识别文件的字符编码，请另存为UTF-8或GBK编码后重试' };
}
