/**
 * An agency's disclosure settings (domain, pure): its 索引号 pattern, sensitive words checked before
 * publishing, the official contacts that are not personal data, the review steps of its 主动公开
 * workflow and how often withheld information is re-reviewed.
 */
import type { DisclosureSettingsTable } from './catalog.table.js';
import { DEFAULT_INDEX_NO_PATTERN } from './index-no.js';

export const WORKFLOW_STEPS = ['firstReview', 'secrecyReview', 'signOff'] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];
export const WORKFLOW_STEP_LABELS: Record<WorkflowStep, string> = {
  firstReview: '初审',
  secrecyReview: '保密审查',
  signOff: '领导审签',
};

/** 条例第十七条: every agency must review information before disclosure; the step cannot be switched off. */
export const MANDATORY_STEP: WorkflowStep = 'secrecyReview';

/**
 * 条例第十八条 asks agencies to re-evaluate withheld information 「定期」 without fixing a period;
 * the platform proposes yearly.
 */
export const DEFAULT_WITHHELD_REVIEW_MONTHS = 12;

export interface DisclosureSettings {
  agencyId: string;
  /** null = the platform default, DEFAULT_INDEX_NO_PATTERN. */
  indexNoPattern: string | null;
  sensitiveWords: string[];
  /** Phones, faxes and e-mails the agency publishes: those of its 指南 plus extraContacts. */
  officialContacts: string[];
  /** Official contacts entered in the settings besides those of the 指南. */
  extraContacts: string[];
  /** In workflow order; always contains 'secrecyReview'. */
  workflowSteps: WorkflowStep[];
  withheldReviewMonths: number;
}

function stringList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Orders steps as the workflow runs them and makes sure the mandatory one is there. */
export function normalizeSteps(steps: readonly string[]): WorkflowStep[] {
  return WORKFLOW_STEPS.filter((s) => s === MANDATORY_STEP || steps.includes(s));
}

export function toDisclosureSettings(
  agencyId: string,
  row: DisclosureSettingsTable | undefined,
  guideContacts: string[],
): DisclosureSettings {
  const extraContacts = row ? stringList(row.extra_contacts_json) : [];
  return {
    agencyId,
    indexNoPattern: row?.index_no_pattern ?? null,
    sensitiveWords: row ? stringList(row.sensitive_words_json) : [],
    officialContacts: [...new Set([...guideContacts, ...extraContacts])],
    extraContacts,
    workflowSteps: row ? normalizeSteps(stringList(row.workflow_steps_json)) : [...WORKFLOW_STEPS],
    withheldReviewMonths: row ? Number(row.withheld_review_months) : DEFAULT_WITHHELD_REVIEW_MONTHS,
  };
}

export function effectiveIndexNoPattern(s: Pick<DisclosureSettings, 'indexNoPattern'>): string {
  return s.indexNoPattern ?? DEFAULT_INDEX_NO_PATTERN;
}
