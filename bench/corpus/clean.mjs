/**
 * Cleaning the seed texts the benchmark corpus is generated from. The seeds are never part of the
 * repository: they are read at bench time from $GONGKAI_SEEDS (default ../shared/seeds, relative to
 * the repository), and nothing here contains text taken from them.
 *
 * What the seeds need: Traditional characters → Simplified (OpenCC); romanisation in parentheses
 * after characters removed (`字(zì)`); doubled or stray punctuation fixed (`，，` `一,、` `机制,。`);
 * ASCII punctuation between Chinese text made full-width; the page furniture of a compilation of
 * sample texts dropped (时间:…, 导语:…, 篇N, 【正文】, blanks such as ____ ＿＿ XX ××, tables, web-page
 * footers, sign-off lines) and empty lines. Then each paragraph is split into sentences, and short
 * numbered lines are kept apart as headings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';

const repoRoot = new URL('../../', import.meta.url).pathname;

/** The seed folder: $GONGKAI_SEEDS, or ../shared/seeds next to the repository. */
export function seedsDir() {
  return path.resolve(repoRoot, process.env.GONGKAI_SEEDS || '../shared/seeds');
}

/** The seed files (sorted, so the corpus does not depend on directory order); fails clearly when missing. */
export function readSeeds(dir = seedsDir()) {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
  if (files.length === 0)
    throw new Error(
      `No seed texts (*.txt) found in ${dir}. The benchmark corpus is generated from them; ` +
        'set GONGKAI_SEEDS to the folder holding them (default: ../shared/seeds relative to the repository).',
    );
  return files.sort().map((f) => ({ name: f, text: readFileSync(path.join(dir, f), 'utf8') }));
}

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const s2t = OpenCC.Converter({ from: 'cn', to: 'tw' });
export const toSimplified = (s) => t2s(s);
export const toTraditional = (s) => s2t(s);

/** Whether converting to Simplified changes the text, i.e. it still holds Traditional characters. */
export const hasTraditional = (s) => t2s(s) !== s;

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const FULL_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】〔〕…—';

// ─── Romanisation ─────────────────────────────────────────────────────────────────────────────

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
const PLAIN = { ā: 'a', á: 'a', ǎ: 'a', à: 'a', ē: 'e', é: 'e', ě: 'e', è: 'e', ī: 'i', í: 'i', ǐ: 'i' };
Object.assign(PLAIN, { ì: 'i', ō: 'o', ó: 'o', ǒ: 'o', ò: 'o', ū: 'u', ú: 'u', ǔ: 'u', ù: 'u' });
Object.assign(PLAIN, { ǖ: 'v', ǘ: 'v', ǚ: 'v', ǜ: 'v', ü: 'v', ń: 'n', ň: 'n', ǹ: 'n', ḿ: 'm' });
/** One Hanyu Pinyin syllable, tone marks removed (ü written v). */
const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)$|^(?:ng|hm|hng|m|n)$/;

function isPinyin(word) {
  const lower = word.toLowerCase();
  if (lower !== word && word !== word.toUpperCase()) return false;
  const bare = [...lower.replace(/[1-5]$/, '')].map((c) => PLAIN[c] ?? c).join('');
  return SYLLABLE.test(bare);
}

/** `字(zì)` / `字（zi4）` → `字`: a parenthesised pinyin syllable right after a Chinese character. */
export function removeRomanisation(s) {
  const re = new RegExp(`([${CJK}])\\s*[(（]\\s*([a-zA-Z${TONED}]{1,7}[1-5]?)\\s*[)）]`, 'g');
  let out = s;
  // Twice: `字(zì)(zì)` and overlapping matches.
  for (let i = 0; i < 2; i++) out = out.replace(re, (m, ch, word) => (isPinyin(word) ? ch : m));
  // A lost character (`?` or U+FFFD) whose romanisation lost its opening parenthesis: `?bào)`.
  const lost = new RegExp(`[?？\\ufffd]+([a-z${TONED}]{1,7})[)）]`, 'g');
  return out.replace(lost, (m, word) => (isPinyin(word) ? LOST : m));
}

