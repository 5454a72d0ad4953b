/**
 * Text folding shared by the detectors. Every fold maps one UTF-16 code unit to one code unit, so an
 * offset in the folded text is the same offset in the original: findings can point into the text the
 * caller gave us without any offset table.
 */

/**
 * Full-width ASCII forms (U+FF01–U+FF5E: ０–９, Ａ–Ｚ, ＠, －, …) become their ASCII counterparts and
 * the ideographic space (U+3000) and no-break space (U+00A0) become a plain space. Chinese documents
 * often type digits and e-mail addresses in full width ("１３８１２３４５６７８", "zhang＠example.cn").
 */
export function foldWidth(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let mapped = -1;
    if (c >= 0xff01 && c <= 0xff5e) mapped = c - 0xfee0;
    else if (c === 0x3000 || c === 0x00a0) mapped = 0x20;
    if (mapped >= 0) {
      out += text.slice(copiedUpTo, i) + String.fromCharCode(mapped);
      copiedUpTo = i + 1;
    }
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** Lower-cases ASCII letters only (toLowerCase would change the length of some non-ASCII letters). */
export function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** Width and case folded: the form sensitive words and e-mail addresses are compared in. */
export function foldForMatching(text: string): string {
  return foldAsciiCase(foldWidth(text));
}

/**
 * Regex fragments for "this number stands on its own". A digit or ASCII letter right next to a
 * candidate makes it part of a longer token (an order number, a 20-digit serial, the agency code in
 * a 索引号 such as `11510100DEMO00001X/2026-00012`), and so does a joiner (`-`, `.`, `_`) with a digit
 * on its other side (`2025-13812345678`, `3.13812345678`). After a letter a joiner is punctuation
 * ("No.6222…", "Tel-138…") and the number still stands alone. A slash is not a joiner:
 * "13812345678/13987654321" is a common way to list two numbers. Chinese characters and punctuation
 * are boundaries: "身份证号110105194912310021，" matches, "ID110105194912310021" does not.
 */
export const LEFT_BOUNDARY = '(?<![0-9A-Za-z])(?<![0-9][-._])';
export const RIGHT_BOUNDARY = '(?![0-9A-Za-z])(?![-._][0-9])';
/** For numbers written in groups: a further group after a space continues the run too. */
export const LEFT_GROUP_BOUNDARY = `${LEFT_BOUNDARY}(?<![0-9] )`;
export const RIGHT_GROUP_BOUNDARY = `${RIGHT_BOUNDARY}(?! [0-9])`;

export function digitsOnly(text: string): string {
  return text.replace(/[^0-9]/g, '');
}
