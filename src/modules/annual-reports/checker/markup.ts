/**
 * A small tolerant tokenizer for HTML and WordprocessingML: tags (name lower-cased, attributes) and text,
 * in one linear pass (quoted attribute values are followed for at most 4 KB, so broken markup cannot make
 * it quadratic). Comments, doctypes, processing instructions and <script>/<style> contents are dropped.
 */
export type MarkupToken =
  | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  times: '×',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (let m = re.exec(s); m; m = re.exec(s))
    attrs[(m[1] ?? '').toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return attrs;
}

/** Index of the `>` closing the tag that starts at `from`, or -1. */
function tagEnd(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '>') return i;
    if (c === '"' || c === "'") {
      const close = src.indexOf(c, i + 1);
      if (close !== -1 && close - i < 4096) {
        i = close + 1;
        continue;
      }
    }
    i++;
  }
  return -1;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea']);

export function tokenize(src: string): MarkupToken[] {
  const out: MarkupToken[] = [];
  let i = 0;
  const text = (t: string) => {
    if (t) out.push({ type: 'text', text: decodeEntities(t) });
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt === -1) {
      text(src.slice(i));
      break;
    }
    text(src.slice(i, lt));
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      i = end === -1 ? src.length : end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt + 9);
      out.push({ type: 'text', text: src.slice(lt + 9, end === -1 ? src.length : end) });
      i = end === -1 ? src.length : end + 3;
      continue;
    }
    const next = src[lt + 1] ?? '';
    if (next === '!' || next === '?') {
      const end = src.indexOf('>', lt);
      i = end === -1 ? src.length : end + 1;
      continue;
    }
    if (!/[A-Za-z/]/.test(next)) {
      text('<');
      i = lt + 1;
      continue;
    }
    const end = tagEnd(src, lt + 1);
    if (end === -1) {
      text(src.slice(lt));
      break;
    }
    const body = src.slice(lt + 1, end);
    i = end + 1;
    if (body[0] === '/') {
      out.push({ type: 'close', name: body.slice(1).trim().toLowerCase() });
      continue;
    }
    const m = /^([^\s/>]+)([\s\S]*)$/.exec(body);
    if (!m) continue;
    const name = (m[1] ?? '').toLowerCase();
    const rest = m[2] ?? '';
    const selfClosing = rest.trimEnd().endsWith('/');
    out.push({
      type: 'open',
      name,
      attrs: parseAttrs(selfClosing ? rest.trimEnd().slice(0, -1) : rest),
      selfClosing,
    });
    if (RAW_TEXT.has(name) && !selfClosing) {
      const close = src.toLowerCase().indexOf(`</${name}`, i);
      i = close === -1 ? src.length : close;
    }
  }
  return out;
}
