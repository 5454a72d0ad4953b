/**
 * Saves the 指南. Malformed values (a postcode that is not 6 digits, a bad e-mail) are field errors
 * and nothing is saved; missing required contents are not errors but problems, listed on the page
 * until fixed (条例第十二条), so an agency can complete its 指南 in several sittings.
 */
import { diff } from '../../../platform/audit/audit.js';
import { FieldErrors } from '../../../platform/errors.js';
import type { Input } from '../../../platform/validate.js';
import { readText } from '../../../platform/validate.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { assertCanEditCatalog } from '../catalog.policy.js';
import { findGuide, insertGuide, updateGuide } from '../catalog.repository.js';
import {
  emptyGuideFields,
  GUIDE_FIELDS,
  type Guide,
  type GuideFields,
  guideProblems,
  parseGuideFields,
  splitContacts,
  toGuide,
} from '../guide.js';

const PHONE = /^[0-9+\-()（）\s、,，;；/转]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEBSITE = /^https?:\/\/[^\s]+$/;

export function readGuideInput(fe: FieldErrors, input: Input): GuideFields {
  const out = emptyGuideFields();
  for (const d of GUIDE_FIELDS) {
    const raw = input[d.key];
    const normalized = typeof raw === 'string' ? { [d.key]: raw.replace(/\r\n?/g, '\n') } : { [d.key]: raw };
    out[d.key] = readText(fe, normalized, d.key, d.label, { max: d.max });
  }
  if (out.officePostcode && !/^\d{6}$/.test(out.officePostcode))
    fe.add('officePostcode', '邮政编码应为6位数字');
  for (const key of ['officePhone', 'officeFax'] as const) {
    const label = key === 'officePhone' ? '联系电话' : '传真号码';
    if (out[key] && !PHONE.test(out[key]))
      fe.add(key, `${label}只能包含数字、连字符、括号和“转”（分机号），多个号码用顿号分隔`);
  }
  for (const email of splitContacts(out.officeEmail))
    if (!EMAIL.test(email)) {
      fe.add('officeEmail', `电子邮箱“${email}”格式不正确`);
      break;
    }
  if (out.officeWebsite && !WEBSITE.test(out.officeWebsite))
    fe.add('officeWebsite', '互联网联系方式（网址）应以 http:// 或 https:// 开头');
  return out;
}

export async function saveGuide(
  ctx: CommandContext,
  agencyId: string,
  input: Input,
): Promise<{ guide: Guide; problems: string[] }> {
  const db = ctx.services.db;
  await assertCanEditCatalog(db, ctx.principal, agencyId);
  const fe = new FieldErrors();
  const fields = readGuideInput(fe, input);
  fe.throwIfAny();
  const existing = await findGuide(db, agencyId);
  const before = existing ? parseGuideFields(existing.fields_json) : emptyGuideFields();
  const d = diff(before, fields);
  const now = ctx.services.clock.now().toISOString();
  const row = {
    agency_id: agencyId,
    fields_json: JSON.stringify(fields),
    updated_at: now,
    updated_by: ctx.principal.userId,
  };
  if (existing && Object.keys(d.after).length === 0)
    return { guide: toGuide(existing), problems: guideProblems(before) };
  await db.transaction().execute(async (trx) => {
    if (existing) await updateGuide(trx, agencyId, row);
    else await insertGuide(trx, row);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'catalog.guide_update',
      targetType: 'catalogGuide',
      targetId: agencyId,
      before: d.before,
      after: { ...d.after, problems: guideProblems(fields).length },
    });
    await bumpPortalRevision(trx);
  });
  return { guide: toGuide(row), problems: guideProblems(fields) };
}
