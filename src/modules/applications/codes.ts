/**
 * The closed vocabularies of 依申请公开, each modelled once, as codes with their Chinese labels.
 *
 * Applicant kinds are the six applicant columns C1–C6 of the annual report's 表三, and outcomes are exactly
 * its result rows R3–R23 (2021 format, 国办公开办函〔2021〕30号; disclosure-rules.md §3.4), so the report is
 * counted from closed cases, never by hand: every (outcome, applicant kind) lands in one cell (`reportCell`).
 * English names follow shared/domain/glossary.md.
 */
import type { WithholdGround } from '../publications/vocabulary.js';
import { art, type LegalRef } from './legal-refs.js';

// ---------------------------------------------------------------------------------------------------------
// Applicant kinds (申请人情况) — 表三 columns C1–C6 (C7 总计 is a sum, not a kind).

export type ApplicantCategory = 'person' | 'organization';
export const APPLICANT_CATEGORY_LABELS: Record<ApplicantCategory, string> = {
  person: '自然人',
  organization: '法人或其他组织',
};

export type ApplicantKind = 'person' | 'business' | 'research' | 'nonprofit' | 'legal' | 'other';
export type ReportColumnId = 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6';

export interface ApplicantKindInfo {
  code: ApplicantKind;
  column: ReportColumnId;
  /** The column heading as printed in 表三. */
  label: string;
  category: ApplicantCategory;
  /** Unambiguous on its own: 「法人或其他组织（其他）」, not just 「其他」. */
  fullLabel: string;
}

function kind(code: ApplicantKind, column: ReportColumnId, label: string): ApplicantKindInfo {
  const category: ApplicantCategory = code === 'person' ? 'person' : 'organization';
  return {
    code,
    column,
    label,
    category,
    fullLabel: category === 'person' ? label : `${APPLICANT_CATEGORY_LABELS.organization}（${label}）`,
  };
}

/** In 表三's column order. */
export const APPLICANT_KINDS: readonly ApplicantKindInfo[] = [
  kind('person', 'C1', '自然人'),
  kind('business', 'C2', '商业企业'),
  kind('research', 'C3', '科研机构'),
  kind('nonprofit', 'C4', '社会公益组织'),
  kind('legal', 'C5', '法律服务机构'),
  kind('other', 'C6', '其他'),
];
export const APPLICANT_KIND_CODES: readonly ApplicantKind[] = APPLICANT_KINDS.map((k) => k.code);

