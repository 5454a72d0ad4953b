/**
 * How each kind of finding is masked, both for the finding's `display` (so a finding can be logged
 * and audited, ADR 0006) and for one-click masking of the document text. Separators and the width
 * of the characters kept are left as they were.
 */
import type { FindingKind } from './findings.js';

const DIGIT = /[0-9０-９]/;

/** Replaces with `*` the digits whose index among the digits of `text` satisfies `hide`. */
function maskDigits(text: string, hide: (index: number, count: number) => boolean): string {
  const count = [...text].filter((c) => DIGIT.test(c)).length;
  let index = 0;
  let out = '';
  for (const c of text) {
    if (DIGIT.test(c)) {
      out += hide(index, count) ? '*' : c;
      index++;
    } else out += c;
  }
  return out;
}

/** 110105194912310021 → 110***********0021: the first 3 and last 4 characters stay. */
function maskIdNumber(text: string): string {
  return text.slice(0, 3) + '*'.repeat(Math.max(0, text.length - 7)) + text.slice(-4);
}

/** Every digit but the last four: 6222 0212 3456 7890 → **** **** **** 7890. */
function maskBankCard(text: string): string {
  return maskDigits(text, (i, n) => i < n - 4);
}

/** Digits 4–7 of the 11-digit national number: +86 138-1234-5678 → +86 138-****-5678. */
function maskMobile(text: string): string {
  return maskDigits(text, (i, n) => {
    const national = i - (n - 11);
    return national >= 3 && national <= 6;
  });
}

/** The local part but its first character: zhangsan@example.cn → z***@example.cn. */
function maskEmail(text: string): string {
  const at = Math.max(text.lastIndexOf('@'), text.lastIndexOf('＠'));
  const local = [...text.slice(0, at)];
  return `${local.length >= 2 ? local[0] : ''}***${text.slice(at)}`;
}

/** Every character, one ＊ each. */
function maskWord(text: string): string {
  return '＊'.repeat([...text].length);
}

export function maskMatch(kind: FindingKind, text: string): string {
  switch (kind) {
    case 'idNumber':
      return maskIdNumber(text);
    case 'bankCard':
      return maskBankCard(text);
    case 'mobile':
      return maskMobile(text);
    case 'email':
      return maskEmail(text);
    case 'sensitiveWord':
      return maskWord(text);
  }
}

/**
 * What a finding shows. Personal data as masked above; a sensitive word by its first character only
 * (法＊＊), enough for the editor to find it without the list being copied into logs.
 */
export function displayMatch(kind: FindingKind, text: string): string {
  if (kind !== 'sensitiveWord') return maskMatch(kind, text);
  const chars = [...text];
  return chars.length <= 1 ? '＊' : chars[0] + '＊'.repeat(chars.length - 1);
}
