/**
 * Titles and snippets with the query's terms marked (pure, the same whichever database answered).
 * Matching is done on the text as search sees it — Simplified, NFKC, lower case — and the marks
 * are put back on the original characters, so a Traditional or full-width text is shown as written.
 */
import type { Highlighted } from './search.js';
import { toSimplified } from './segment.js';

/** Characters of a snippet window. */
export const SNIPPET_CHARS = 120;
/** Characters shown before the first match. */
const LEAD = 30;

const ALNUM = /[a-z0-9]/;

/** `text` in runs, the occurrences of `terms` marked. Latin/digit terms only match whole runs (18 ≠ 2018). */
export function highlight(text: string, terms: readonly string[]): Highlighted {
  if (!text) return [];
  const { norm, origin, originEnd } = normalizedWithOrigin(text);
  const marks = new Uint8Array(text.length);
  let any = false;
  for (const term of terms) {
    if (!term) continue;
    for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (ALNUM.test(term[0]!) && at > 0 && ALNUM.test(norm[at - 1]!)) continue;
      if (ALNUM.test(term.at(-1)!) && end < norm.length && ALNUM.test(norm[end]!)) continue;
      for (let i = origin[at]!; i < originEnd[end - 1]!; i++) marks[i] = 1;
      any = true;
    }
  }
  if (!any) return [{ text, mark: false }];
  const runs: Highlighted = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++)
    if (i === text.length || marks[i] !== marks[start]) {
      runs.push({ text: text.slice(start, i), mark: marks[start] === 1 });
      start = i;
    }
  return runs;
}

/**
 * A window of about SNIPPET_CHARS characters around the first match in the first source that has
 * one (summary, then body and attachment text), marked; without a match, the start of the first
 * non-empty source. Whitespace runs become one space; "…" marks a cut.
 */
export function snippet(sources: readonly string[], terms: readonly string[]): Highlighted {
  const texts = sources.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
  for (const text of texts) {
    const at = firstMatch(text, terms);
    if (at === null) continue;
    const from = Math.max(0, at - LEAD);
    return window(text, from, terms);
  }
  return texts.length ? window(texts[0]!, 0, []) : [];
}

function window(text: string, from: number, terms: readonly string[]): Highlighted {
  let start = from;
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end === text.length) start = Math.max(0, end - SNIPPET_CHARS);
  // Never cut a surrogate pair in two.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const runs = highlight(text.slice(start, end), terms);
  if (start > 0) runs.unshift({ text: '…', mark: false });
  if (end < text.length) runs.push({ text: '…', mark: false });
  return merge(runs);
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Where the first term occurs, approximately (exact for most texts): looked up in the lower-cased
 * text first, and only if nothing is found in its Simplified, NFKC form (the conversion costs
 * about 0.2 ms per thousand characters, so Simplified texts never pay it).
 */
function firstMatch(text: string, terms: readonly string[]): number | null {
  const live = terms.filter(Boolean);
  if (live.length === 0) return null;
  const first = (hay: string) => {
    let best = -1;
    for (const t of live) {
      const at = hay.indexOf(t);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best < 0 ? null : best;
  };
  return first(text.toLowerCase()) ?? first(toSimplified(text).normalize('NFKC').toLowerCase());
}

/** The search form of `text` and, for each of its UTF-16 units, where the original character it comes from starts and ends. */
function normalizedWithOrigin(text: string): { norm: string; origin: number[]; originEnd: number[] } {
  const converted = toSimplified(text);
  // OpenCC converts character for character here; should a phrase ever change length, fall back to
  // converting each character alone.
  const same = converted.length === text.length;
  let norm = '';
  const origin: number[] = [];
  const originEnd: number[] = [];
  let i = 0;
  for (const ch of text) {
    const simple = same ? converted.slice(i, i + ch.length) : toSimplified(ch);
    const piece = simple.normalize('NFKC').toLowerCase();
    for (let k = 0; k < piece.length; k++) {
      origin.push(i);
      originEnd.push(i + ch.length);
    }
    norm += piece;
    i += ch.length;
  }
  return { norm, origin, originEnd };
}

function merge(runs: Highlighted): Highlighted {
  const out: Highlighted = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last && last.mark === r.mark) last.text += r.text;
    else if (r.text) out.push({ ...r });
  }
  return out;
}
