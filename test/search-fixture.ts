/**
 * A deterministic corpus of 主动公开 items for the search tests: a seeded PRNG picks from word
 * lists and sentence shapes written for this fixture (no real documents), over the demo agencies
 * and their columns, with 文号 of several 代字 and years, 主题/体裁/有效性, dates from 2016 to 2026,
 * some attachments, some items written in Traditional characters, and items that must NOT be found
 * (drafts, withdrawn items, an amendment under way whose draft differs from the live version).
 *
 *   const items = await writeSearchFixture(services.db, generateSearchItems(agencies, 1000));
 *
 * Rows are written as an import writes them (row + version snapshot + attachments), then the
 * items are indexed; `items` describes each live item as the portal shows it (for test oracles).
 */
import { randomUUID } from 'node:crypto';
import * as OpenCC from 'opencc-js/cn2t';
import { toCatalogNode } from '../src/modules/catalog/catalog.js';
import { listNodes } from '../src/modules/catalog/catalog.repository.js';
import { insertAttachment } from '../src/modules/publications/attachments.repository.js';
import { htmlToText } from '../src/modules/publications/body.js';
import { emptyRow } from '../src/modules/publications/commands/create-publication.js';
import type { VersionSnapshot } from '../src/modules/publications/history.js';
import { insertPublication, insertVersion } from '../src/modules/publications/publications.repository.js';
import type { PublicationTable } from '../src/modules/publications/publications.table.js';
import {
  formatDocNo,
  type Genre,
  type Topic,
  type Validity,
} from '../src/modules/publications/vocabulary.js';
import { reindexPublications } from '../src/modules/search/indexer.js';
import type { SearchQuery } from '../src/modules/search/search.js';

/** A SearchQuery with no text and no filters, sorted by date, overridden by `q`. */
export function searchQuery(q: Partial<SearchQuery> = {}): SearchQuery {
  return {
    text: '',
    field: 'all',
    agencyIds: null,
    columnIds: null,
    topic: null,
    genre: null,
    validity: null,
    publishedFrom: null,
    publishedTo: null,
    writtenFrom: null,
    writtenTo: null,
    docNoPrefix: null,
    docNoYear: null,
    docNoSeq: null,
    sort: 'date',
    page: 1,
    pageSize: 10,
    ...q,
  };
}

import type { LegalDate } from '../src/platform/legal-date.js';
import type { Db } from '../src/platform/services.js';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ── vocabulary (written for this fixture) ──

const SUBJECTS: { words: string; topic: Topic }[] = [
  { words: '城乡居民最低生活保障', topic: 'civilAffairsRelief' },
  { words: '特困人员救助供养', topic: 'civilAffairsRelief' },
  { words: '临时救助', topic: 'civilAffairsRelief' },
  { words: '养老服务体系建设', topic: 'civilAffairsRelief' },
  { words: '困难残疾人生活补贴', topic: 'civilAffairsRelief' },
  { words: '婚姻登记服务', topic: 'civilAffairsRelief' },
  { words: '社区治理和服务', topic: 'civilAffairsRelief' },
  { words: '预算绩效管理', topic: 'financeAudit' },
  { words: '政府采购监督管理', topic: 'financeAudit' },
  { words: '部门预算和决算公开', topic: 'financeAudit' },
  { words: '地方政府专项债券', topic: 'financeAudit' },
  { words: '义务教育学生资助', topic: 'scienceEducation' },
  { words: '学前教育普惠发展', topic: 'scienceEducation' },
  { words: '中小学校园安全', topic: 'scienceEducation' },
  { words: '教师队伍建设', topic: 'scienceEducation' },
  { words: '耕地保护和占补平衡', topic: 'landEnergy' },
  { words: '不动产登记', topic: 'landEnergy' },
  { words: '国土空间规划', topic: 'landEnergy' },
  { words: '矿产资源开发管理', topic: 'landEnergy' },
  { words: '政务公开', topic: 'generalAffairs' },
  { words: '优化营商环境', topic: 'economicManagement' },
  { words: '安全生产专项整治', topic: 'marketSafetyRegulation' },
  { words: '食品安全监管', topic: 'marketSafetyRegulation' },
  { words: '农村公路养护', topic: 'industryTransport' },
  { words: '河湖长制', topic: 'agricultureForestryWater' },
  { words: '森林防火', topic: 'agricultureForestryWater' },
  { words: '生态环境保护', topic: 'urbanRuralEnvironment' },
  { words: '城镇老旧小区改造', topic: 'urbanRuralEnvironment' },
  { words: '就业创业扶持', topic: 'labourPersonnelSupervision' },
  { words: '公共卫生应急', topic: 'healthSports' },
];

