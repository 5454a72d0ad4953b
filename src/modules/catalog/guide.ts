/**
 * The 政府信息公开指南 (guide). 条例第十二条: the 指南 「应当包括政府信息的分类、编排体系、获取方式和
 * 政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容」 and
 * 「应当及时更新」. The outline (一、主动公开 二、依申请公开 三、监督方式及程序) follows published 指南.
 * Pure: field list, template, problems, the contacts it publishes. The office's fields are named
 * office* (officePhone, not phone): they are official contacts, published, and the audit trail must
 * not mistake them for personal data (platform/audit/redact.ts hashes `phone`, `email` …).
 */
import type { CatalogGuideTable } from './catalog.table.js';

export type GuideGroup = 'office' | 'proactive' | 'onRequest' | 'supervision';
export const GUIDE_GROUP_LABELS: Record<GuideGroup, string> = {
  office: '政府信息公开工作机构',
  proactive: '一、主动公开',
  onRequest: '二、依申请公开',
  supervision: '三、监督方式及程序',
};

export interface GuideFieldDef {
  key: string;
  label: string;
  group: GuideGroup;
  /** Missing ⇒ a problem of the 指南 (it can still be saved while being completed). */
  required: boolean;
  multiline: boolean;
  max: number;
  hint?: string;
}

const f = <K extends string>(
  key: K,
  label: string,
  group: GuideGroup,
  opts: { required?: boolean; multiline?: boolean; max?: number; hint?: string } = {},
): GuideFieldDef & { key: K } => ({
  key,
  label,
  group,
  required: opts.required ?? true,
  multiline: opts.multiline ?? false,
  max: opts.max ?? (opts.multiline ? 3000 : 200),
  ...(opts.hint ? { hint: opts.hint } : {}),
});

const SEPARATORS = '多个号码或地址用顿号“、”分隔';

export const GUIDE_FIELDS = [
  f('officeName', '工作机构名称', 'office', { max: 100 }),
  f('officeAddress', '办公地址', 'office'),
  f('officePostcode', '邮政编码', 'office', { required: false, max: 6, hint: '6位数字' }),
  f('officeHours', '办公时间', 'office', { hint: '如：工作日上午9:00—12:00，下午13:30—17:00' }),
  f('officePhone', '联系电话', 'office', { hint: SEPARATORS }),
  f('officeFax', '传真号码', 'office', { hint: SEPARATORS }),
  f('officeEmail', '电子邮箱', 'office', { required: false, hint: `与网址至少填写一项；${SEPARATORS}` }),
  f('officeWebsite', '互联网联系方式（网址）', 'office', {
    required: false,
    hint: '以 http:// 或 https:// 开头；与电子邮箱至少填写一项',
  }),
  f('scope', '公开范围', 'proactive', { multiline: true }),
  f('arrangement', '编排体系', 'proactive', {
    multiline: true,
    hint: '说明栏目分类及索引号、信息名称、发布机构、生成日期、文号等要素的含义',
  }),
  f('channels', '公开渠道', 'proactive', { multiline: true }),
  f('timeLimit', '公开时限', 'proactive', { multiline: true }),
  f('applicationOffice', '受理机构', 'onRequest', { multiline: true }),
  f('applicationMethods', '申请方式', 'onRequest', {
    multiline: true,
    hint: '在线申请、书面申请、口头申请的具体办法',
  }),
  f('processing', '处理及时限', 'onRequest', { multiline: true }),
  f('fees', '收费', 'onRequest', { multiline: true }),
  f('supervision', '监督方式及程序', 'supervision', { multiline: true }),
] as const satisfies readonly GuideFieldDef[];

export type GuideFieldKey = (typeof GUIDE_FIELDS)[number]['key'];
export type GuideFields = Record<GuideFieldKey, string>;

export interface Guide {
  agencyId: string;
  fields: GuideFields;
  updatedAt: string;
  updatedBy: string | null;
}

export function emptyGuideFields(): GuideFields {
  return Object.fromEntries(GUIDE_FIELDS.map((d) => [d.key, ''])) as GuideFields;
}

/** Known keys only, strings only: a stored document from an older field list still maps cleanly. */
export function parseGuideFields(json: string): GuideFields {
  const out = emptyGuideFields();
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return out;
  }
  if (raw && typeof raw === 'object')
    for (const d of GUIDE_FIELDS) {
      const v = (raw as Record<string, unknown>)[d.key];
      if (typeof v === 'string') out[d.key] = v;
    }
  return out;
}

