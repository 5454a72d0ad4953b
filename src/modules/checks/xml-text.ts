/**
 * Just enough XML for pulling text out of Office Open XML parts: a tokenizer over tags and text, no
 * DTDs, no namespaces (elements are matched by local name, so `w:t` and a strict-OOXML prefix alike).
 */

export interface XmlHandlers {
  open?(localName: string, attributes: string, selfClosing: boolean): void;
  close?(localName: string): void;
  text?(text: string): void;
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([^\s/>]+)([^>]*?)(\/?)>|([^<]+)/g;

export function walkXml(xml: string, handlers: XmlHandlers): void {
  for (const m of xml.matchAll(TOKEN)) {
    const [, cdata, slash, name, attributes, selfClosing, text] = m;
    if (cdata !== undefined) handlers.text?.(cdata);
    else if (text !== undefined) handlers.text?.(decodeEntities(text));
    else if (name !== undefined) {
      const local = name.slice(name.indexOf(':') + 1);
      if (slash) handlers.close?.(local);
      else {
        handlers.open?.(local, attributes ?? '', selfClosing === '/');
        if (selfClosing === '/') handlers.close?.(local);
      }
    }
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/** The value of one attribute, by local name, from an attribute string such as ` r="A1" t="s"`. */
const attributePatterns = new Map<string, RegExp>();

export function attribute(attributes: string, localName: string): string | undefined {
  let pattern = attributePatterns.get(localName);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${localName}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(localName, pattern);
  }
  const m = pattern.exec(attributes);
  return m ? decodeEntities(m[1] ?? m[2] ?? '') : undefined;
}

/** XML bytes to a string: UTF-8 (with or without BOM) or UTF-16 with its BOM. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