const VERBS = ['做好', '进一步加强', '切实做好', '规范', '推进', '开展', '调整', '完善', '深化'];
const PLACES = ['全市', '全县', '城区', '各乡镇', '农村地区', '重点区域'];
const GOALS = [
  '保障群众基本生活',
  '提高服务质量和效率',
  '防范化解重大风险',
  '推动工作落实',
  '增强人民群众获得感',
  '促进经济社会高质量发展',
];

const TITLE_SHAPES: { shape: (s: string, v: string, year: number) => string; genre: Genre }[] = [
  { shape: (s, v) => `关于${v}${s}工作的通知`, genre: 'notice' },
  { shape: (s) => `关于印发《${s}实施方案》的通知`, genre: 'notice' },
  { shape: (s) => `${s}管理办法`, genre: 'normativeDocument' },
  { shape: (s, _v, y) => `${y}年${s}工作要点`, genre: 'plan' },
  { shape: (s, _v, y) => `关于${y}年${s}情况的报告`, genre: 'report' },
  { shape: (s) => `《${s}管理办法》政策解读`, genre: 'interpretation' },
  { shape: (s) => `关于公开征求《${s}规定（征求意见稿）》意见的公告`, genre: 'announcement' },
  { shape: (s) => `关于${s}有关事项的意见`, genre: 'opinion' },
  { shape: (s) => `${s}暂行规定`, genre: 'rule' },
  { shape: (s, _v, y) => `关于下达${y}年${s}资金的批复`, genre: 'reply' },
];

const SENTENCES: ((s: string, r: () => number) => string)[] = [
  (s, r) => `为${pick(r, GOALS)}，根据有关法律法规和上级部署，结合本地实际，现就${s}有关事项通知如下。`,
  (s, r) => `${pick(r, PLACES)}要把${s}作为重要民生工作，明确责任分工，细化工作措施，确保各项任务按时完成。`,
  (s) => `各单位要建立健全${s}工作台账，实行动态管理，做到应保尽保、应退尽退。`,
  (s, r) => `${s}资金实行专账核算、专款专用，任何单位和个人不得截留、挤占、挪用，${pick(r, GOALS)}。`,
  (s) => `对在${s}工作中弄虚作假、失职渎职的，依法依规严肃追究责任。`,
  (s, r) =>
    `请各乡镇人民政府于每季度结束后十个工作日内报送${s}进展情况，${pick(r, PLACES)}汇总后向社会公开。`,
  (s) => `本办法自印发之日起施行，有效期五年。此前有关${s}的规定与本办法不一致的，以本办法为准。`,
  (s) =>
    `联系电话：0816-1234567，联系人：办公室。申请人对${s}决定不服的，可以依法申请行政复议或者提起行政诉讼。`,
  (s, r) => `${pick(r, PLACES)}财政部门要会同有关部门加强${s}资金绩效评价，评价结果作为预算安排的重要依据。`,
  (s) => `进一步简化${s}办理流程，推行“一网通办”，实现群众办事“最多跑一次”。`,
];

const KEYWORDS = ['民生', '救助', '预算', '公开', '教育', '安全', '规划', '资金', '服务', '监管', '改革'];

/** 代字 by demo agency name (the county's 民政局 shares nothing with the city's). */
const PREFIXES: Record<string, string[]> = {
  示例市人民政府: ['示府发', '示府办发', '示府函'],
  示例市民政局: ['示民发', '示民函'],
  示例市财政局: ['示财预', '示财采'],
  示例市教育局: ['示教发'],
  示例市清河县人民政府: ['清府发', '清府办发'],
  清河县民政局: ['清民发'],
  清河县自然资源局: ['清自然资发', '清自然资函'],
};

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function dateBetween(r: () => number, from: string, days: number): LegalDate {
  const t = Date.parse(`${from}T00:00:00Z`) + Math.floor(r() * days) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10) as LegalDate;
}

// ── items ──

export type FixtureState = 'published' | 'withdrawn' | 'draft' | 'amending';

