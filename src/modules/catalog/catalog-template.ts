/**
 * The default 政府信息公开 section of an agency, by level (pure data).
 *
 * Column set after 国办公开办函〔2019〕61号 (“统一名称、统一格式”): 政府信息公开指南, 政府信息公开制度,
 * 法定主动公开内容, 政府信息公开年报, plus 政策解读 and 政府信息公开申请 (slugs as on real portals:
 * zfxxgkzn, zfxxgkzd, fdzdgknr, zfxxgknb, zfxxgksq). 法定主动公开内容 has one column per item of
 * 条例第二十条 — item (一) split into 规章 and 行政规范性文件, as the annual report counts them apart —
 * and, by level, the items of 第二十一条. 规章 columns go only to the governments that make 规章
 * (省级 and 设区的市级人民政府 under 《立法法》); anyone else may add one.
 */
import type { NodeKind } from './catalog.js';

export interface TemplateNode {
  /** Stable identity of the node across renames: 'guide', 'statutory', '20.5', 'applications.fees' … */
  key: string;
  parentKey: string | null;
  slug: string;
  name: string;
  kind: NodeKind;
  statutoryItem: string | null;
  holdsDocuments: boolean;
  body: string | null;
}

export interface TemplateAgency {
  name: string;
  level: string;
  kind: string;
}

type Def = Omit<TemplateNode, 'parentKey' | 'body' | 'kind' | 'holdsDocuments'> & {
  kind?: NodeKind;
  holdsDocuments?: boolean;
  body?: string;
};

const col = (key: string, slug: string, name: string, statutoryItem: string | null, docs = false): Def => ({
  key,
  slug,
  name,
  statutoryItem,
  holdsDocuments: docs,
});

/** 第二十条 columns, in the order portals show them; 20.15 (其他) comes last, after 第二十一条. */
const ARTICLE_20: Def[] = [
  col('20.2', 'jgzn', '机构职能', '20.2'),
  col('20.1.rules', 'gz', '规章', '20.1', true),
  col('20.1.normative', 'xzgfxwj', '行政规范性文件', '20.1', true),
  col('20.3', 'ghxx', '规划信息', '20.3', true),
  col('20.4', 'tjxx', '统计信息', '20.4'),
  col('20.5', 'xzxk', '行政许可', '20.5'),
  col('20.6', 'xzcfxzqz', '行政处罚和行政强制', '20.6'),
  col('20.7', 'czyjs', '财政预决算', '20.7'),
  col('20.8', 'xzsyxsf', '行政事业性收费', '20.8'),
  col('20.9', 'zfjccg', '政府集中采购', '20.9'),
  col('20.10', 'zdjsxm', '重大建设项目', '20.10'),
  col('20.11', 'mszc', '民生政策', '20.11'),
  col('20.12', 'yjgl', '应急管理', '20.12'),
  col('20.13', 'jdjc', '监督检查', '20.13'),
  col('20.14', 'gwyzk', '公务员招考', '20.14'),
];
const OTHER_STATUTORY = col('20.15', 'qtfdgknr', '其他法定公开内容', '20.15');

const ARTICLE_21_CITY: Def[] = [
  col('21.city.1', 'szjs', '市政建设', '21.city.1'),
  col('21.city.2', 'ggfw', '公共服务', '21.city.2'),
  col('21.city.3', 'gysy', '公益事业', '21.city.3'),
  col('21.city.4', 'tdzs', '土地征收', '21.city.4'),
  col('21.city.5', 'fwzs', '房屋征收', '21.city.5'),
  col('21.city.6', 'zagl', '治安管理', '21.city.6'),
  col('21.city.7', 'shjz', '社会救助', '21.city.7'),
];

const ARTICLE_21_TOWNSHIP: Def[] = [
  col('21.township.1', 'nynczc', '农业农村政策', '21.township.1'),
  col('21.township.2', 'ntsl', '农田水利工程', '21.township.2'),
  col('21.township.3', 'tdcbjyqlz', '土地承包经营权流转', '21.township.3'),
  col('21.township.4', 'zjdsh', '宅基地审核', '21.township.4'),
  col('21.township.5', 'tdzs', '土地征收', '21.township.5'),
  col('21.township.6', 'fwzs', '房屋征收', '21.township.6'),
  col('21.township.7', 'czcl', '筹资筹劳', '21.township.7'),
  col('21.township.8', 'shjz', '社会救助', '21.township.8'),
];

function article21(level: string): Def[] {
  if (level === 'city' || level === 'county') return ARTICLE_21_CITY;
  if (level === 'township') return ARTICLE_21_TOWNSHIP;
  return [];
}

const makesRules = (a: TemplateAgency) =>
  a.kind === 'government' && (a.level === 'province' || a.level === 'city');