export function toGuide(row: CatalogGuideTable): Guide {
  return {
    agencyId: row.agency_id,
    fields: parseGuideFields(row.fields_json),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** What the 指南 still lacks, in plain Chinese; empty when complete. */
export function guideProblems(fields: GuideFields): string[] {
  const problems: string[] = [];
  for (const d of GUIDE_FIELDS) {
    if (!d.required || fields[d.key].trim()) continue;
    problems.push(`未填写“${d.label}”（${GUIDE_GROUP_LABELS[d.group]}）`);
  }
  if (!fields.officeEmail.trim() && !fields.officeWebsite.trim())
    problems.push('未填写电子邮箱或网址：条例第十二条要求指南载明互联网联系方式');
  return problems;
}

/** Splits a field holding several numbers or addresses (separated by 、 , ， ; ； / or new lines). */
export function splitContacts(value: string): string[] {
  return value
    .split(/[、,，;；/\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The phones, faxes and e-mail addresses the 指南 publishes (official contacts, not personal data). */
export function guideContacts(fields: GuideFields): string[] {
  return [...new Set([fields.officePhone, fields.officeFax, fields.officeEmail].flatMap(splitContacts))];
}

/** The 指南 as first created: the outline prefilled with the agency's name, the office's details left blank. */
export function guideTemplate(agency: { name: string; level: string }): GuideFields {
  const a = agency.name;
  const has21 = agency.level !== 'province';
  return {
    ...emptyGuideFields(),
    officeName: `${a}办公室`,
    scope: [
      `${a}主动公开《中华人民共和国政府信息公开条例》第二十条${has21 ? '、第二十一条' : ''}规定的政府信息，以及法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息，具体见本专栏“法定主动公开内容”。`,
      '依照条例第十四条、第十五条、第十六条不予公开或者可以不予公开的政府信息除外。',
    ].join('\n'),
    arrangement: [
      '主动公开的政府信息按“政府信息公开指南”“政府信息公开制度”“法定主动公开内容”“政策解读”“政府信息公开年报”等栏目编排。每条政府信息包括以下要素：',
      '索引号：由机构代码、生成年份和年度流水号组成，每条政府信息一个，不重复。',
      '信息名称：政府信息的标题。',
      '内容概述：对政府信息主要内容的简要说明。',
      `发布机构：制作或者获取该政府信息并负责公开的行政机关，即${a}。`,
      '生成日期：政府信息形成或者变更的日期。',
      '文号：公文的发文字号，由发文机关代字、年份和序号组成，如“×民发〔2026〕1号”；非公文类信息没有文号。',
    ].join('\n'),
    channels: [
      `${a}主动公开的政府信息通过本平台政府信息公开专栏公开，并根据需要通过政府公报、新闻发布会以及报刊、广播、电视等途径公开（条例第二十三条）。`,
      '公众也可以在国家档案馆、公共图书馆、政务服务场所设置的政府信息公开查阅场所查阅（条例第二十五条）。',
    ].join('\n'),
    timeLimit:
      '属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内及时公开。法律、法规对政府信息公开的期限另有规定的，从其规定（条例第二十六条）。',
    applicationOffice: `${a}政府信息公开工作机构负责受理政府信息公开申请，地址、邮政编码、联系电话、电子邮箱和办公时间见本指南“政府信息公开工作机构”部分。`,
    applicationMethods: [
      '申请获取政府信息的，应当向本机关政府信息公开工作机构提出，并采用包括信件、数据电文在内的书面形式；采用书面形式确有困难的，可以口头提出（条例第二十九条）。',
      '1．在线申请：在本平台“政府信息公开申请”栏目在线填写并提交申请表。',
      '2．书面申请：填写《政府信息公开申请表》，当面提交或者邮寄至受理机构；邮寄的，请在信封左下角注明“政府信息公开申请”。',
      '3．口头申请：到受理机构当面提出，由工作人员代为填写申请，申请人签名或者盖章确认。',
      '申请内容应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。',
    ].join('\n'),
    processing: [
      '能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在内（条例第三十三条）。',
      '申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人补正；答复期限自收到补正的申请之日起计算（条例第三十条）。',
      '收到申请之日：当面提交的，为提交之日；邮寄的，为签收之日，平常信函等无需签收的，为与申请人确认之日；通过互联网渠道或者传真提交的，为双方确认之日（条例第三十一条）。',
    ].join('\n'),
    fees: '依申请提供政府信息，不收取费用。申请公开政府信息的数量、频次明显超过合理范围的，依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费（条例第四十二条）。',
    supervision:
      '公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。',
  };
}
