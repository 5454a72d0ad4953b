/**
 * Turning text into search tokens, the same way for every document and every query, on both
 * databases (pure; no I/O besides loading the dictionary once).
 *
 *   text ─► Traditional→Simplified (OpenCC, 'hk' variants → 'cn', character level)
 *        ─► NFKC (full-width letters and digits become ASCII)
 *        ─► jieba without HMM: queries `cut`; documents `cutForSearch` (民政局 also yields 民政, 政局)
 *           and `cutAll` (every dictionary word and character wherever it occurs)
 *        ─► per token: lower-case, keep only runs of letters and digits (\p{L}\p{N}), cut at 64 chars
 *
 * A token is therefore a run of letters/digits without spaces or punctuation: neither FTS5's
 * `ascii` tokenizer nor `array_to_tsvector` can split or alter it, so both databases see exactly
 * these tokens. HMM is off on both sides: with it, unknown words are glued differently depending
 * on their neighbours, so a word typed alone may not be a token of the document that contains it.
 *
 * Why cutAll too: a query is cut into dictionary words and single characters; cutAll emits every
 * dictionary word and every character found anywhere in the document, so whatever run of characters
 * the document contains, each term of that run as a query is one of its tokens (养老助餐 = 养老|助|餐
 * finds 养老助餐点名单, which cutForSearch alone segments 养老|助|餐点|名单). Measured on real
 * government texts: 54% of 2–6 character substrings were missed with cutForSearch alone, none with
 * both. The price: about 1.8 times as many distinct tokens per document.
 */
import { createRequire } from 'node:module';
import * as OpenCC from 'opencc-js/t2cn';

/** Longest token kept (characters); longer runs are cut, identically for documents and queries. */
export const MAX_TOKEN_CHARS = 64;

/**
 * Single-character function words dropped from queries (only when other terms remain): they are
 * in nearly every document, so requiring them changes almost no result but costs time. Documents
 * keep them, so a query made of nothing else still finds what contains it.
 */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set([
  ...'的地得了着和与及或之在对把被将从于以由其这也都而并且等是为',
]);

interface JiebaLike {
  cut(sentence: string, hmm?: boolean | null): string[];
  cutAll(sentence: string): string[];
  cutForSearch(sentence: string, hmm?: boolean | null): string[];
}

let jieba: JiebaLike | null = null;

/** The segmenter, loaded on first use (reading the dictionary takes about 250 ms). */
function segmenter(): JiebaLike {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

/** Loads the dictionary now (e.g. at server start) instead of on the first search. */
export function warmUpSegmenter(): void {
  segmenter();
}

let converter: ((text: string) => string) | null = null;

/**
 * Traditional → Simplified. 'hk' maps the Hong Kong and Taiwan variant forms (衞, 綫, 爲) too;
 * every form converts 關於/資訊/號/辦 alike, and 'hk' leaves Simplified text unchanged (the 'tw'
 * form turns a Simplified 显著 into 显着; 'twp' rewrites words: 資料→数据). The conversion is
 * character for character, so positions in the converted text are positions in the original.
 */
export function toSimplified(text: string): string {
  const convert = converter ?? OpenCC.Converter({ from: 'hk', to: 'cn' });
  converter = convert;
  return convert(text);
}

const RUN = /[\p{L}\p{N}]+/gu;

/** One raw segment → zero or more tokens (lower-cased letter/digit runs, at most MAX_TOKEN_CHARS). */
export function normalizeToken(raw: string): string[] {
  const runs = raw.toLowerCase().match(RUN);
  if (!runs) return [];
  return runs.map((r) => (r.length > MAX_TOKEN_CHARS ? [...r].slice(0, MAX_TOKEN_CHARS).join('') : r));
}

/** What both sides do before segmentation. */
export function prepareText(text: string): string {
  return toSimplified(text).normalize('NFKC');
}

/** The distinct tokens of a document's text (search mode and every dictionary word and character). */
export function documentTokens(text: string): string[] {
  if (!text.trim()) return [];
  const prepared = prepareText(text);
  const jieba = segmenter();
  return [
    ...new Set([...jieba.cutForSearch(prepared, false), ...jieba.cutAll(prepared)].flatMap(normalizeToken)),
  ];
}

/** The distinct terms of a query, in the order typed, function words dropped if others remain. */
export function queryTerms(text: string): string[] {
  if (!text.trim()) return [];
  const all = [...new Set(segmenter().cut(prepareText(text), false).flatMap(normalizeToken))];
  const content = all.filter((t) => !QUERY_STOP_WORDS.has(t));
  return content.length > 0 ? content : all;
}
