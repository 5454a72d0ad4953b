#!/usr/bin/env node
/**
 * `node bench/corpus/selfcheck.mjs` — checks the seed cleaning and the generator (the benchmarks
 * are not part of the test suite). Exits 1 on the first failed check.
 *
 * 1. The cleaning functions on sample strings written here (no seed text in the repository).
 * 2. The real seeds ($GONGKAI_SEEDS) cleaned: no romanisation, no Traditional characters, no
 *    doubled or ASCII punctuation inside Chinese text, no page furniture or blanks left.
 * 3. The generator: deterministic, and its items within the importer's limits.
 */
import assert from 'node:assert/strict';
import {
  cleanLine,
  cleanSeed,
  cleanSeeds,
  fixPunctuation,
  fullWidthPunctuation,
  hasTraditional,
  isFurniture,
  readSeeds,
  removeRomanisation,
  splitSentences,
} from './clean.mjs';
import { generateAgencyItems, LAST_DATE } from './generate.mjs';
import { buildVocabulary } from './vocabulary.mjs';

let checks = 0;
const check = (name, fn) => {
  try {
    fn();
    checks++;
  } catch (e) {
    console.error(`✗ ${name}\n${e.message}`);
    process.exit(1);
  }
};

// ─── 1. The functions ───────────────────────────────────────────────────────────────────────────

check('romanisation after characters is removed', () => {
  assert.equal(removeRomanisation('加強(qiáng)管理'), '加強管理');
  assert.equal(removeRomanisation('綠(lǜ)色（lü）'), '綠色');
  assert.equal(removeRomanisation('開(kai1)會'), '開會');
  assert.equal(removeRomanisation('對(duì)(duì)外'), '對外');
  // Not romanisation: enumerators, Latin abbreviations, English words.
  assert.equal(removeRomanisation('(一)工作'), '(一)工作');
  assert.equal(removeRomanisation('国内生产总值(GDP)'), '国内生产总值(GDP)');
  assert.equal(removeRomanisation('协议(IPv6)'), '协议(IPv6)');
  assert.equal(removeRomanisation('网站(website)'), '网站(website)');
});

check('a lost character with broken romanisation is marked, never left as Latin', () => {
  const s = removeRomanisation('日?bào)与');
  assert.ok(!/[a-zà-ü]/.test(s), s);
});

check('Traditional → Simplified', () => {
  const line = cleanLine('關(guān)於推進(jìn)政務(wù)公開的報(bào)告');
  assert.equal(line, '关于推进政务公开的报告');
  assert.ok(!hasTraditional(line));
});

check('ASCII punctuation between Chinese text becomes full-width; numbers and times keep theirs', () => {
  assert.equal(fullWidthPunctuation('通知如下:一是,二是;三是'), '通知如下：一是，二是；三是');
  assert.equal(fullWidthPunctuation('共1,200条,时间15:30'), '共1,200条，时间15:30');
  assert.equal(fullWidthPunctuation('(二)加强领导'), '（二）加强领导');
  assert.equal(fullWidthPunctuation('见http://example.org'), '见http://example.org');
});

check('doubled and stray punctuation', () => {
  assert.equal(fixPunctuation('梳理，，现将'), '梳理，现将');
  assert.equal(fixPunctuation('一，、主要做法'), '一、主要做法');
  assert.equal(fixPunctuation('工作机制，。'), '工作机制。');
  assert.equal(fixPunctuation('负总责，、分管'), '负总责、分管');
  assert.equal(fixPunctuation('渠道，；二是'), '渠道；二是');
  assert.equal(fixPunctuation('，开头'), '开头');
  assert.equal(cleanLine('一,、主要做法'), '一、主要做法');
});

check('page furniture of a compilation is recognised', () => {
  for (const l of [
    '时间：2020-01-01 10:00:00',
    '导语：本文介绍了…',
    '篇3',
    '篇10',
    '【正文】',
    '来源：某网站',
  ]) {
    assert.ok(isFurniture(cleanLine(l)), l);
  }
  assert.ok(!isFurniture('加强组织领导，落实工作责任。'));
});

check('blanks, furniture and contact details never reach the sentences; year blanks become a slot', () => {
  const sample = [
    '时间:2020-01-01 10:00:00',
    '导语:如何写好一篇工作总结,欢迎阅读。',
    '篇1',
    '一、加强组织领导',
    '在__市政府的领导下,我局认真开展工作。',
    '按照××局的部署,加强管理,,提高水平。',
    '20__年,我局主动公开政府信息95条。',
    '联系电话:0000-1234567,欢迎来电。',
    '',
    '篇2',
    '(一)完善工作机制',
    '进一步完善工作机制;明确各科室的责任分工。',
  ].join('\n');
  const c = cleanSeed(sample);
  assert.deepEqual(c.headings, ['加强组织领导', '完善工作机制']);
  // The sentence with ×× goes as a whole (the blank cannot be filled).
  assert.deepEqual(c.sentences, [
    '{年}年，我局主动公开政府信息95条。',
    '进一步完善工作机制。',
    '明确各科室的责任分工。',
  ]);
});

check('sentences are split on 。！？； and lose their enumerators', () => {
  assert.deepEqual(splitSentences('一是加强领导。二是完善制度；三是强化监督'), [
    '加强领导。',
    '完善制度。',
    '强化监督。',
  ]);
});

// ─── 2. The seeds ───────────────────────────────────────────────────────────────────────────────

/** Tone-marked letters anywhere, or lower-case Latin in parentheses after a character, or its broken tail. */
const ROMANISATION =
  /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]|[\u4e00-\u9fff]\s*[(（][a-z]{1,6}[1-5]?[)）]|[?？][a-z]{1,6}[)）]/;
