/**
 * The generator's vocabulary, built from the cleaned seeds with jieba's part-of-speech tags: the
 * seeds' sentences as token lists (so nouns can be swapped and place names replaced), nouns and
 * verb-nouns by tag, noun phrases for titles, and headings that start with a verb. The topical
 * nouns below are this file's own, so items of a 民政局 talk about 低保 and those of a 财政局 about
 * 预算, while the sentence shapes come from the seeds.
 */
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { cleanSeeds } from './clean.mjs';

export const jieba = Jieba.withDict(dict);
export const tfidf = TfIdf.withDict(idf);

/** Topical nouns by domain (written for this benchmark). */
export const DOMAIN_NOUNS = {
  civil: [
    '最低生活保障',
    '特困人员供养',
    '临时救助',
    '养老服务',
    '社区养老',
    '殡葬管理',
    '婚姻登记',
    '社会组织',
    '慈善捐赠',
    '残疾人两项补贴',
    '孤儿基本生活费',
    '农村留守儿童',
    '城乡社区治理',
    '区划地名',
    '居家养老',
  ],
  finance: [
    '部门预算',
    '部门决算',
    '政府采购',
    '专项资金',
    '国库集中支付',
    '转移支付',
    '政府债务',
    '财政票据',
    '国有资产',
    '绩效评价',
    '三公经费',
    '惠民惠农补贴',
    '非税收入',
    '预算绩效管理',
  ],
  education: [
    '义务教育',
    '学前教育',
    '招生入学',
    '校外培训',
    '教师招聘',
    '学生资助',
    '校园安全',
    '课后服务',
    '职业教育',
    '中小学校舍',
    '营养改善计划',
    '教育督导',
    '特殊教育',
  ],
  land: [
    '国土空间规划',
    '土地征收',
    '不动产登记',
    '矿产资源',
    '耕地保护',
    '建设用地',
    '地质灾害防治',
    '土地整治',
    '林地管理',
    '测绘地理信息',
    '集体土地',
    '用地审批',
  ],
  general: [
    '安全生产',
    '营商环境',
    '乡村振兴',
    '城市更新',
    '防汛抗旱',
    '食品安全',
    '生态环境保护',
    '重大建设项目',
    '政务服务',
    '优化营商环境',
    '城乡建设',
    '公共卫生',
    '应急管理',
    '招商引资',
    '人才引进',
    '交通运输',
    '文化旅游',
    '就业创业',
  ],
};

/** Common surnames: a token tagged as a person's name that starts with one marks a sentence not to reuse. */
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  ),
);

const PLACE_SUFFIX = /(?:省|市|县|区|自治区|自治州|州|盟|旗)$/;
const NOT_A_PLACE = /^(?:各|全|本|我|该|城|地|社|辖|新|老|山)/;
const YEAR = /^(?:19|20)\d{2}$/;

/** A token of a sentence shape: a word, a swappable noun (`n`, `vn`), a place, or punctuation. */
function shapeOf(tokens) {
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    const { word, tag } = tokens[i];
    const next = tokens[i + 1]?.word ?? '';
    if (tag === 'ns' && word.length >= 2 && !NOT_A_PLACE.test(word)) {
      if (PLACE_SUFFIX.test(word)) {
        out.push({ w: word, k: 'place' });
        continue;
      }
      if (/^(?:市|县|省|区)$/.test(next)) {
        out.push({ w: word + next, k: 'place' });
        i++;
        continue;
      }
      if (/^(?:日报|新报|新闻网|晚报)/.test(next)) {
        out.push({ w: word, k: 'placeStem' });
        continue;
      }
    }
    if ((tag === 'n' || tag === 'vn') && [...word].length >= 2 && !YEAR.test(word)) {
      out.push({ w: word, k: tag });
      continue;
    }
    out.push({ w: word, k: '' });
  }
  return out;
}

const hasPersonName = (tokens, text) =>
  text.includes('同志') ||
  tokens.some((t) => t.tag === 'nr' && [...t.word].length <= 3 && SURNAMES.has(t.word[0]));

/** The vocabulary from the cleaned seeds (deterministic: same seeds, same vocabulary). */
export function buildVocabulary(cleaned = cleanSeeds()) {
  const shapes = [];
  const byTag = { n: new Map(), vn: new Map() };
  const phrases = new Map();
  let droppedForNames = 0;
  for (const s of cleaned.sentences) {
    const tokens = jieba.tag(s, true);
    if (hasPersonName(tokens, s)) {
      droppedForNames++;
      continue;
    }
    const shape = shapeOf(tokens);
    shapes.push(shape);
    for (const t of shape)
      if ((t.k === 'n' || t.k === 'vn') && [...t.w].length <= 4)
        byTag[t.k].set(t.w, (byTag[t.k].get(t.w) ?? 0) + 1);
    // Noun phrases: 2–3 adjacent nouns/verb-nouns, 4–10 characters (政务 信息 公开 → 政务信息公开).
    for (let i = 0; i < shape.length; i++)
      for (let len = 2; len <= 3; len++) {
        const run = shape.slice(i, i + len);
        if (run.length < len || !run.every((t) => t.k === 'n' || t.k === 'vn')) continue;
        const p = run.map((t) => t.w).join('');
        if ([...p].length >= 4 && [...p].length <= 10) phrases.set(p, (phrases.get(p) ?? 0) + 1);
      }
  }
  const leadIns = cleaned.leadIns
    .filter((s) => !hasPersonName(jieba.tag(s, true), s))
    .map((s) => shapeOf(jieba.tag(s, true)));
  // Headings that start with a verb read as the subject of a title: 关于{推进…公开}的通知.
  const verbHeadings = cleaned.headings.filter((h) => {
    const tokens = jieba.tag(h, true);
    const first = tokens[0];
    const last = tokens.at(-1);
    return (
      first &&
      (first.tag === 'v' || (['ad', 'd'].includes(first.tag) && first.word !== '公开')) &&
      first.word !== '存在' &&
      [...last.word].length >= 2 &&
      !/[，、]|无$|情况$|问题$/.test(h) &&
      [...h].length <= 16
    );
  });
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  return {
    shapes,
    leadIns,
    headings: cleaned.headings.filter((h) => [...h].length <= 20),
    verbHeadings,
    nouns: { n: sorted(byTag.n), vn: sorted(byTag.vn) },
    phrases: sorted(phrases),
    droppedForNames,
  };
}
