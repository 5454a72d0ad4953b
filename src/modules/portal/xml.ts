/**
 * Writing XML (feeds, sitemaps) safely, by hand: every text and attribute value goes through
 * `xmlText`, which escapes the five markup characters and drops what XML 1.0 forbids in a
 * document — C0 controls other than tab, newline and carriage return, lone surrogates, U+FFFE and
 * U+FFFF (§2.2 Char) — and the C1 controls it discourages. Titles typed or imported by staff can
 * hold any of these (a vertical tab pasted from Word is common); one of them would make the whole
 * feed unreadable to a strict parser.
 */

const NOT_XML_CHAR = /[^\t\n\r\x20-\x7e\xa0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const MARKUP: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an element or a quoted attribute. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => MARKUP[c]!);
}

/** `<name attr="…">text</name>`, text and attribute values escaped; `<name/>` when text is empty. */
export function element(name: string, text: string | null, attrs: Record<string, string> = {}): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlText(v)}"`)
    .join('');
  return text === null || text === '' ? `<${name}${a}/>` : `<${name}${a}>${xmlText(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