/** Marks a character lost in the seed; a sentence holding one is not reused. */
export const LOST = '\ufffd';

// ─── Punctuation ─────────────────────────────────────────────────────────────────────────────

const ASCII_TO_FULL = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };

/** ASCII , : ; ? ! ( ) made full-width unless between two ASCII letters or digits (1,000  15:11  a(b)). */
export function fullWidthPunctuation(s) {
  const chars = [...s];
  return chars
    .map((c, i) => {
      const full = ASCII_TO_FULL[c];
      if (!full) return c;
      const asciiWord = (x) => x !== undefined && /[0-9A-Za-z.%]/.test(x);
      const before = chars[i - 1];
      const after = chars[i + 1];
      if (c === '(' || c === ')') {
        // Parentheses: full-width when they touch Chinese text on either side: 现实(VR) → 现实（VR）.
        const chinese = (x) => x !== undefined && new RegExp(`[${CJK}${FULL_PUNCT}]`).test(x);
        return chinese(before) || chinese(after) ? full : c;
      }
      if (asciiWord(before) && asciiWord(after)) return c;
      if (c === ':' && /^\/\//.test(chars.slice(i + 1, i + 3).join(''))) return c; // http://
      return full;
    })
    .join('');
}

// The strongest mark of a run of marks wins: 。？！ end a sentence; then ； ： 、 ，.
const RANK = ['。', '！', '？', '；', '：', '、', '，'];

/** Runs of pause/stop marks (`，，` `,、` `,。` `，;`) collapsed to their strongest mark; none at a line start. */
export function fixPunctuation(s) {
  return s
    .replace(/[，、；：。！？]{2,}/g, (run) => RANK.find((m) => run.includes(m)))
    .replace(/^[，、；：。！？\s]+/, '')
    .replace(/（[，、；\s]*）/g, '');
}

// ─── Furniture ─────────────────────────────────────────────────────────────────────────────────

/** Whole lines that are page furniture, not text. */
const FURNITURE = [
  /^时间[：:]/, // compilation: date of the page
  /^导语[：:]/, // compilation: introduction of the page
  /^篇\s*[0-9一二三四五六七八九十]+$/, // compilation: 篇1 … 篇10
  /^【[^】]*】$/, // 【正文】
  /^来源[：:]/, // web page: source, date, clicks
  /点击量|浏览次数|阅读次数/,
  /^(?:分享|下载本页|打印|关闭|返回顶部)(?:\s+(?:分享|下载本页|打印|关闭))*$/,
  /copyright|all rights reserved|icp备|公网安备|网站标识码|主办单位|技术支持/i,
  /^(?:监审|审核|编辑|责任编辑|校对|审签)[：:]/,
  /范文$/, // compilation: title of the page
  /^\|/, // table rows (annual reports)
  /^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$/, // sign-off date
];

/** Blanks left for the reader to fill: ____ ＿＿ XX ×× xx ○○, empty 【】, a lost character. */
const BLANK = /_{2,}|＿+|[Xx]{2,}|×{2,}|○{2,}|【\s*】|\ufffd/;
/** Sentences of the compilation speaking about itself (its editors, its sample texts). */
const SELF_REFERENCE = /范文|为你整理|供你借鉴|欢迎阅读|的会员|公务员之家/;
/** A blank standing for the year in `20__年` / `20XX年`: becomes the placeholder {年}. */
const YEAR_BLANK = /(?:19|20)(?:_{2,}|＿+|[Xx]{2}|×{2})(?=年)/g;
export const YEAR_SLOT = '{年}';

/** Heading: a numbered line without a sentence end, e.g. 一、…  （二）…  3．…  第四章 … */
const NUMBERED =
  /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.．、]|第[一二三四五六七八九十]+[章节条部分])\s*/;

