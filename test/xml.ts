/**
 * A tiny strict XML 1.0 reader for tests (the project has no XML parser dependency): it throws on
 * anything not well-formed — a character XML forbids, a bare `&` or `<`, an unknown entity, a
 * mismatched or unclosed tag, a duplicate attribute, text or a second element outside the root —
 * and returns the element tree with entities decoded, so tests can read what a feed reader would.
 * No DTDs (none of our documents has one) and no namespace processing (prefixes stay in names).
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

/** XML 1.0 (fifth edition) NameStartChar, by code point. */
function isNameStart(cp: number): boolean {
  return (
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    cp === 0x5f ||
    cp === 0x3a ||
    (cp >= 0xc0 && cp <= 0x2ff && cp !== 0xd7 && cp !== 0xf7) ||
    (cp >= 0x370 && cp <= 0x1fff && cp !== 0x37e) ||
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0x2070 && cp <= 0x218f) ||
    (cp >= 0x2c00 && cp <= 0x2fef) ||
    (cp >= 0x3001 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfdcf) ||
    (cp >= 0xfdf0 && cp <= 0xfffd)
  );
}

/** NameChar: NameStartChar, digits, '-', '.', U+00B7, combining marks U+0300–036F, U+203F–2040. */
function isNameChar(cp: number): boolean {
  return (
    isNameStart(cp) ||
    (cp >= 0x30 && cp <= 0x39) ||
    cp === 0x2d ||
    cp === 0x2e ||
    cp === 0xb7 ||
    (cp >= 0x300 && cp <= 0x36f) ||
    cp === 0x203f ||
    cp === 0x2040
  );
}
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    const line = source.slice(0, i).split('\n').length;
    throw new Error(`not well-formed XML (line ${line}, offset ${i}): ${why}`);
  };

  // Every character first: one forbidden code point anywhere makes the document unreadable.
  for (let k = 0; k < source.length; k++) {
    const cp = source.codePointAt(k)!;
    if (cp > 0xffff) k++;
    else if (cp >= 0xd800 && cp <= 0xdfff) {
      i = k;
      fail('lone surrogate');
    }
    if (!isXmlChar(cp)) {
      i = k;
      fail(`forbidden character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }

  const startsWith = (s: string) => source.startsWith(s, i);
  const skipSpace = () => {
    while (i < source.length && ' \t\r\n'.includes(source[i]!)) i++;
  };
  const name = (): string => {
    const start = i;
    if (i >= source.length || !isNameStart(source.charCodeAt(i))) fail('expected a name');
    i++;
    while (i < source.length && isNameChar(source.charCodeAt(i))) i++;
    return source.slice(start, i);
  };
  const reference = (): string => {
    // at '&'
    const end = source.indexOf(';', i);
    if (end < 0 || end - i > 12) fail('bare & (not an entity reference)');
    const ref = source.slice(i + 1, end);
    let value: string;
    if (ref.startsWith('#x') && /^#x[0-9A-Fa-f]+$/.test(ref))
      value = String.fromCodePoint(parseInt(ref.slice(2), 16));
    else if (ref.startsWith('#') && /^#[0-9]+$/.test(ref)) value = String.fromCodePoint(Number(ref.slice(1)));
    else if (ref in ENTITIES) value = ENTITIES[ref]!;
    else return fail(`unknown entity &${ref};`);
    if (ref.startsWith('#') && !isXmlChar(value.codePointAt(0)!))
      fail(`reference to a forbidden character &${ref};`);
    i = end + 1;
    return value;
  };
  const misc = () => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) {
        const end = source.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        if (source.slice(i + 4, end).includes('--')) fail('-- inside a comment');
        i = end + 3;
      } else if (startsWith('<?')) {
        const end = source.indexOf('?>', i);
        if (end < 0) fail('unclosed processing instruction');
        i = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [] };
    for (;;) {
      const before = i;
      skipSpace();
      if (startsWith('/>')) {
        i += 2;
        return el;
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected space between attributes');
      const attr = name();
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      skipSpace();
      if (source[i] !== '=') fail(`expected = after ${attr}`);
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} not quoted`);
      i++;
      let value = '';
      while (source[i] !== quote) {
        if (i >= source.length) fail('unclosed attribute value');
        if (source[i] === '<') fail(`< in attribute ${attr}`);
        if (source[i] === '&') value += reference();
        else value += source[i++];
      }
      i++;
      el.attrs[attr] = value;
    }
    let text = '';
    const flush = () => {
      if (text) el.children.push(text);
      text = '';
    };
    for (;;) {
      if (i >= source.length) fail(`unclosed <${el.name}>`);
      if (startsWith('</')) {
        flush();
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (source[i] !== '>') fail('expected > after end tag');
        i++;
        return el;
      }
      if (startsWith('<![CDATA[')) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unclosed CDATA');
        text += source.slice(i + 9, end);
        i = end + 3;
      } else if (startsWith('<!--') || startsWith('<?')) {
        flush();
        misc();
      } else if (source[i] === '<') {
        flush();
        el.children.push(element());
      } else if (source[i] === '&') text += reference();
      else {
        if (startsWith(']]>')) fail(']]> in text');
        text += source[i++];
      }
    }
  };

  if (startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unclosed XML declaration');
    if (
      !/^<\?xml version="1\.[0-9]"( encoding="[A-Za-z][\w.-]*")?( standalone="(yes|no)")?\s*\?>$/.test(
        source.slice(0, end + 2),
      )
    )
      fail('malformed XML declaration');
    i = end + 2;
  }
  misc();
  const root = element();
  misc();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/** Child elements with this name. */
export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The one child element with this name (throws when there is not exactly one). */
export function child(el: XmlElement, name: string): XmlElement {
  const found = children(el, name);
  if (found.length !== 1) throw new Error(`<${el.name}> has ${found.length} <${name}>`);
  return found[0]!;
}

/** The text of an element (its text children joined). */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