const seeds = readSeeds();
const cleaned = cleanSeeds(seeds);
const texts = [...cleaned.sentences, ...cleaned.headings, ...cleaned.leadIns];

check('the seeds had romanisation and Traditional characters to clean', () => {
  assert.ok(
    seeds.some((s) => ROMANISATION.test(s.text)),
    'no seed holds romanisation: is $GONGKAI_SEEDS right?',
  );
  assert.ok(seeds.some((s) => hasTraditional(s.text)));
});

check('cleaned seeds: enough text', () => {
  assert.ok(cleaned.sentences.length >= 300, `${cleaned.sentences.length} sentences`);
  assert.ok(cleaned.headings.length >= 30, `${cleaned.headings.length} headings`);
});

check('cleaned seeds: no romanisation', () => {
  const bad = texts.filter((t) => ROMANISATION.test(t));
  assert.deepEqual(bad, []);
});

check('cleaned seeds: no Traditional characters', () => {
  const bad = texts.filter(hasTraditional);
  assert.deepEqual(bad, []);
});

check('cleaned seeds: no doubled punctuation, no ASCII , : ; between Chinese characters', () => {
  const bad = texts.filter(
    (t) =>
      /[，、；：。！？]{2,}/.test(t) ||
      /[\u4e00-\u9fff][,:;][\u4e00-\u9fff]/.test(t) ||
      /^[，、；：。]/.test(t),
  );
  assert.deepEqual(bad, []);
});

check('cleaned seeds: no furniture, blanks or empty lines', () => {
  const bad = texts.filter(
    (t) =>
      !t.trim() ||
      isFurniture(t) ||
      /_{2,}|＿|[Xx]{2}|×{2}|【\s*】|\ufffd|^篇\d+$|^(?:时间|导语)[：:]/.test(t) ||
      /范文/.test(t),
  );
  assert.deepEqual(bad, []);
});

// ─── 3. The generator ───────────────────────────────────────────────────────────────────────────

const vocabulary = buildVocabulary(cleaned);
const agency = {
  code: '11510100DEMO00002X',
  name: '示例市民政局',
  kind: 'department',
  level: 'city',
  columns: new Set([
    'zfxxgkzd',
    'zcjd',
    'zfxxgknb',
    'fdzdgknr/xzgfxwj',
    'fdzdgknr/ghxx',
    'fdzdgknr/shjz',
    'fdzdgknr/mszc',
    'fdzdgknr/qtfdgknr',
    'fdzdgknr/tjxx',
    'fdzdgknr/yjgl',
  ]),
};
const generate = (seed) =>
  generateAgencyItems({
    vocabulary,
    agency,
    count: 3000,
    lastDate: LAST_DATE,
    seed,
    traditionalRate: 0.03,
    formatIndexNo: (date, serial) => `${agency.code}/${date.slice(0, 4)}-${String(serial).padStart(5, '0')}`,
  });
const items = generate('selfcheck');

check('the generator is deterministic', () => {
  assert.equal(JSON.stringify(generate('selfcheck')), JSON.stringify(items));
  assert.notEqual(JSON.stringify(generate('other seed')), JSON.stringify(items));
});

check('generated items: within the importer’s limits and the agency’s columns', () => {
  for (const it of items) {
    assert.ok([...it.title].length <= 200 && it.title.length > 0, it.title);
    assert.ok([...it.summary].length <= 1000);
    assert.ok(it.keywords.length <= 10 && it.keywords.every((k) => [...k].length <= 20 && k));
    assert.ok(agency.columns.has(it.column), it.column);
    assert.ok(it.publishedOn >= '2015-01-01' && it.publishedOn <= LAST_DATE, it.publishedOn);
    assert.ok(it.writtenOn <= it.publishedOn);
    assert.ok(!it.validity || ['rule', 'normativeDocument'].includes(it.genre));
  }
  assert.equal(new Set(items.map((i) => i.indexNo)).size, items.length, '索引号 unique');
  const docNos = items.filter((i) => i.docNo).map((i) => i.docNo);
  assert.equal(new Set(docNos).size, docNos.length, '文号 unique');
});

check('generated items: 1–5 % Traditional, the rest Simplified; no romanisation', () => {
  const trad = items.filter((i) => i.traditional);
  assert.ok(trad.length >= 0.01 * items.length && trad.length <= 0.05 * items.length, `${trad.length}`);
  for (const it of items) {
    assert.equal(hasTraditional(`${it.title}${it.body}`), Boolean(it.traditional), it.title);
    assert.ok(!ROMANISATION.test(it.body.replace(/<[^>]+>/g, '')), it.title);
  }
});

check('generated items: dates spread over every year; genres, topics and 文号 varied', () => {
  const years = new Set(items.map((i) => i.publishedOn.slice(0, 4)));
  assert.equal(years.size, Number(LAST_DATE.slice(0, 4)) - 2015 + 1);
  assert.ok(new Set(items.map((i) => i.genre)).size >= 12);
  assert.ok(new Set(items.map((i) => i.topic)).size >= 5);
  const withDocNo = items.filter((i) => i.docNo).length / items.length;
  assert.ok(withDocNo > 0.4 && withDocNo < 0.9, `${withDocNo}`);
  const sentences = items.map((i) => (i.body.match(/。/g) ?? []).length);
  assert.ok(Math.min(...sentences) >= 3 && Math.max(...sentences) >= 25);
});

console.log(
  `selfcheck: ${checks} checks passed (${seeds.length} seeds → ${cleaned.sentences.length} sentences, ` +
    `${cleaned.headings.length} headings; ${items.length} items generated twice)`,
);
