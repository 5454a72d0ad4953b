/**
 * The deterministic item generator: the same seeds, agencies and GENERATOR_VERSION give the same
 * items, in the same order, on every machine. An item is a row of the archive import (the JSON
 * keys of src/modules/publications/import/fields.ts): title, 栏目, body, summary, keywords, 文号,
 * dates, 主题分类, 体裁, 有效性 and a 索引号 in the agency's pattern.
 *
 * Titles follow the shapes of real 公文 (关于…的通知/意见, …管理办法, …的批复, 年度报告) over the
 * seeds' noun phrases and verb-first headings plus this benchmark's topical nouns; bodies are 3–30
 * sentences recombined from the seeds' sentence shapes, with some nouns swapped, place names
 * replaced by the agency's, years moved to the item's and 文号 in the text replaced by plausible ones.
 */
import { toTraditional } from './clean.mjs';
import { rng } from './random.mjs';
import { DOMAIN_NOUNS, jieba, tfidf } from './vocabulary.mjs';

/** Bump when the generated items change: the cached corpus database is keyed by it. */
export const GENERATOR_VERSION = 1;

export const FIRST_DATE = '2015-01-01';
/** Last publication date (capped at today when the clock is earlier): fixed, so the corpus does not drift. */
export const LAST_DATE = '2026-10-31';

/** Profiles of the demo platform's agencies (src/demo/seed.ts), by code; others are derived from the name. */
const PROFILES = {
  '11510100DEMO00001X': {
    domain: 'general',
    place: '示例市',
    prefixes: ['示政发', '示政办发', '示政发', '示政办发', '示政办函'],
    letter: '示政函',
    normative: '示府规',
    rule: '示府令',
    weight: 22,
  },
  '11510100DEMO00002X': {
    domain: 'civil',
    place: '示例市',
    prefixes: ['示民发', '示民发', '示民办'],
    letter: '示民函',
    normative: '示民规',
    weight: 14,
  },
  '11510100DEMO00003X': {
    domain: 'finance',
    place: '示例市',
    prefixes: ['示财发', '示财预', '示财采', '示财办'],
    letter: '示财函',
    normative: '示财规',
    weight: 14,
  },
  '11510100DEMO00004X': {
    domain: 'education',
    place: '示例市',
    prefixes: ['示教发', '示教发', '示教办'],
    letter: '示教函',
    normative: '示教规',
    weight: 14,
  },
  '11510121DEMO00001X': {
    domain: 'general',
    place: '清河县',
    prefixes: ['清政发', '清政办发', '清政发', '清政办发'],
    letter: '清政函',
    normative: '清府规',
    weight: 16,
  },
  '11510121DEMO00002X': {
    domain: 'civil',
    place: '清河县',
    prefixes: ['清民发', '清民发', '清民办'],
    letter: '清民函',
    normative: '清民规',
    weight: 10,
  },
  '11510121DEMO00003X': {
    domain: 'land',
    place: '清河县',
    prefixes: ['清自然资发', '清自然资发', '清自然资办'],
    letter: '清自然资函',
    normative: '清自然资规',
    weight: 10,
  },
};

function profileOf(agency) {
  const known = PROFILES[agency.code];
  if (known) return known;
  const place = /^(.+?[市县区])/.exec(agency.name)?.[1] ?? agency.name.slice(0, 3);
  const stem = place.slice(0, 1);
  const domain = /民政/.test(agency.name)
    ? 'civil'
    : /财政/.test(agency.name)
      ? 'finance'
      : /教育/.test(agency.name)
        ? 'education'
        : /自然资源|国土/.test(agency.name)
          ? 'land'
          : 'general';
  return {
    domain,
    place,
    prefixes: [`${stem}发`, `${stem}办发`],
    letter: `${stem}函`,
    normative: `${stem}规`,
    weight: 10,
  };
}

/** How many of `total` items each agency gets (by weight; the remainder to the last). */
export function shareOut(agencies, total) {
  const weights = agencies.map((a) => profileOf(a).weight);
  const sum = weights.reduce((s, w) => s + w, 0);
  const counts = weights.map((w) => Math.floor((total * w) / sum));
  counts[counts.length - 1] += total - counts.reduce((s, n) => s + n, 0);
  return counts;
}