function applicationPages(agencyName: string): Def[] {
  const page = (key: string, slug: string, name: string, body: string): Def => ({
    key,
    slug,
    name,
    statutoryItem: null,
    kind: 'page',
    body,
  });
  return [
    page(
      'applications.notice',
      'sqxz',
      '申请须知',
      [
        `公民、法人或者其他组织可以向${agencyName}申请获取本机关制作或者保存的政府信息（《中华人民共和国政府信息公开条例》第二十七条）。`,
        '申请应当包括：（一）申请人的姓名或者名称、身份证明、联系方式；（二）申请公开的政府信息的名称、文号或者便于本机关查询的其他特征性描述；（三）申请公开的政府信息的形式要求，包括获取信息的方式、途径（条例第二十九条）。',
        '请如实填写身份和联系方式；一份申请表只填写一项政府信息，请勿重复提交。在线提交后请妥善保存系统提供的查询码，用于查询办理进度。',
        '以政府信息公开申请的形式进行信访、投诉、举报等活动的，本机关将告知申请人不作为政府信息公开申请处理，并可以告知通过相应渠道提出（条例第三十九条）。',
      ].join('\n\n'),
    ),
    page(
      'applications.process',
      'sqlc',
      '申请流程',
      [
        '一、提出申请：在线填写申请表，或者以信函、当面提交等书面形式提出；书面形式确有困难的，可以口头提出，由受理机构代为填写。',
        '二、登记：受理机构登记申请并出具回执；通过互联网或者传真提交的，以双方确认之日为收到申请之日（条例第三十一条）。',
        '三、审核：申请内容不明确的，自收到申请之日起7个工作日内一次性告知补正（条例第三十条）。',
        '四、办理：需要征求第三方或者其他机关意见的，依法书面征求意见（条例第三十二条、第三十四条）。',
        '五、答复：能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复（条例第三十三条）。',
        '六、归档：申请、审核、办理、答复材料依法归档（条例第四十五条）。',
      ].join('\n\n'),
    ),
    page(
      'applications.office',
      'sljg',
      '受理机构',
      `受理机构为${agencyName}政府信息公开工作机构。名称、办公地址、邮政编码、办公时间、联系电话、传真号码和电子邮箱以本机关《政府信息公开指南》为准。`,
    ),
    page(
      'applications.timeLimits',
      'blsx',
      '办理时限',
      [
        '能够当场答复的，当场予以答复。不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日（条例第三十三条）。',
        '征求第三方和其他机关意见所需时间不计算在上述期限内。申请内容不明确、本机关告知补正的，答复期限自收到补正的申请之日起计算（条例第三十条、第三十三条）。',
      ].join('\n\n'),
    ),
    page(
      'applications.fees',
      'sfbz',
      '收费标准',
      [
        '依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费（条例第四十二条）。',
        '信息处理费按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行，按件或者按量计收，二者不重复计算：',
        '按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，每件100元；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。',
        '按量计收：同一申请件30页以下（含30页）的，不收费；31—100页（含100页）的部分，每页10元；101—200页（含200页）的部分，每页20元；201页以上的部分，每页40元。',
      ].join('\n\n'),
    ),
  ];
}

/** The whole default tree for an agency, parents before children, with the order siblings take. */
export function defaultTemplate(agency: TemplateAgency): TemplateNode[] {
  const statutory = [
    ...ARTICLE_20.filter((d) => d.key !== '20.1.rules' || makesRules(agency)),
    ...article21(agency.level),
    OTHER_STATUTORY,
  ];
  const tree: [Def, Def[]][] = [
    [{ key: 'guide', slug: 'zfxxgkzn', name: '政府信息公开指南', statutoryItem: null, kind: 'guide' }, []],
    [col('rules', 'zfxxgkzd', '政府信息公开制度', null, true), []],
    [
      { key: 'statutory', slug: 'fdzdgknr', name: '法定主动公开内容', statutoryItem: null, kind: 'section' },
      statutory,
    ],
    [col('interpretation', 'zcjd', '政策解读', null), []],
    [col('annualReports', 'zfxxgknb', '政府信息公开年报', null), []],
    [
      {
        key: 'applications',
        slug: 'zfxxgksq',
        name: '政府信息公开申请',
        statutoryItem: null,
        kind: 'section',
      },
      applicationPages(agency.name),
    ],
  ];
  const full = (d: Def, parentKey: string | null): TemplateNode => ({
    key: d.key,
    parentKey,
    slug: d.slug,
    name: d.name,
    kind: d.kind ?? 'column',
    statutoryItem: d.statutoryItem,
    holdsDocuments: d.holdsDocuments ?? false,
    body: d.body ?? null,
  });
  return tree.flatMap(([top, children]) => [full(top, null), ...children.map((c) => full(c, top.key))]);
}
