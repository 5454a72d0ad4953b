/**
 * The annual report (政府信息公开工作年度报告) as the checker reads it: tables 二, 三 and 四 of the 2019
 * format (国办公开办函〔2019〕60号) and the 2021 format (国办公开办函〔2021〕30号), disclosure-rules.md §3.
 *
 * A cell value is a number, `null` for a blank cell, or `'/'` for a placeholder printed instead of a number
 * (「/」, 「—」, 「-」, 「无」 all read as `'/'`).
 *
 * Cell ids:
 *   表三  `T3.R<row>.C<col>` — rows R1…R25 (2021) or R1…R20, `R21-23`, R24, R25 (2019, or a 2021 report
 *         printing （六）其他处理 as one row); columns C1 自然人, C2 商业企业, C3 科研机构, C4 社会公益组织,
 *         C5 法律服务机构, C6 其他, C7 总计.
 *   表四  `T4.K<n>` — K1…K15, §3.5.
 *   表二  `T2.<row>.<col>` — named rows and columns, see T2_LAYOUTS below.
 */

export type CellValue = number | null | '/';
export type ReportFormat = '2019' | '2021';
export type SectionKey = '一' | '二' | '三' | '四' | '五' | '六';
export const SECTION_KEYS: readonly SectionKey[] = ['一', '二', '三', '四', '五', '六'];

export const T3_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** Rows of 表三 in printed order; `split` is false when （六）其他处理 is a single row. */
export function t3RowIds(split: boolean): string[] {
  const ids = Array.from({ length: 20 }, (_, i) => `R${i + 1}`);
  ids.push(...(split ? ['R21', 'R22', 'R23'] : ['R21-23']), 'R24', 'R25');
  return ids;
}

/** The result rows summed into （七）总计 (V2): everything between R2 and R24. */
export function t3ResultRowIds(split: boolean): string[] {
  return t3RowIds(split).filter((id) => id !== 'R1' && id !== 'R2' && id !== 'R24' && id !== 'R25');
}

export const T3_ROW_LABELS: Record<string, string> = {
  R1: '一、本年新收政府信息公开申请数量',
  R2: '二、上年结转政府信息公开申请数量',
  R3: '（一）予以公开',
  R4: '（二）部分公开',
  R5: '（三）不予公开 1.属于国家秘密',
  R6: '（三）不予公开 2.其他法律行政法规禁止公开',
  R7: '（三）不予公开 3.危及“三安全一稳定”',
  R8: '（三）不予公开 4.保护第三方合法权益',
  R9: '（三）不予公开 5.属于三类内部事务信息',
  R10: '（三）不予公开 6.属于四类过程性信息',
  R11: '（三）不予公开 7.属于行政执法案卷',
  R12: '（三）不予公开 8.属于行政查询事项',
  R13: '（四）无法提供 1.本机关不掌握相关政府信息',
  R14: '（四）无法提供 2.没有现成信息需要另行制作',
  R15: '（四）无法提供 3.补正后申请内容仍不明确',
  R16: '（五）不予处理 1.信访举报投诉类申请',
  R17: '（五）不予处理 2.重复申请',
  R18: '（五）不予处理 3.要求提供公开出版物',
  R19: '（五）不予处理 4.无正当理由大量反复申请',
  R20: '（五）不予处理 5.要求行政机关确认或重新出具已获取信息',
  R21: '（六）其他处理 1.逾期不补正',
  R22: '（六）其他处理 2.逾期未缴费',
  R23: '（六）其他处理 3.其他',
  'R21-23': '（六）其他处理',
  R24: '（七）总计',
  R25: '四、结转下年度继续办理',
};

/** 表四: 行政复议 K1–K5, 未经复议直接起诉 K6–K10, 复议后起诉 K11–K15; each block 维持/纠正/其他/尚未审结/总计. */
export const T4_IDS = Array.from({ length: 15 }, (_, i) => `K${i + 1}`);
export const T4_BLOCKS = [
  { name: '行政复议', parts: ['K1', 'K2', 'K3', 'K4'], total: 'K5' },
  { name: '行政诉讼（未经复议直接起诉）', parts: ['K6', 'K7', 'K8', 'K9'], total: 'K10' },
  { name: '行政诉讼（复议后起诉）', parts: ['K11', 'K12', 'K13', 'K14'], total: 'K15' },
];

export interface T2Column {
  id: string;
  label: string;
  /** 本年增/减 may be negative. */
  signed?: boolean;
  /** Amounts (万元) may be decimal. */
  decimal?: boolean;
}
export interface T2Row {
  id: string;
  label: string;
  /** Keywords that identify the row; the latest one found in a row label wins. */
  keywords: string[];
  columns: T2Column[];
}

const col = (id: string, label: string, extra: Partial<T2Column> = {}): T2Column => ({ id, label, ...extra });
const DOCS_2021 = [
  col('made', '本年制发件数'),
  col('repealed', '本年废止件数'),
  col('inForce', '现行有效件数'),
];
const DOCS_2019 = [
  col('newlyMade', '本年新制作数量'),
  col('newlyPublished', '本年新公开数量'),
  col('totalPublished', '对外公开总数量'),
];
const ITEMS_2019 = [
  col('lastYearItems', '上一年项目数量'),
  col('change', '本年增/减', { signed: true }),
  col('decisions', '处理决定数量'),
];
const DECISIONS = [col('decisions', '本年处理决定数量')];