/** One line of a seed cleaned: Simplified, no romanisation, full-width punctuation, fixed runs. */
export function cleanLine(raw) {
  let s = raw.normalize('NFC').replace(/[\u00a0\u3000\t]+/g, ' ');
  s = removeRomanisation(s);
  s = toSimplified(s);
  s = fullWidthPunctuation(s);
  s = fixPunctuation(s.trim());
  // Spaces inside Chinese text are layout, not words.
  s = s.replace(new RegExp(`(?<=[${CJK}${FULL_PUNCT}])\\s+|\\s+(?=[${CJK}${FULL_PUNCT}])`, 'g'), '');
  return s.replace(YEAR_BLANK, YEAR_SLOT);
}

export const isFurniture = (line) => FURNITURE.some((re) => re.test(line));

/** Leading enumerators of a sentence (一是 二要 1. （三）), dropped so sentences can be recombined. */
const ENUMERATOR =
  /^(?:[一二三四五六七八九十]+(?:是|要|、)|（[一二三四五六七八九十\d]+）|\d{1,2}[.．、)）])\s*/;

/**
 * Sentences of a paragraph, each ending with 。！？ or ； (a clause list reads as sentences). A
 * paragraph's unfinished tail gets a 。 (so `…如下：` becomes `…如下：。`, which cleanSeed keeps apart).
 */
export function splitSentences(paragraph) {
  const out = [];
  for (const m of paragraph.matchAll(/[^。！？；]+[。！？；]?[”’」』]?/g)) {
    let s = m[0].trim().replace(ENUMERATOR, '');
    if (!s) continue;
    if (s.endsWith('；')) s = `${s.slice(0, -1)}。`;
    if (!/[。！？][”’」』]?$/.test(s)) s = `${s}。`;
    out.push(s);
  }
  return out;
}

/** Contact details, addresses and links: never reused in generated bodies (and the checks would flag them). */
const CONTACT = /电话|传真|邮箱|邮编|e-?mail|@|https?:|www\.|\.cn|\.com|地址[：:]|热线\d|\d{7,}/i;

/**
 * A seed → its headings (numbering removed) and sentences. A sentence is kept when it is a whole,
 * plain one: 8–160 characters, no blank, no contact details, mostly Chinese.
 */
export function cleanSeed(text) {
  const headings = [];
  const sentences = [];
  const leadIns = [];
  const lines = text
    .split(/\r?\n/)
    .map(cleanLine)
    .filter((l) => l && !isFurniture(l));
  for (const line of lines) {
    const numbered = NUMBERED.test(line);
    if (numbered && line.length <= 30 && !/[。！？]$/.test(line)) {
      const h = line.replace(NUMBERED, '').replace(/[，。；：]$/, '');
      if (h.length >= 4 && !BLANK.test(h) && !CONTACT.test(h)) headings.push(h);
      continue;
    }
    // Lines without any sentence punctuation are titles, names and sign-offs, not body text.
    if (!/[，。；！？]/.test(line)) continue;
    for (const s of splitSentences(line)) {
      const n = [...s].length;
      if (n < 8 || n > 160 || BLANK.test(s) || CONTACT.test(s) || SELF_REFERENCE.test(s)) continue;
      if (s.endsWith('：。')) {
        leadIns.push(s.slice(0, -1));
        continue;
      }
      const han = (s.match(new RegExp(`[${CJK}]`, 'g')) ?? []).length;
      if (han / n < 0.6) continue;
      sentences.push(s);
    }
  }
  return { headings, sentences, leadIns };
}

/** All seeds cleaned, duplicates removed (order kept: first seen). */
export function cleanSeeds(seeds = readSeeds()) {
  const headings = new Set();
  const sentences = new Set();
  const leadIns = new Set();
  for (const seed of seeds) {
    const c = cleanSeed(seed.text);
    for (const h of c.headings) headings.add(h);
    for (const s of c.sentences) sentences.add(s);
    for (const s of c.leadIns) leadIns.add(s);
  }
  return { headings: [...headings], sentences: [...sentences], leadIns: [...leadIns] };
}
