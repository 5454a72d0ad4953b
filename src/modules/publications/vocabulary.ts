/**
 * The closed vocabularies of a publication's metadata, as codes with their Chinese labels
 * (portal-and-letters.md §3, disclosure-rules.md §1.2 and §5.5, glossary.md).
 */

/** 主题分类: the national (国务院) scheme used by 政府信息公开 platforms, plus 其他. */
export const TOPIC_LABELS = {
  governmentOrganization: '政府组织机构',
  generalAffairs: '综合政务',
  economicManagement: '国民经济管理、国有资产监管',
  financeAudit: '财政、金融、审计',
  landEnergy: '国土资源、能源',
  agricultureForestryWater: '农业、林业、水利',
  industryTransport: '工业、交通',
  commerceCustomsTourism: '商贸、海关、旅游',
  marketSafetyRegulation: '市场监管、安全生产监管',
  urbanRuralEnvironment: '城乡建设、环境保护',
  scienceEducation: '科技、教育',
  cultureMedia: '文化、广电、新闻出版',
  healthSports: '卫生、体育',
  populationFamily: '人口与计划生育、妇女儿童工作',
  labourPersonnelSupervision: '劳动、人事、监察',
  publicSecurityJustice: '公安、安全、司法',
  civilAffairsRelief: '民政、扶贫、救灾',
  ethnicReligious: '民族、宗教',
  foreignAffairs: '对外事务',
  hkMacaoTaiwanOverseas: '港澳台侨工作',
  nationalDefence: '国防',
  other: '其他',
} as const;
export type Topic = keyof typeof TOPIC_LABELS;
export const TOPICS = Object.keys(TOPIC_LABELS) as Topic[];

/** 体裁 / 公文种类 (党政机关公文处理工作条例 types in use, plus 规章, 规范性文件, 办法, 规划, 政策解读). */
export const GENRE_LABELS = {
  rule: '规章',
  normativeDocument: '行政规范性文件',
  interpretation: '政策解读',
  decision: '决定',
  order: '命令（令）',
  communique: '公报',
  announcement: '公告',
  publicNotice: '通告',
  opinion: '意见',
  notice: '通知',
  circular: '通报',
  report: '报告',
  reply: '批复',
  letter: '函',
  minutes: '纪要',
  measures: '办法',
  plan: '规划',
  other: '其他',
} as const;
export type Genre = keyof typeof GENRE_LABELS;
export const GENRES = Object.keys(GENRE_LABELS) as Genre[];

/** Genres that carry 有效性 (国办发〔2017〕47号: 修改、废止、失效 marked on the original). */
export const VALIDITY_GENRES: readonly Genre[] = ['rule', 'normativeDocument'];
/** Genres that need a 政策解读 linked to them (§5.7: 政策性文件与解读同步). */
export const INTERPRETATION_REQUIRED_GENRES: readonly Genre[] = ['rule', 'normativeDocument'];

export const VALIDITY_LABELS = {
  effective: '有效',
  amended: '已修改',
  repealed: '已废止',
  expired: '失效',
} as const;
export type Validity = keyof typeof VALIDITY_LABELS;
export const VALIDITIES = Object.keys(VALIDITY_LABELS) as Validity[];

/** 公开属性, decided at the source (§5.10 公开属性源头认定). */
export const ATTRIBUTE_LABELS = {
  proactive: '主动公开',
  onRequest: '依申请公开',
  withheld: '不予公开',
} as const;
export type DisclosureAttribute = keyof typeof ATTRIBUTE_LABELS;
export const ATTRIBUTES = Object.keys(ATTRIBUTE_LABELS) as DisclosureAttribute[];

/** 不予公开理由 E1–E8 (disclosure-rules.md §1.2), labelled as the annual report's rows. */
export const WITHHOLD_GROUND_LABELS = {
  E1: '属于国家秘密（第十四条）',
  E2: '其他法律行政法规禁止公开（第十四条）',
  E3: '危及“三安全一稳定”（第十四条）',
  E4: '保护第三方合法权益（第十五条）',
  E5: '属于三类内部事务信息（第十六条第一款）',
  E6: '属于四类过程性信息（第十六条第二款）',
  E7: '属于行政执法案卷（第十六条第二款）',
  E8: '属于行政查询事项（第三十六条第七项）',
} as const;
export type WithholdGround = keyof typeof WITHHOLD_GROUND_LABELS;
export const WITHHOLD_GROUNDS = Object.keys(WITHHOLD_GROUND_LABELS) as WithholdGround[];

export const BODY_FORMATS = ['markdown', 'html'] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

/** 文号 as written: 代字〔年份〕序号号, e.g. 雅办发〔2017〕18号 (GB/T 9704 六角括号). */
export function formatDocNo(
  prefix: string | null,
  year: number | null,
  number: number | null,
): string | null {
  if (!prefix || year === null || number === null) return null;
  return `${prefix}〔${year}〕${number}号`;
}