const REGULATIONS = { id: 'regulations', label: '规章', keywords: ['规章'] };
const NORMATIVE = { id: 'normativeDocuments', keywords: ['规范性文件', '规范性'] };
const LICENSING = { id: 'licensing', label: '行政许可', keywords: ['行政许可', '许可'] };
const PENALTIES = { id: 'penalties', label: '行政处罚', keywords: ['行政处罚', '处罚'] };
const ENFORCEMENT = { id: 'enforcement', label: '行政强制', keywords: ['行政强制', '强制'] };
const FEES = { id: 'fees', label: '行政事业性收费', keywords: ['事业性收费', '事业性'] };

/**
 * 表二 row and column ids (cell id `T2.<row>.<col>`):
 *
 * 2021: regulations 规章 · normativeDocuments 行政规范性文件 — made 本年制发件数, repealed 本年废止件数,
 *       inForce 现行有效件数; licensing 行政许可 · penalties 行政处罚 · enforcement 行政强制 — decisions
 *       本年处理决定数量; fees 行政事业性收费 — amount 本年收费金额（万元）.
 * 2019: regulations 规章 · normativeDocuments 规范性文件 — newlyMade 本年新制作数量, newlyPublished 本年新公开数量,
 *       totalPublished 对外公开总数量; licensing 行政许可 · otherServices 其他对外管理服务事项 · penalties 行政处罚 ·
 *       enforcement 行政强制 — lastYearItems 上一年项目数量, change 本年增/减 (signed), decisions 处理决定数量;
 *       fees 行政事业性收费 — lastYearItems, change; procurement 政府集中采购 — projects 采购项目数量,
 *       amount 采购总金额.
 */
export const T2_LAYOUTS: Record<ReportFormat, T2Row[]> = {
  '2021': [
    { ...REGULATIONS, columns: DOCS_2021 },
    { ...NORMATIVE, label: '行政规范性文件', columns: DOCS_2021 },
    { ...LICENSING, columns: DECISIONS },
    { ...PENALTIES, columns: DECISIONS },
    { ...ENFORCEMENT, columns: DECISIONS },
    { ...FEES, columns: [col('amount', '本年收费金额（万元）', { decimal: true })] },
  ],
  '2019': [
    { ...REGULATIONS, columns: DOCS_2019 },
    { ...NORMATIVE, label: '规范性文件', columns: DOCS_2019 },
    { ...LICENSING, columns: ITEMS_2019 },
    {
      id: 'otherServices',
      label: '其他对外管理服务事项',
      keywords: ['对外管理服务', '其他对外管理', '对外管理'],
      columns: ITEMS_2019,
    },
    { ...PENALTIES, columns: ITEMS_2019 },
    { ...ENFORCEMENT, columns: ITEMS_2019 },
    { ...FEES, columns: ITEMS_2019.slice(0, 2) },
    {
      id: 'procurement',
      label: '政府集中采购',
      keywords: ['集中采购', '政府采购', '集中'],
      columns: [col('projects', '采购项目数量'), col('amount', '采购总金额', { decimal: true })],
    },
  ],
};

export type T2Table = Record<string, Record<string, CellValue>>;
export type T3Table = Record<string, CellValue[]>;
export type T4Table = Record<string, CellValue>;

export interface ReportTables {
  T2: T2Table;
  T3: T3Table;
  T4: T4Table;
}

export interface ParsedReport {
  year: number;
  format: ReportFormat;
  agency: string | null;
  /** Narrative text of each section, `null` when the section heading was not found. */
  sections: Record<SectionKey, string | null>;
  /** Text quoted by the narrative rules (sections outside the tables, preamble included). */
  narrative: string;
  tables: ReportTables;
  /** （六）其他处理 printed as three rows (R21–R23) rather than one (R21-23). */
  sixSplit: boolean;
  /** Rows that were not found in the document (they read as blank). */
  missingRows: string[];
}

export interface Unreadable {
  verdict: 'unreadable';
  reason: string;
}

export type Severity = 'error' | 'warning';
export type RuleId = 'V1' | 'V2' | 'V3' | 'V4' | 'V5' | 'V6' | 'V7' | 'V8' | 'V9' | 'V10' | 'V11' | 'V12';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  cells: string[];
}

export interface CheckedReport {
  year: number;
  format: ReportFormat;
  agency: string | null;
  tables: ReportTables;
  findings: Finding[];
  verdict: 'pass' | 'fail';
}

export type CheckResult = CheckedReport | Unreadable;

export function isUnreadable(x: unknown): x is Unreadable {
  return typeof x === 'object' && x !== null && (x as Unreadable).verdict === 'unreadable';
}

/** Exit code of `gongkai report check`: 0 pass, 1 a hard rule fails, 2 not readable as a report. */
export function exitCodeOf(result: CheckResult): 0 | 1 | 2 {
  if (result.verdict === 'unreadable') return 2;
  return result.verdict === 'fail' ? 1 : 0;
}
