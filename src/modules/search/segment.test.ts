/** Tokens, query terms, 文号 recognition and highlighting: pure, no database. */
import { describe, expect, it } from 'vitest';
import { canonicalDocNo, docNoParts, findDocNo, normalizeDocNoPrefix, restOfQuery } from './doc-no.js';
import { highlight, SNIPPET_CHARS, snippet } from './highlight.js';
import { baseSortKey, sortKeyRange } from './keys.js';
import { tsQuery } from './search.repository.js';
import {
  documentTokens,
  MAX_TOKEN_CHARS,
  normalizeToken,
  prepareText,
  queryTerms,
  toSimplified,
} from './segment.js';

const marked = (h: { text: string; mark: boolean }[]) => h.filter((r) => r.mark).map((r) => r.text);
const plain = (h: { text: string; mark: boolean }[]) => h.map((r) => r.text).join('');

describe('tokens', () => {
  it('indexes documents in search mode: 民政 and 政局 are tokens of 清河县民政局', () => {
    const t = documentTokens('清河县民政局');
    expect(t).toEqual(expect.arrayContaining(['清河', '清河县', '民政', '政局', '民政局']));
  });

  it('segments queries in exact mode and every query term of a word sequence is a document token', () => {
    const doc = '示例市民政局关于做好2026年城乡居民最低生活保障工作的通知';
    const tokens = new Set(documentTokens(doc));
    for (const q of ['民政', '民政局', '最低生活保障', '城乡居民', '2026年', '关于做好', '保障工作'])
      for (const term of queryTerms(q)) expect(tokens, `${q} → ${term}`).toContain(term);
  });

  it('finds every run of characters a document contains (no word boundary can hide it)', () => {
    const doc = '民生实事项目养老助餐点名单。各乡镇要建立健全社会救助工作台账，实行动态管理，做到应保尽保。';
    const tokens = new Set(documentTokens(doc));
    const chars = [...doc];
    let checked = 0;
    for (let i = 0; i < chars.length; i++)
      for (let len = 1; len <= 8 && i + len <= chars.length; len++) {
        const run = chars.slice(i, i + len).join('');
        if (!/^\p{Script=Han}+$/u.test(run)) continue;
        for (const term of queryTerms(run)) expect(tokens, `${run} → ${term}`).toContain(term);
        checked++;
      }
    expect(checked).toBeGreaterThan(200);
  });

  it('converts Traditional to Simplified on both sides: 關於 finds 关于', () => {
    expect(toSimplified('關於資訊公開的通知 雅辦發〔2017〕18號')).toBe(
      '关于资讯公开的通知 雅办发〔2017〕18号',
    );
    const docTokens = new Set(documentTokens('关于加强政务公开工作的通知'));
    for (const term of queryTerms('關於加強政務公開')) expect(docTokens).toContain(term);
    // …and a Traditional document is found by a Simplified query.
    const tradTokens = new Set(documentTokens('關於加強政務公開工作的通知'));
    for (const term of queryTerms('关于加强政务公开')) expect(tradTokens).toContain(term);
  });

  it('leaves Simplified text unchanged (显著 stays 显著)', () => {
    const s = '显著提升 随着 著作权 资料 信息 干部 皇后 里面 发展 头发';
    expect(toSimplified(s)).toBe(s);
  });

  it('keeps letters and digits only, lower-cased, full-width folded', () => {
    expect(normalizeToken('COVID-19')).toEqual(['covid', '19']);
    expect(normalizeToken('，')).toEqual([]);
    expect(normalizeToken(' ')).toEqual([]);
    expect(queryTerms('ＣＯＶＩＤ－１９ 疫情')).toEqual(['covid', '19', '疫情']);
    expect(documentTokens('iPhone 3.5% ５Ｇ')).toEqual(['iphone', '3', '5', '5g']);
    expect(normalizeToken('a'.repeat(200))).toEqual(['a'.repeat(MAX_TOKEN_CHARS)]);
  });

  it('drops single-character function words from queries unless nothing else is left', () => {
    expect(queryTerms('政府的工作')).toEqual(['政府', '工作']);
    expect(queryTerms('的')).toEqual(['的']);
  });

  it('survives SQL, FTS and tsquery syntax, symbols, emoji and very long input', () => {
    for (const q of [
      "'; DROP TABLE x; --",
      '"*" OR NEAR(',
      '\\',
      "'a' & !b | c:* <->",
      '🙂👍🏽 表情',
      '^$.*+?()[]{}|',
      '',
      '   ',
      '政府'.repeat(5000),
    ]) {
      const terms = queryTerms(q);
      for (const t of terms) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(queryTerms("'; DROP TABLE x; --")).toEqual(['drop', 'table', 'x']);
    expect(queryTerms('"*" OR NEAR(')).toEqual(['or', 'near']);
    expect(queryTerms('\\')).toEqual([]);
    expect(tsQuery(["it's", 'a\\b'])).toBe("'it''s' & 'a\\\\b'");
  });
});

describe('文号 in queries', () => {
  const variants = [
    '雅办发〔2017〕18号',
    '雅办发[2017]18号',
    '雅办发(2017)18号',
    '雅办发【2017】18号',
    '雅办发（2017）18号',
    '雅办发［2017］18号',
    '雅办发 〔 2017 〕 第18号',
    '雅办发2017 18号',
    '雅办发201718号',
    '雅办发 2017 18',
    '雅辦發〔2017〕18號',
    '雅办发〔２０１７〕１８号',
  ];
  for (const v of variants)
    it(`recognises ${v}`, () => {
      const found = findDocNo(prepareText(v));
      expect(found).not.toBeNull();
      expect(found!.prefixes[0]).toBe('雅办发');
      expect(found!.year).toBe(2017);
      expect(found!.seq).toBe(18);
      expect(canonicalDocNo('雅办发', found!.year, found!.seq)).toBe('雅办发〔2017〕18号');
    });

  it('takes 代字 and 年份 alone', () => {
    const found = findDocNo(prepareText('雅办发〔2017〕'))!;
    expect([found.prefixes[0], found.year, found.seq]).toEqual(['雅办发', 2017, null]);
    expect(canonicalDocNo('雅办发', 2017, null)).toBe('雅办发〔2017〕');
  });

  it('offers the tails of the letters before it as 代字 and keeps the rest as words', () => {
    const found = findDocNo(prepareText('关于雅办发〔2017〕18号的解读'))!;
    expect(found.prefixes).toEqual(['关于雅办发', '于雅办发', '雅办发', '办发']);
    expect(restOfQuery(found, '雅办发').replace(/\s+/g, ' ').trim()).toBe('关于 的解读');
  });

  it('does not see a 文号 in ordinary text or impossible years', () => {
    for (const q of ['2017年工作要点', '政府信息公开', '雅办发〔1800〕18号', '第18号令', '规划2017']) {
      expect(findDocNo(prepareText(q)), q).toBeNull();
    }
  });

  it('reads stored 文号 into parts with a normalised 代字', () => {
    expect(docNoParts('雅辦發〔2017〕18號')).toEqual({ prefix: '雅办发', year: 2017, seq: 18 });
    expect(docNoParts(null)).toBeNull();
    expect(docNoParts('无文号')).toBeNull();
    expect(normalizeDocNoPrefix(' 示 民发 ')).toBe('示民发');
  });
});

describe('highlighting', () => {
  it('marks the terms on the original characters, Traditional and full-width included', () => {
    expect(marked(highlight('清河县民政局关于低保的通知', ['民政', '低保']))).toEqual(['民政', '低保']);
    const trad = highlight('關於加強政務公開的通知', ['关于', '公开']);
    expect(plain(trad)).toBe('關於加強政務公開的通知');
    expect(marked(trad)).toEqual(['關於', '公開']);
    expect(marked(highlight('ＣＯＶＩＤ疫情', ['covid']))).toEqual(['ＣＯＶＩＤ']);
  });

  it('marks Latin and digit terms only as whole runs', () => {
    expect(marked(highlight('2018年第18号', ['18']))).toEqual(['18']);
    expect(plain(highlight('2018年第18号', ['18']))).toBe('2018年第18号');
  });

  it('cuts a window around the first match, with ellipses', () => {
    const body = `${'开头的文字。'.repeat(40)}这里提到最低生活保障标准。${'结尾的文字。'.repeat(40)}`;
    const s = snippet(['', body], ['保障']);
    expect(plain(s).startsWith('…')).toBe(true);
    expect(plain(s).endsWith('…')).toBe(true);
    expect(marked(s)).toEqual(['保障']);
    expect(plain(s).length).toBeLessThanOrEqual(SNIPPET_CHARS + 2);
  });

  it('falls back to the start of the summary without a match', () => {
    const s = snippet(['内容概述在这里', '正文'], ['不存在']);
    expect(s).toEqual([{ text: '内容概述在这里', mark: false }]);
    expect(snippet(['', ''], ['x'])).toEqual([]);
  });
});

describe('sort keys', () => {
  it('orders by day, then time of day, and turns a date range into a key range', () => {
    const a = baseSortKey('2026-03-01' as never, '2026-02-28T16:00:00.000Z', 'a'); // 00:00 Beijing
    const b = baseSortKey('2026-03-01' as never, '2026-03-01T01:00:00.000Z', 'b'); // 09:00 Beijing
    const c = baseSortKey('2026-03-02' as never, '2026-03-01T16:00:00.000Z', 'c');
    expect(a).toBeLessThan(b);
    expect(b).toBeLessThan(c);
    expect(Number.isSafeInteger(c)).toBe(true);
    const [lo, hi] = sortKeyRange('2026-03-01' as never, '2026-03-01' as never);
    expect(lo! <= a && b <= hi! && c > hi!).toBe(true);
    expect(baseSortKey('2328-01-01' as never, '2328-01-01T00:00:00Z', 'z')).toBeLessThan(2 ** 53);
  });
});