const TOPICS_BY_DOMAIN = {
  civil: [
    ['civilAffairsRelief', 12],
    ['generalAffairs', 2],
    ['populationFamily', 2],
    ['healthSports', 1],
  ],
  finance: [
    ['financeAudit', 12],
    ['economicManagement', 3],
    ['generalAffairs', 2],
  ],
  education: [
    ['scienceEducation', 12],
    ['healthSports', 2],
    ['generalAffairs', 2],
  ],
  land: [
    ['landEnergy', 12],
    ['urbanRuralEnvironment', 3],
    ['agricultureForestryWater', 2],
  ],
  general: [
    ['generalAffairs', 8],
    ['economicManagement', 3],
    ['urbanRuralEnvironment', 3],
    ['marketSafetyRegulation', 2],
    ['agricultureForestryWater', 2],
    ['industryTransport', 2],
    ['commerceCustomsTourism', 1],
    ['labourPersonnelSupervision', 1],
    ['publicSecurityJustice', 1],
    ['cultureMedia', 1],
    ['healthSports', 1],
    ['governmentOrganization', 1],
  ],
};
const ALL_TOPICS = [
  'governmentOrganization',
  'generalAffairs',
  'economicManagement',
  'financeAudit',
  'landEnergy',
  'agricultureForestryWater',
  'industryTransport',
  'commerceCustomsTourism',
  'marketSafetyRegulation',
  'urbanRuralEnvironment',
  'scienceEducation',
  'cultureMedia',
  'healthSports',
  'populationFamily',
  'labourPersonnelSupervision',
  'publicSecurityJustice',
  'civilAffairsRelief',
  'ethnicReligious',
  'other',
];

const GENRES = [
  ['notice', 30],
  ['opinion', 7],
  ['measures', 5],
  ['report', 6],
  ['reply', 4],
  ['decision', 3],
  ['announcement', 5],
  ['publicNotice', 4],
  ['circular', 4],
  ['letter', 3],
  ['minutes', 1],
  ['plan', 3],
  ['interpretation', 7],
  ['normativeDocument', 9],
  ['rule', 2],
  ['other', 5],
];
const GENRE_NAME = {
  notice: '通知',
  opinion: '意见',
  measures: '办法',
  report: '报告',
  reply: '批复',
  decision: '决定',
  announcement: '公告',
  publicNotice: '通告',
  circular: '通报',
  letter: '函',
  minutes: '纪要',
  plan: '规划',
  interpretation: '解读',
  normativeDocument: '文件',
  rule: '规章',
  other: '信息',
};
/** Share of items of a genre that carry a 文号. */
const DOC_NO_RATE = {
  notice: 0.8,
  opinion: 0.95,
  measures: 0.6,
  report: 0.5,
  reply: 1,
  decision: 0.95,
  announcement: 0.4,
  publicNotice: 0.6,
  circular: 0.8,
  letter: 1,
  minutes: 0.5,
  plan: 0.5,
  interpretation: 0,
  normativeDocument: 1,
  rule: 1,
  other: 0.1,
};
const CLOSING = {
  notice: '特此通知。',
  report: '特此报告。',
  reply: '此复。',
  letter: '特此函告。',
  announcement: '特此公告。',
  publicNotice: '特此通告。',
  circular: '特此通报。',
};
/** Columns (slug paths) by domain, weighted; genres with their own column are placed by columnFor. */
const COLUMNS_BY_DOMAIN = {
  civil: [
    ['fdzdgknr/shjz', 5],
    ['fdzdgknr/mszc', 4],
    ['fdzdgknr/xzxk', 1],
    ['fdzdgknr/jdjc', 1],
    ['fdzdgknr/ggfw', 2],
    ['fdzdgknr/gysy', 2],
  ],
  finance: [
    ['fdzdgknr/czyjs', 6],
    ['fdzdgknr/zfjccg', 4],
    ['fdzdgknr/xzsyxsf', 2],
    ['fdzdgknr/jdjc', 1],
  ],
  education: [
    ['fdzdgknr/ggfw', 4],
    ['fdzdgknr/mszc', 3],
    ['fdzdgknr/gwyzk', 1],
    ['fdzdgknr/gysy', 2],
    ['fdzdgknr/xzxk', 1],
  ],
  land: [
    ['fdzdgknr/tdzs', 4],
    ['fdzdgknr/fwzs', 2],
    ['fdzdgknr/xzxk', 3],
    ['fdzdgknr/zdjsxm', 3],
    ['fdzdgknr/xzcfxzqz', 1],
  ],
  general: [
    ['fdzdgknr/jgzn', 1],
    ['fdzdgknr/tjxx', 2],
    ['fdzdgknr/xzxk', 2],
    ['fdzdgknr/xzcfxzqz', 2],
    ['fdzdgknr/czyjs', 2],
    ['fdzdgknr/zfjccg', 2],
    ['fdzdgknr/zdjsxm', 3],
    ['fdzdgknr/mszc', 3],
    ['fdzdgknr/yjgl', 3],
    ['fdzdgknr/jdjc', 2],
    ['fdzdgknr/gwyzk', 1],
    ['fdzdgknr/szjs', 2],
    ['fdzdgknr/ggfw', 2],
    ['fdzdgknr/zagl', 1],
  ],
};
const COMMON_COLUMNS = [
  ['fdzdgknr/qtfdgknr', 3],
  ['fdzdgknr/tjxx', 1],
  ['fdzdgknr/yjgl', 1],
];

