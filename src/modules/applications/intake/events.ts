/**
 * Labels of the timeline events intake writes that are not workflow actions (workflow.ts ACTION_LABELS has
 * the others; imported cases' events use the workflow actions they stand for). For the case page:
 * `ACTION_LABELS[e.action] ?? INTAKE_EVENT_LABELS[e.action] ?? e.action`.
 */

import { TO_PROACTIVE_ACTION, TO_PROACTIVE_LABEL } from './publish-from-case.js';
import { ERASE_ACTION } from './retention.js';

export const INTAKE_EVENT_LABELS: Record<string, string> = {
  [TO_PROACTIVE_ACTION]: TO_PROACTIVE_LABEL,
  [ERASE_ACTION]: '删除申请人个人信息（保存期限届满）',
};
