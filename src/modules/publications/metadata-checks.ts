/**
 * Metadata checks of a publication, pure. Required fields stop submission and publication (they
 * are failure reasons); recommended fields, date order and lateness are warnings shown to reviewers.
 */
import { formatChineseDate, type LegalDate } from '../../platform/legal-date.js';
import type { PublicationFinding } from './findings.js';
import { sourceLabel } from './findings.js';
import type { Attachment, Publication } from './publications.js';
import { VALIDITY_GENRES } from './vocabulary.js';

const IMAGE_TYPES = ['png', 'jpeg', 'gif', 'webp'];

/** The Chinese names of required fields still empty. */
export function missingRequired(p: Publication): string[] {
  const missing: string[] = [];
  const need = (ok: unknown, label: string) => {
    if (ok === null || ok === undefined || ok === '') missing.push(label);
  };
  need(p.title, '标题');
  need(p.bodyText || null, '正文');
  need(p.publisherName, '发布机构');
  need(p.topic, '主题分类');
  need(p.genre, '体裁');
  if (p.disclosureAttribute === 'proactive') {
    need(p.columnId, '栏目');
    need(p.formedOn, '形成（变更）日期');
    if (p.genre && VALIDITY_GENRES.includes(p.genre)) need(p.validity, '有效性');
  } else {
    need(p.withholdGround, '不公开理由');
    need(p.withholdReason, '不公开的具体说明');
  }
  return missing;
}

export type WarningCode =
  | 'contact'
  | 'recommendedMetadata'
  | 'writtenAfterPublication'
  | 'late'
  | 'unreadable';

export interface CheckWarning {
  code: WarningCode;
  message: string;
}

/**
 * Warnings for publishing on `publishOn`: contacts that are not the agency's official ones, missing
 * recommended metadata (第十二条: the 目录 carries a 内容概述), 成文日期 after the publication date,
 * and lateness under 第二十六条 (on time means publishOn ≤ dueOn = addWorkdays(formedOn, 20)).
 */
export function publicationWarnings(
  p: Publication,
  findings: PublicationFinding[],
  attachments: Attachment[],
  publishOn: LegalDate,
): CheckWarning[] {
  const out: CheckWarning[] = [];
  for (const f of findings)
    if (f.severity === 'warning')
      out.push({ code: 'contact', message: `${sourceLabel(f.source)}：${f.message}（${f.display}）` });
  const recommended: string[] = [];
  if (!p.summary) recommended.push('内容概述');
  if (p.keywords.length === 0) recommended.push('关键词');
  if (!p.writtenOn) recommended.push('成文日期');
  if (!p.docNo && p.genre && VALIDITY_GENRES.includes(p.genre)) recommended.push('文号');
  if (recommended.length > 0)
    out.push({ code: 'recommendedMetadata', message: `建议填写：${recommended.join('、')}` });
  if (p.writtenOn && p.writtenOn > publishOn)
    out.push({
      code: 'writtenAfterPublication',
      message: `成文日期（${formatChineseDate(p.writtenOn)}）晚于发布日期（${formatChineseDate(publishOn)}）`,
    });
  if (p.disclosureAttribute === 'proactive' && p.dueOn && publishOn > p.dueOn)
    out.push({
      code: 'late',
      message: `超过公开期限：应自形成或变更之日起20个工作日内公开（第二十六条），即不晚于${formatChineseDate(p.dueOn)}`,
    });
  for (const a of attachments)
    if (a.extractError || IMAGE_TYPES.includes(a.type))
      out.push({
        code: 'unreadable',
        message: `附件“${a.fileName}”中的文字无法自动检查${a.extractError ? `（${a.extractError}）` : '（图片）'}，请人工核对`,
      });
  return out;
}
