/**
 * An agency's annual report for a year as written on the platform: what the agency enters (表二 figures from
 * other systems, the narrative 一 to 六), the findings of its last check, and the publication it became. The
 * tables themselves are never stored: they are computed from the work on every save (compute/).
 *
 * Stored state: draft (last check found hard errors, or never checked) · checked (no hard error) · submitted
 * (handed to the publications' review workflow). What users see also depends on that publication and on the
 * statutory deadline (第四十九条): see `displayState`.
 */
import type { LegalDate } from '../../../platform/legal-date.js';
import type { AgencyKind } from '../../accounts/accounts.js';
import type { Finding, SectionKey } from '../checker/model.js';
import { SECTION_KEYS } from '../checker/model.js';
import type { Table2Inputs } from '../compute/table2.js';
import type { OpeningBalance } from '../compute/table3.js';
import type { AnnualReportOpeningBalanceTable, AnnualReportTable } from './reports.table.js';

export const REPORT_STATES = ['draft', 'checked', 'submitted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export type Sections = Record<SectionKey, string>;

export interface AnnualReport {
  id: string;
  agencyId: string;
  year: number;
  state: ReportState;
  table2: Table2Inputs;
  sections: Sections;
  prefilledFrom: string | null;
  findings: Finding[];
  errors: number;
  warnings: number;
  checkedAt: string | null;
  publicationId: string | null;
  submittedVersion: number | null;
  submittedBy: string | null;
  submittedAt: string | null;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
}

export const SECTION_TITLES: Record<SectionKey, string> = {
  一: '一、总体情况',
  二: '二、主动公开政府信息情况',
  三: '三、收到和处理政府信息公开申请情况',
  四: '四、政府信息公开行政复议、行政诉讼情况',
  五: '五、存在的主要问题及改进情况',
  六: '六、其他需要报告的事项',
};

export function emptySections(): Sections {
  return Object.fromEntries(SECTION_KEYS.map((k) => [k, ''])) as Sections;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const int = (v: number | string | null) => (v === null ? null : Number(v));

export function toReport(r: AnnualReportTable): AnnualReport {
  return {
    id: r.id,
    agencyId: r.agency_id,
    year: Number(r.year),
    state: r.state as ReportState,
    table2: parseJson<Table2Inputs>(r.table2_json, {}),
    sections: { ...emptySections(), ...parseJson<Partial<Sections>>(r.sections_json, {}) },
    prefilledFrom: r.prefilled_from,
    findings: parseJson<Finding[]>(r.findings_json, []),
    errors: Number(r.errors),
    warnings: Number(r.warnings),
    checkedAt: r.checked_at,
    publicationId: r.publication_id,
    submittedVersion: int(r.submitted_version),
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

export function toOpeningBalance(r: AnnualReportOpeningBalanceTable): OpeningBalance {
  const pending = parseJson<OpeningBalance['pendingAppeals'] | null>(r.pending_appeals_json, null);
  return {
    year: Number(r.year),
    carriedOver: parseJson<number[]>(r.carried_over_json, [0, 0, 0, 0, 0, 0]),
    ...(pending ? { pendingAppeals: pending } : {}),
  };
}

/**
 * 第四十九条: a 县级以上人民政府部门 publishes its report by 31 January; the 本级政府's report is published by the
 * 主管部门 by 31 March. The platform knows a government from `agencies.kind` ('government').
 */
export function deadlineOf(year: number, kind: AgencyKind): LegalDate {
  return (kind === 'government' ? `${year + 1}-03-31` : `${year + 1}-01-31`) as LegalDate;
}

export type DisplayState = 'draft' | 'checked' | 'inReview' | 'published';

export const DISPLAY_STATE_LABELS: Record<DisplayState, string> = {
  draft: '草稿',
  checked: '已检查（无错误）',
  inReview: '审核中',
  published: '已发布',
};

/** What the report's publication is doing, as far as the report needs it. */
export interface PublicationStatus {
  state: string;
  publishedVersion: number | null;
  /** The day it first went online (legal date), or null. */
  firstPublishedOn: LegalDate | null;
}

const IN_REVIEW = ['firstReview', 'secrecyReview', 'signOff', 'scheduled'];

export interface ReportStatus {
  state: DisplayState;
  label: string;
  /** Not published by the deadline (still unpublished after it, or first published after it). */
  late: boolean;
  deadline: LegalDate;
  /** A version is online (also while a revision is being written or reviewed). */
  online: boolean;
  /** The review sent it back (the publication is a draft again). */
  sentBack: boolean;
}

export function displayState(
  r: Pick<AnnualReport, 'state' | 'year'> | null,
  pub: PublicationStatus | null,
  kind: AgencyKind,
  year: number,
  today: LegalDate,
): ReportStatus {
  const deadline = deadlineOf(year, kind);
  const online = pub !== null && pub.publishedVersion !== null && pub.state !== 'withdrawn';
  let state: DisplayState = r?.state === 'checked' ? 'checked' : 'draft';
  if (pub && r?.state === 'submitted' && IN_REVIEW.includes(pub.state)) state = 'inReview';
  else if (pub && r?.state === 'submitted' && pub.state === 'published') state = 'published';
  const sentBack = r?.state === 'submitted' && pub?.state === 'draft';
  const firstOn = online ? pub.firstPublishedOn : null;
  const late = firstOn ? firstOn > deadline : today > deadline;
  const label = `${r ? DISPLAY_STATE_LABELS[state] : '未编写'}${late ? '（逾期）' : ''}`;
  return { state, label, late, deadline, online, sentBack };
}