export interface FixtureItem {
  id: string;
  agencyName: string;
  agencyId: string;
  columnId: string;
  state: FixtureState;
  /** 索引号 (unique: derived from the id). */
  indexNo: string;
  title: string;
  summary: string;
  keywords: string[];
  paragraphs: string[];
  docNo: { prefix: string; year: number; seq: number } | null;
  topic: Topic;
  genre: Genre;
  validity: Validity | null;
  writtenOn: LegalDate;
  publishedOn: LegalDate;
  /** Seconds after Beijing midnight of publishedOn. */
  publishedSecond: number;
  publisherName: string;
  traditional: boolean;
  attachments: { fileName: string; text: string }[];
  /** For 'amending': the draft's title (never public). */
  draftTitle: string | null;
}

export interface FixtureAgency {
  id: string;
  name: string;
  /** Active columns of its catalogue. */
  columnIds: string[];
}

/** The demo agencies and their active columns. */
export async function fixtureAgencies(db: Db): Promise<FixtureAgency[]> {
  const agencies = await db.selectFrom('agencies').select(['id', 'name']).orderBy('sort_order').execute();
  const out: FixtureAgency[] = [];
  for (const a of agencies) {
    const columns = (await listNodes(db, a.id))
      .map(toCatalogNode)
      .filter((n) => n.kind === 'column' && n.status === 'active')
      .map((n) => n.id);
    if (columns.length) out.push({ id: a.id, name: a.name, columnIds: columns });
  }
  return out;
}