export function applicantKindInfo(code: ApplicantKind): ApplicantKindInfo {
  const k = APPLICANT_KINDS.find((x) => x.code === code);
  if (!k) throw new RangeError(`unknown applicant kind: ${code}`);
  return k;
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes (办理结果) — 表三 rows R3–R23.

export type OutcomeGroup =
  | 'disclosed'
  | 'partlyDisclosed'
  | 'withheld'
  | 'unavailable'
  | 'notProcessed'
  | 'otherHandling';

/** The group headings of 表三 「三、本年度办理结果」. */
export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, string> = {
  disclosed: '（一）予以公开',
  partlyDisclosed: '（二）部分公开',
  withheld: '（三）不予公开',
  unavailable: '（四）无法提供',
  notProcessed: '（五）不予处理',
  otherHandling: '（六）其他处理',
};

export type OutcomeCode =
  | 'disclosed'
  | 'partlyDisclosed'
  | 'withheld.stateSecret'
  | 'withheld.prohibitedByLaw'
  | 'withheld.endangersSecurity'
  | 'withheld.thirdPartyRights'
  | 'withheld.internalAffairs'
  | 'withheld.processInformation'
  | 'withheld.enforcementFiles'
  | 'withheld.administrativeQuery'
  | 'unavailable.notHeld'
  | 'unavailable.needsCreation'
  | 'unavailable.stillUnclear'
  | 'notProcessed.petition'
  | 'notProcessed.repeated'
  | 'notProcessed.publication'
  | 'notProcessed.excessive'
  | 'notProcessed.confirmOrReissue'
  | 'otherHandling.correctionOverdue'
  | 'otherHandling.feeUnpaid'
  | 'otherHandling.other';

export type ReportRowId =
  | 'R3'
  | 'R4'
  | 'R5'
  | 'R6'
  | 'R7'
  | 'R8'
  | 'R9'
  | 'R10'
  | 'R11'
  | 'R12'
  | 'R13'
  | 'R14'
  | 'R15'
  | 'R16'
  | 'R17'
  | 'R18'
  | 'R19'
  | 'R20'
  | 'R21'
  | 'R22'
  | 'R23';

export interface OutcomeInfo {
  code: OutcomeCode;
  row: ReportRowId;
  group: OutcomeGroup;
  /** The row's label as printed in 表三 (2021 format), numbering included for sub-rows. */
  label: string;
  /** A short name for lists and letters. */
  shortLabel: string;
  /**
   * The articles the outcome rests on. Empty when no article defines it: the row is a category of the
   * report format itself (R20, R23; disclosure-rules.md §1.4.9).
   */
  basis: readonly LegalRef[];
  /** For 不予公开: the ground E1–E8 of disclosure-rules.md §1.2 (the publications module's WithholdGround). */
  withholdGround?: WithholdGround;
  /** Where the row–article mapping is an interpretation rather than the text of a source. */
  note?: string;
}

// 第三十六条第（三）项: 「依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由」 — the reply for every 不予公开 ground.
const REPLY_WITHHELD = art(36, { item: 3 });

/** In 表三's row order. Labels from disclosure-rules.md §3.4 (verified against the 2021 template). */
export const OUTCOMES: readonly OutcomeInfo[] = [
  {
    code: 'disclosed',
    row: 'R3',
    group: 'disclosed',
    label: '（一）予以公开',
    shortLabel: '予以公开',
    // (一) 已经主动公开 → 告知获取方式、途径; (二) 可以公开 → 提供或告知方式、途径和时间.
    basis: [art(36, { item: 1 }), art(36, { item: 2 })],
    note: 'counting 第三十六条第（一）项 (already proactively disclosed) here is common practice (disclosure-rules.md §1.4.9 [D])',
  },
  {
    code: 'partlyDisclosed',
    row: 'R4',
    group: 'partlyDisclosed',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    shortLabel: '部分公开',
    basis: [art(37)],
  },
  {
    code: 'withheld.stateSecret',
    row: 'R5',
    group: 'withheld',
    label: '1.属于国家秘密',
    shortLabel: '不予公开（属于国家秘密）',
    basis: [art(14), REPLY_WITHHELD],
    withholdGround: 'E1',
  },
  {
    code: 'withheld.prohibitedByLaw',
    row: 'R6',
    group: 'withheld',
    label: '2.其他法律行政法规禁止公开',
    shortLabel: '不予公开（其他法律行政法规禁止公开）',
    basis: [art(14), REPLY_WITHHELD],
    withholdGround: 'E2',
  },
  {
    code: 'withheld.endangersSecurity',
    row: 'R7',
    group: 'withheld',
    label: '3.危及“三安全一稳定”',
    shortLabel: '不予公开（危及“三安全一稳定”）',
    basis: [art(14), REPLY_WITHHELD],
    withholdGround: 'E3',
  },
  {
    code: 'withheld.thirdPartyRights',
    row: 'R8',
    group: 'withheld',
    label: '4.保护第三方合法权益',
    shortLabel: '不予公开（保护第三方合法权益）',
    basis: [art(15), art(32), REPLY_WITHHELD],
    withholdGround: 'E4',
  },
  {
    code: 'withheld.internalAffairs',
    row: 'R9',
    group: 'withheld',
    label: '5.属于三类内部事务信息',
    shortLabel: '不予公开（属于三类内部事务信息）',
    basis: [art(16, { paragraph: 1 }), REPLY_WITHHELD],
    withholdGround: 'E5',
  },
  {
    code: 'withheld.processInformation',
    row: 'R10',
    group: 'withheld',
    label: '6.属于四类过程性信息',
    shortLabel: '不予公开（属于四类过程性信息）',
    basis: [art(16, { paragraph: 2 }), REPLY_WITHHELD],
    withholdGround: 'E6',
  },
  {
    code: 'withheld.enforcementFiles',
    row: 'R11',
    group: 'withheld',
    label: '7.属于行政执法案卷',
    shortLabel: '不予公开（属于行政执法案卷）',
    basis: [art(16, { paragraph: 2 }), REPLY_WITHHELD],
    withholdGround: 'E7',
  },
  {
    code: 'withheld.administrativeQuery',
    row: 'R12',
    group: 'withheld',
    label: '8.属于行政查询事项',
    shortLabel: '不予公开（属于行政查询事项）',
    basis: [art(36, { item: 7 })],
    withholdGround: 'E8',
    note: 'counting 第三十六条第（七）项 (工商、不动产登记资料等) as 行政查询事项 is common practice (disclosure-rules.md §1.2 E8 [D])',
  },
  {
    code: 'unavailable.notHeld',
    row: 'R13',
    group: 'unavailable',
    label: '1.本机关不掌握相关政府信息',
    shortLabel: '无法提供（本机关不掌握相关政府信息）',
    // (四) 经检索没有 → 告知不存在; (五) 不属于本机关负责公开 → 告知并说明理由.
    basis: [art(36, { item: 4 }), art(36, { item: 5 })],
    note: "counting 第三十六条第（五）项 (not this agency's to disclose) here is derived (disclosure-rules.md §1.4.9 [D]; portal-and-letters.md §9.3 [M])",
  },
  {
    code: 'unavailable.needsCreation',
    row: 'R14',
    group: 'unavailable',
    label: '2.没有现成信息需要另行制作',
    shortLabel: '无法提供（没有现成信息需要另行制作）',
    basis: [art(38)],
  },
  {
    code: 'unavailable.stillUnclear',
    row: 'R15',
    group: 'unavailable',
    label: '3.补正后申请内容仍不明确',
    shortLabel: '无法提供（补正后申请内容仍不明确）',
    basis: [art(30)],
  },
  {
    code: 'notProcessed.petition',
    row: 'R16',
    group: 'notProcessed',
    label: '1.信访举报投诉类申请',
    shortLabel: '不予处理（信访举报投诉类申请）',
    basis: [art(39, { paragraph: 1 })],
  },
  {
    code: 'notProcessed.repeated',
    row: 'R17',
    group: 'notProcessed',
    label: '2.重复申请',
    shortLabel: '不予处理（重复申请）',
    basis: [art(36, { item: 6 })],
  },
  {
    code: 'notProcessed.publication',
    row: 'R18',
    group: 'notProcessed',
    label: '3.要求提供公开出版物',
    shortLabel: '不予处理（要求提供公开出版物）',
    basis: [art(39, { paragraph: 2 })],
  },
  {
    code: 'notProcessed.excessive',
    row: 'R19',
    group: 'notProcessed',
    label: '4.无正当理由大量反复申请',
    shortLabel: '不予处理（无正当理由大量反复申请）',
    basis: [art(35)],
  },
  {
    code: 'notProcessed.confirmOrReissue',
    row: 'R20',
    group: 'notProcessed',
    label: '5.要求行政机关确认或重新出具已获取信息',
    shortLabel: '不予处理（要求行政机关确认或重新出具已获取信息）',
    basis: [],
    note: 'no article of the 条例; the category is defined by the report format (disclosure-rules.md §1.4.9)',
  },
  {
    code: 'otherHandling.correctionOverdue',
    row: 'R21',
    group: 'otherHandling',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    shortLabel: '其他处理（逾期不补正）',
    basis: [art(30)],
  },
  {
    code: 'otherHandling.feeUnpaid',
    row: 'R22',
    group: 'otherHandling',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    shortLabel: '其他处理（逾期未缴费）',
    basis: [art(42), { instrument: 'feeMeasures' }],
  },
  {
    code: 'otherHandling.other',
    row: 'R23',
    group: 'otherHandling',
    label: '3.其他',
    shortLabel: '其他处理（其他）',
    basis: [],
    note: "the report format's catch-all; withdrawals are counted here (CLOSURE_OUTCOMES)",
  },
];

export const OUTCOME_CODES: readonly OutcomeCode[] = OUTCOMES.map((o) => o.code);

export function outcomeInfo(code: OutcomeCode): OutcomeInfo {
  const o = OUTCOMES.find((x) => x.code === code);
  if (!o) throw new RangeError(`unknown outcome: ${code}`);
  return o;
}

/** 「（三）不予公开·1.属于国家秘密」 — the group and the row together, for lists and filters. */
export function outcomeFullLabel(code: OutcomeCode): string {
  const o = outcomeInfo(code);
  const group = OUTCOME_GROUP_LABELS[o.group];
  // R3 and R4 are group rows themselves: their label already starts with the group's heading.
  return o.label.startsWith(group) ? o.label : `${group}·${o.label}`;
}

/**
 * How cases that end without a decision on the request are counted. The clock closes a case itself when a
 * deadline passes (clock.ts); the applicant may also withdraw.
 */
export type ClosureWithoutDecision = 'correctionOverdue' | 'feeUnpaid' | 'withdrawn';

export const CLOSURE_OUTCOMES: Record<ClosureWithoutDecision, OutcomeCode> = {
  // 条例第三十条 「申请人无正当理由逾期不补正的，视为放弃申请」; 表三 （六）1 (R21).
  correctionOverdue: 'otherHandling.correctionOverdue',
  // 国办函〔2020〕109号 as restated in disclosure-rules.md §2.5 「逾期未缴纳的视为放弃申请」; 表三 （六）2 (R22).
  feeUnpaid: 'otherHandling.feeUnpaid',
  // A withdrawal (申请人撤回申请) is counted as （六）3 其他 (R23). Source: the 依申请公开 issue (issue 5) text.
  // Neither the 条例 nor the report format (disclosure-rules.md §3.4) names withdrawals; R23 is the format's
  // catch-all of （六）其他处理, and R21/R22 cover only the two "deemed withdrawn" cases [D].
  withdrawn: 'otherHandling.other',
};

export interface ReportCell {
  row: ReportRowId;
  column: ReportColumnId;
}

/** The cell of 表三 a closed case is counted in: its outcome's row and its applicant's column. */
export function reportCell(outcome: OutcomeCode, applicant: ApplicantKind): ReportCell {
  return { row: outcomeInfo(outcome).row, column: applicantKindInfo(applicant).column };
}

// ---------------------------------------------------------------------------------------------------------
// Intake channels (申请渠道) — 条例第二十九条 (书面 incl. 信件、数据电文; 口头), 第三十一条 (receipt date).

/**
 * How the 第三十一条 receipt date is found for a channel:
 *   submitted   the day the application is handed in (当面, and 口头 which is taken down in person)
 *   signedFor   the day the agency signs for the letter
 *   confirmed   the day the agency and the applicant confirm the application (平信, 互联网, 传真)
 */
export type ReceiptRule = 'submitted' | 'signedFor' | 'confirmed';

export type Channel = 'online' | 'email' | 'inPerson' | 'mailSigned' | 'mailPlain' | 'fax' | 'oral';

export interface ChannelInfo {
  code: Channel;
  label: string;
  receiptRule: ReceiptRule;
  basis: readonly LegalRef[];
  note?: string;
}

export const CHANNELS: readonly ChannelInfo[] = [
  { code: 'online', label: '网上申请', receiptRule: 'confirmed', basis: [art(31, { item: 3 })] },
  {
    code: 'email',
    label: '电子邮件',
    receiptRule: 'confirmed',
    basis: [art(29), art(31, { item: 3 })],
    note: 'e-mail is a 数据电文 (第二十九条) sent over the internet: 第三十一条第（三）项, the day both sides confirm [D]',
  },
  { code: 'inPerson', label: '当面提交', receiptRule: 'submitted', basis: [art(31, { item: 1 })] },
  {
    code: 'mailSigned',
    label: '信函（挂号信、快递等需签收）',
    receiptRule: 'signedFor',
    basis: [art(31, { item: 2 })],
  },
  {
    code: 'mailPlain',
    label: '信函（平信）',
    receiptRule: 'confirmed',
    basis: [art(31, { item: 2 })],
    note: '平常信函等无需签收: the office confirms with the applicant on the day the letter arrives; that day of confirmation is the receipt date',
  },
  { code: 'fax', label: '传真', receiptRule: 'confirmed', basis: [art(31, { item: 3 })] },
  {
    code: 'oral',
    label: '口头申请',
    receiptRule: 'submitted',
    basis: [art(29), art(31, { item: 1 })],
    note: "an oral application is taken down by the office in the applicant's presence: treated as 当面, the day it is made [D]",
  },
];
export const CHANNEL_CODES: readonly Channel[] = CHANNELS.map((c) => c.code);

export function channelInfo(code: Channel): ChannelInfo {
  const c = CHANNELS.find((x) => x.code === code);
  if (!c) throw new RangeError(`unknown channel: ${code}`);
  return c;
}

// ---------------------------------------------------------------------------------------------------------
// The application form's other closed lists (portal-and-letters.md §7).

/** 证件类型 of a natural person. The modern list is [M] in portal-and-letters.md §7. */
export const ID_DOCUMENT_KIND_LABELS = {
  residentIdCard: '居民身份证',
  passport: '护照',
  hkMacaoPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  residencePermit: '港澳台居民居住证',
  foreignPermanentResidentId: '外国人永久居留身份证',
  other: '其他',
} as const;
export type IdDocumentKind = keyof typeof ID_DOCUMENT_KIND_LABELS;
export const ID_DOCUMENT_KINDS = Object.keys(ID_DOCUMENT_KIND_LABELS) as IdDocumentKind[];

/** 所需信息的指定提供方式 (可多选): the medium the information is wanted on. */
export const INFORMATION_FORM_LABELS = {
  paper: '纸面',
  email: '电子邮件',
  opticalDisc: '光盘',
  magneticDisk: '磁盘',
} as const;
export type InformationForm = keyof typeof INFORMATION_FORM_LABELS;
export const INFORMATION_FORMS = Object.keys(INFORMATION_FORM_LABELS) as InformationForm[];

/** 获取信息的方式 (可多选): how the applicant gets it (条例第二十九条第二款第（三）项). */
export const DELIVERY_METHOD_LABELS = {
  post: '邮寄',
  courier: '快递',
  email: '电子邮件',
  fax: '传真',
  pickup: '自行领取',
  onSiteReading: '当场阅读、抄录',
} as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHOD_LABELS;
export const DELIVERY_METHODS = Object.keys(DELIVERY_METHOD_LABELS) as DeliveryMethod[];
