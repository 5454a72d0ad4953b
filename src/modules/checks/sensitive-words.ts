/**
 * The agency's sensitive-word list (敏感词), matched as exact substrings after folding full-width
 * forms to ASCII and Latin letters to lower case, so "ＡＢＣ", "abc" and "Abc" are one word.
 * Overlapping or adjacent-inside hits ("AB" and "BCD" in "ABCD", or a word inside a longer one) are
 * merged into one range: masking then covers every character of every word, and the longest word
 * always wins over the words it contains.
 */
import { foldForMatching } from './normalize.js';

type Range = { start: number; end: number };

/** Folded, trimmed, de-duplicated words, longest first; empty entries dropped. */
export function prepareSensitiveWords(words: string[]): string[] {
  const set = new Set(words.map((w) => foldForMatching(w.trim())).filter((w) => w.length > 0));
  return [...set].sort((a, b) => b.length - a.length);
}

/** `matchText` must be folded with foldForMatching; `words` prepared with prepareSensitiveWords. */
export function findSensitiveWords(matchText: string, words: string[]): Range[] {
  const hits: Range[] = [];
  for (const word of words) {
    for (let at = matchText.indexOf(word); at >= 0; at = matchText.indexOf(word, at + 1)) {
      hits.push({ start: at, end: at + word.length });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const hit of hits) {
    const last = merged[merged.length - 1];
    if (last && hit.start < last.end) last.end = Math.max(last.end, hit.end);
    else merged.push({ ...hit });
  }
  return merged;
}