/** `count` items, the same for the same seed and agencies (ids included). */
export function generateSearchItems(
  agencies: FixtureAgency[],
  count: number,
  seed = 20261122,
): FixtureItem[] {
  const r = prng(seed);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
  const items: FixtureItem[] = [];
  for (let n = 0; n < count; n++) {
    const agency = agencies[n % agencies.length]!;
    const subject = pick(r, SUBJECTS);
    const shape = pick(r, TITLE_SHAPES);
    const publishedOn = dateBetween(r, '2016-01-01', 3700);
    const year = Number(publishedOn.slice(0, 4));
    const writtenOn = new Date(Date.parse(publishedOn) - Math.floor(r() * 40) * 86_400_000)
      .toISOString()
      .slice(0, 10) as LegalDate;
    const traditional = r() < 0.08;
    const tr = (s: string) => (traditional ? toTraditional(s) : s);
    const sentences = Array.from({ length: 3 + Math.floor(r() * 6) }, () =>
      pick(r, SENTENCES)(subject.words, r),
    );
    const paragraphs = [];
    for (let i = 0; i < sentences.length; i += 2) paragraphs.push(tr(sentences.slice(i, i + 2).join('')));
    const prefixes = PREFIXES[agency.name] ?? ['示办发'];
    const docNo =
      r() < 0.65
        ? { prefix: pick(r, prefixes), year: Number(writtenOn.slice(0, 4)), seq: 1 + Math.floor(r() * 60) }
        : null;
    const validity: Validity | null =
      shape.genre === 'rule' || shape.genre === 'normativeDocument'
        ? pick(r, ['effective', 'effective', 'effective', 'amended', 'repealed', 'expired'] as const)
        : null;
    const stateRoll = r();
    const state: FixtureState =
      stateRoll < 0.03
        ? 'withdrawn'
        : stateRoll < 0.05
          ? 'draft'
          : stateRoll < 0.07
            ? 'amending'
            : 'published';
    const attachments =
      r() < 0.15
        ? [
            {
              fileName: `附件${1 + Math.floor(r() * 3)}：${subject.words}统计表.xlsx`,
              text: tr(`${subject.words}情况统计表 序号 乡镇 户数 人数 金额（元） ${pick(r, PLACES)}合计`),
            },
          ]
        : [];
    const h = Array.from({ length: 4 }, () =>
      Math.floor(r() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    items.push({
      id: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`,
      agencyName: agency.name,
      agencyId: agency.id,
      columnId: pick(r, agency.columnIds),
      state,
      indexNo: `FX-${h.slice(0, 16)}`,
      title: tr(shape.shape(subject.words, pick(r, VERBS), year)),
      summary: r() < 0.7 ? tr(`${pick(r, VERBS)}${subject.words}，${pick(r, GOALS)}。`) : '',
      keywords:
        r() < 0.6 ? [pick(r, KEYWORDS), pick(r, KEYWORDS)].filter((k, i, a) => a.indexOf(k) === i) : [],
      paragraphs,
      docNo,
      topic: subject.topic,
      genre: shape.genre,
      validity,
      writtenOn,
      publishedOn,
      publishedSecond: Math.floor(r() * 86_400),
      publisherName: agency.name,
      traditional,
      attachments,
      draftTitle: state === 'amending' ? `修订稿：${subject.words}未公开草稿` : null,
    });
  }
  return items;
}

const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('\n');

/** Writes the items (as an import would) and indexes them; returns them. */
export async function writeSearchFixture(db: Db, items: FixtureItem[]): Promise<FixtureItem[]> {
  const now = '2026-03-01T00:00:00.000Z';
  await db.transaction().execute(async (trx) => {
    for (const it of items) {
      const bodyHtml = html(it.paragraphs);
      const publishedAt = new Date(
        Date.parse(`${it.publishedOn}T00:00:00+08:00`) + it.publishedSecond * 1000,
      ).toISOString();
      const live = it.state !== 'draft';
      const row: PublicationTable = {
        ...emptyRow(it.id, it.agencyId, now, null),
        column_id: it.columnId,
        state: it.state === 'amending' ? 'draft' : it.state,
        version: it.state === 'amending' ? 2 : 1,
        title: it.draftTitle ?? it.title,
        summary: it.summary,
        keywords: JSON.stringify(it.keywords),
        body_format: 'html',
        body_source: bodyHtml,
        body_html: bodyHtml,
        body_text: htmlToText(bodyHtml),
        doc_no_prefix: it.docNo?.prefix ?? null,
        doc_no_year: it.docNo?.year ?? null,
        doc_no_number: it.docNo?.seq ?? null,
        written_on: it.writtenOn,
        formed_on: it.writtenOn,
        due_on: null,
        publisher_name: it.publisherName,
        topic: it.topic,
        genre: it.genre,
        validity: it.validity,
        disclosure_attribute: 'proactive',
        withhold_ground: null,
        withhold_reason: null,
        published_version: live ? 1 : null,
        index_no: live ? it.indexNo : null,
        first_published_at: live ? publishedAt : null,
        published_at: live ? publishedAt : null,
        published_on: live ? it.publishedOn : null,
        withdrawn_at: it.state === 'withdrawn' ? now : null,
        withdrawn_reason: it.state === 'withdrawn' ? '内容已过时' : null,
      };
      await insertPublication(trx, row);
      const attachmentIds: { id: string; fileName: string; sha256: string; type: string; size: number }[] =
        [];
      for (const [i, a] of it.attachments.entries()) {
        const id = randomUUID();
        const sha256 = `${it.id.replaceAll('-', '')}${String(i).padStart(32, '0')}`;
        attachmentIds.push({ id, fileName: a.fileName, sha256, type: 'xlsx', size: a.text.length });
        await insertAttachment(trx, {
          id,
          publication_id: it.id,
          sha256,
          file_name: a.fileName,
          type: 'xlsx',
          size: a.text.length,
          text: a.text,
          extract_error: null,
          findings_json: '[]',
          sort_order: i + 1,
          uploaded_by: null,
          uploaded_at: now,
        });
      }
      if (!live) continue;
      const snapshot: VersionSnapshot = {
        title: it.title,
        summary: it.summary,
        keywords: it.keywords,
        bodyHtml,
        columnId: it.columnId,
        docNo: it.docNo ? formatDocNo(it.docNo.prefix, it.docNo.year, it.docNo.seq) : null,
        writtenOn: it.writtenOn,
        formedOn: it.writtenOn,
        publisherName: it.publisherName,
        topic: it.topic,
        genre: it.genre,
        indexNo: it.indexNo,
        attachments: attachmentIds,
      };
      await insertVersion(trx, {
        id: randomUUID(),
        publication_id: it.id,
        agency_id: it.agencyId,
        version: 1,
        title: it.title,
        formed_on: it.writtenOn,
        due_on: null,
        published_on: it.publishedOn,
        published_at: publishedAt,
        published_by: null,
        snapshot_json: JSON.stringify(snapshot),
      });
    }
  });
  await reindexPublications(
    db,
    items.map((i) => i.id),
  );
  return items;
}

/** Items the portal shows (and search must find). */
export const liveItems = (items: FixtureItem[]) =>
  items.filter((i) => i.state === 'published' || i.state === 'amending');