const VERBS = [
  '加强',
  '做好',
  '进一步加强',
  '规范',
  '推进',
  '开展',
  '深化',
  '落实',
  '完善',
  '加快推进',
  '全面推进',
];
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// ─── Dates ─────────────────────────────────────────────────────────────────────────────────────

const DAY = 86_400_000;
const toDay = (d) => Date.parse(`${d}T00:00:00Z`) / DAY;
const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const chineseDate = (d) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const fiveYearPlan = (y) => (y <= 2020 ? '“十三五”' : y <= 2025 ? '“十四五”' : '“十五五”');

// ─── The generator ───────────────────────────────────────────────────────────────────────────

/**
 * Items of one agency: `count` items (annual reports first, one a year, the rest random), sorted
 * by publication date, with 文号 and 索引号 numbered in that order.
 *
 * `agency`: { code, name, columns: Set of active column slug paths }
 * `formatIndexNo(publishedOn, serial)`: the agency's 索引号 pattern (the product's formatIndexNo);
 * the serial runs per year of publication.
 */
export function generateAgencyItems({
  vocabulary,
  agency,
  count,
  lastDate,
  seed,
  formatIndexNo,
  traditionalRate,
}) {
  const r = rng(`${seed}/${GENERATOR_VERSION}/${agency.code}`);
  const profile = profileOf(agency);
  const domainNouns = DOMAIN_NOUNS[profile.domain];
  const phrases = vocabulary.phrases.slice(0, 400);
  const has = (col) => agency.columns.has(col);
  const columnsOf = (pairs) => pairs.filter(([c]) => has(c));
  const topicalColumns = [...columnsOf(COLUMNS_BY_DOMAIN[profile.domain]), ...columnsOf(COMMON_COLUMNS)];
  const first = toDay(FIRST_DATE);
  const last = toDay(lastDate);
  const stem = profile.place.slice(0, -1);

  const subject = () => {
    const x = r.next();
    if (x < 0.45) return r.pick(domainNouns);
    if (x < 0.85) return r.pick(phrases);
    return r.pick(domainNouns) + r.pick(['管理', '服务', '保障', '监管', '信息公开']);
  };
  const work = (s) => (/工作$/.test(s) ? s : `${s}工作`);

  /** The metadata of an item (title comes later: interpretations name an earlier policy). */
  const draft = (i) => {
    const publishedDay = r.int(first, last);
    const publishedOn = fromDay(publishedDay);
    let genre = r.weighted(GENRES);
    if (genre === 'rule' && !has('fdzdgknr/gz')) genre = 'normativeDocument';
    const writtenOn = fromDay(Math.max(first, publishedDay - r.int(0, 25)));
    return { i, genre, publishedOn, writtenOn, annual: false };
  };
  const years = [];
  for (let y = Number(FIRST_DATE.slice(0, 4)) + 1; `${y}-03-31` <= lastDate; y++) years.push(y);
  const drafts = [];
  for (const [k, y] of years.entries())
    if (k < count && has('zfxxgknb')) {
      const publishedOn = fromDay(toDay(`${y}-01-10`) + r.int(0, 70));
      drafts.push({ i: k, genre: 'report', publishedOn, writtenOn: publishedOn, annual: y - 1 });
    }
  for (let i = drafts.length; i < count; i++) drafts.push(draft(i));
  drafts.sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : a.i - b.i));

  const docNoSerial = new Map();
  const indexSerial = new Map();
  const policies = [];
  const items = [];
  for (const d of drafts) {
    const year = Number(d.publishedOn.slice(0, 4));
    const writtenYear = Number(d.writtenOn.slice(0, 4));
    const s = subject();
    const title = titleOf(d, s, year, writtenYear);
    if (d.genre === 'normativeDocument' || d.genre === 'rule') policies.push(title);
    const column = columnFor(d);
    let docNo = null;
    if (!d.annual && r.chance(DOC_NO_RATE[d.genre])) {
      const prefix =
        d.genre === 'normativeDocument'
          ? profile.normative
          : d.genre === 'rule'
            ? (profile.rule ?? profile.normative)
            : d.genre === 'letter' || d.genre === 'reply'
              ? profile.letter
              : r.pick(profile.prefixes);
      const key = `${prefix}/${writtenYear}`;
      const n = (docNoSerial.get(key) ?? 0) + 1;
      docNoSerial.set(key, n);
      docNo = `${prefix}〔${writtenYear}〕${n}号`;
    }
    const serial = (indexSerial.get(year) ?? 0) + 1;
    indexSerial.set(year, serial);
    const topic = r.chance(0.1) ? r.pick(ALL_TOPICS) : r.weighted(TOPICS_BY_DOMAIN[profile.domain]);
    const validity =
      d.genre === 'normativeDocument' || d.genre === 'rule'
        ? r.weighted([
            ['effective', year >= 2021 ? 85 : 55],
            ['amended', 8],
            ['repealed', year >= 2021 ? 4 : 25],
            ['expired', year >= 2021 ? 3 : 12],
          ])
        : null;
    const body = bodyOf(d, s, year);
    const text = body.paragraphs.join('\n');
    let summary = '';
    const x = r.next();
    if (x < 0.4) summary = cut(body.paragraphs.find((p) => p.length > 20) ?? '', 120);
    else if (x < 0.7)
      summary = `${agency.name}就${s}有关事项作出${r.pick(['部署', '规定', '安排', '说明', '要求'])}。`;
    const keywords = keywordsOf(title, text, s);
    const item = {
      indexNo: formatIndexNo(d.publishedOn, serial),
      title,
      column,
      bodyFormat: body.format,
      body: body.source,
      summary,
      keywords,
      ...(docNo ? { docNo } : {}),
      writtenOn: d.writtenOn,
      formedOn: d.writtenOn,
      publishedOn: d.publishedOn,
      topic,
      genre: d.genre,
      ...(validity ? { validity } : {}),
    };
    if (r.chance(traditionalRate)) {
      item.title = toTraditional(item.title);
      item.summary = toTraditional(item.summary);
      item.body = toTraditional(item.body);
      item.keywords = item.keywords.map(toTraditional);
      item.traditional = true;
    }
    items.push(item);
  }
  return items;

  function columnFor(d) {
    if (d.annual) return 'zfxxgknb';
    if (d.genre === 'rule') return 'fdzdgknr/gz';
    if (d.genre === 'normativeDocument') return 'fdzdgknr/xzgfxwj';
    if (d.genre === 'interpretation' && has('zcjd')) return 'zcjd';
    if (d.genre === 'plan' && has('fdzdgknr/ghxx')) return 'fdzdgknr/ghxx';
    if (d.genre === 'notice' && has('zfxxgkzd') && r.chance(0.03)) return 'zfxxgkzd';
    return r.weighted(topicalColumns);
  }

  function titleOf(d, s, year, writtenYear) {
    const place = profile.place;
    const pick = r.pick;
    const verb = pick(VERBS);
    if (d.annual) return `${agency.name}${d.annual}年政府信息公开工作年度报告`;
    switch (d.genre) {
      case 'notice':
        return pick([
          () => `关于${verb}${work(s)}的通知`,
          () =>
            `关于印发《${place}${s}${pick(['实施方案', '工作方案', '工作要点', '考核办法', '实施细则', '管理规定'])}》的通知`,
          () => `关于做好${writtenYear}年${work(s)}的通知`,
          () => `关于${pick(vocabulary.verbHeadings)}的通知`,
          () =>
            `关于开展${writtenYear}年度${s}${pick(['专项检查', '集中整治', '评估', '摸底调查', '宣传月活动'])}的通知`,
          () => `关于调整${s}${pick(['标准', '有关事项', '工作机构'])}的通知`,
        ])();
      case 'opinion':
        return `关于${verb}${s}的${pick(['意见', '实施意见', '指导意见'])}`;
      case 'measures':
        return `${place}${s}${pick(['管理办法', '实施办法', '暂行办法', '资金管理办法'])}`;
      case 'report':
        return r.chance(0.5)
          ? `${agency.name}关于${writtenYear}年${work(s)}情况的报告`
          : `关于${s}${pick(['工作', '专项检查', '调研'])}情况的报告`;
      case 'reply':
        return `关于${pick(['同意', '批准'])}${place}${s}${pick(['实施方案', '调整方案', '项目'])}的批复`;
      case 'decision':
        return r.chance(0.5)
          ? `关于表彰${writtenYear - 1}年度${s}先进集体和先进个人的决定`
          : `关于${pick(['废止', '修改', '宣布失效'])}部分${s}文件的决定`;
      case 'announcement':
        return `${agency.name}关于${s}${pick(['有关事项', '公开征求意见', '评审结果', '公开招聘'])}的公告`;
      case 'publicNotice':
        return `关于${pick(['加强', '规范', '严禁违规'])}${s}${pick(['管理', '秩序', '行为'])}的通告`;
      case 'circular':
        return `关于${writtenYear}年${s}${pick(['工作', '专项督查', '检查'])}情况的通报`;
      case 'letter':
        return r.chance(0.6)
          ? `关于${s}有关事项的函`
          : `关于商请${pick(['协助开展', '支持', '配合做好'])}${work(s)}的函`;
      case 'minutes':
        return `${s}${pick(['专题会议', '工作协调会', '联席会议'])}纪要`;
      case 'plan':
        return r.chance(0.6)
          ? `${place}${fiveYearPlan(year)}${s}规划`
          : `${place}${s}专项规划（${year}—${year + 4}年）`;
      case 'interpretation': {
        const policy = policies.length ? pick(policies.slice(-20)) : `${place}${s}管理办法`;
        const inner = policy.replace(/《/g, '〈').replace(/》/g, '〉');
        return pick([`《${inner}》政策解读`, `一图读懂《${inner}》`, `关于《${inner}》的解读`]);
      }
      case 'normativeDocument':
        return r.chance(0.6)
          ? `${place}${s}${pick(['管理办法', '实施细则', '暂行规定', '管理规定'])}`
          : `关于印发${place}${s}${pick(['管理办法', '实施办法'])}的通知`;
      case 'rule':
        return `${place}${s}${pick(['管理办法', '规定', '实施办法'])}`;
      default:
        return `${place}${writtenYear}年${s}${pick(['工作要点', '工作总结', '情况公示', '名单公示'])}`;
    }
  }

  /** One sentence from a seed shape: nouns swapped now and then, places, years and 文号 made the item's. */
  function realise(shape, year) {
    let out = '';
    for (const t of shape) {
      if (t.k === 'place') out += profile.place;
      else if (t.k === 'placeStem') out += stem;
      else if ((t.k === 'n' || t.k === 'vn') && r.chance(0.12))
        out += r.chance(0.5) ? r.pick(domainNouns) : r.pick(vocabulary.nouns[t.k]);
      else out += t.w;
    }
    // Years: the latest year of the sentence becomes the item's, the others keep their distance.
    const ys = [...out.matchAll(/(?:19|20)\d{2}(?=年)/g)].map((m) => Number(m[0]));
    const top = ys.length ? Math.max(...ys) : year;
    out = out.replace(/(?:19|20)\d{2}(?=年)/g, (m) => String(year - (top - Number(m))));
    out = out.replace(/\{年\}/g, String(year));
    // 文号 quoted in the text: one of the agency's, of the item's year or earlier.
    return out.replace(
      /[\u4e00-\u9fff]{1,8}[〔［[【（(]\s*(?:19|20)\d{2}\s*[〕］\]】）)]\s*第?\d{1,4}号/g,
      () => `${r.pick(profile.prefixes)}〔${year - r.int(0, 2)}〕${r.int(1, 150)}号`,
    );
  }

  function bodyOf(d, s, year) {
    const paragraphs = [];
    const headings = [];
    const shapes = vocabulary.shapes;
    const salutation = ['notice', 'opinion', 'circular', 'reply', 'letter', 'decision'].includes(d.genre);
    if (salutation)
      paragraphs.push(
        agency.kind === 'government'
          ? `各${agency.level === 'city' ? '县（市、区）' : '乡镇'}人民政府，${agency.level === 'city' ? '市' : '县'}政府各部门：`
          : `各${agency.level === 'city' ? '县（市、区）' : '乡镇'}${agency.name.replace(/^.*?[市县]/, '')}，局机关各科室：`,
      );
    const name = GENRE_NAME[d.genre];
    paragraphs.push(
      r.chance(0.3) && vocabulary.leadIns.length
        ? realise(r.pick(vocabulary.leadIns), year)
        : `为${r.pick(VERBS)}${s}，根据有关规定，结合${profile.place}实际，现将有关事项${d.genre === 'report' ? '报告' : d.genre === 'opinion' ? '提出意见' : name === '通知' ? '通知' : '说明'}如下：`,
    );
    const total = r.int(3, 30);
    const sections = total >= 8 ? r.int(2, Math.min(6, Math.floor(total / 3))) : 0;
    const perSection = sections ? Math.ceil(total / sections) : total;
    let left = total;
    for (let k = 0; left > 0; k++) {
      if (sections) {
        const h = `${CN_NUM[k] ?? k + 1}、${r.pick(vocabulary.headings)}`;
        headings.push(paragraphs.length);
        paragraphs.push(h);
      }
      let inSection = Math.min(left, perSection);
      left -= inSection;
      while (inSection > 0) {
        const n = Math.min(inSection, r.int(1, 4));
        inSection -= n;
        let p = '';
        for (let j = 0; j < n; j++) p += realise(r.pick(shapes), year);
        paragraphs.push(p);
      }
    }
    const closing = d.annual ? null : CLOSING[d.genre];
    if (closing) paragraphs.push(closing);
    const signature = [agency.name, chineseDate(d.writtenOn)];
    const markdown = r.chance(0.2);
    const isHeading = new Set(headings);
    const source = markdown
      ? [...paragraphs.map((p, k) => (isHeading.has(k) ? `**${p}**` : p)), ...signature].join('\n\n')
      : [
          ...paragraphs.map((p, k) => (isHeading.has(k) ? `<p><strong>${p}</strong></p>` : `<p>${p}</p>`)),
          ...signature.map((x) => `<p>${x}</p>`),
        ].join('\n');
    return { paragraphs, source, format: markdown ? 'markdown' : 'html' };
  }

  function keywordsOf(title, text, s) {
    const found = tfidf
      .extractKeywords(jieba, `${title}。${title}。${text.slice(0, 160)}`, 4, ['n', 'vn', 'nz', 'l'])
      .map((k) => k.keyword);
    const out = [...new Set([...([...s].length <= 20 ? [s] : []), ...found])];
    return out.filter((k) => [...k].length <= 20).slice(0, 5);
  }
}

const cut = (s, n) => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join('')}…`);
