/**
 * The agency's letter templates and letter settings as stored: reading them (an agency without a row uses
 * the platform's default), saving an edited template after checking its placeholders, resetting it to the
 * default, and saving the 复议机关 / contact / remedies settings. Saves are for the agency's admin or
 * 公开办负责人 and write one audit event each (template key and lengths only — a template holds no personal
 * data, but its text is not copied into the trail either).
 */
import { AppError, type FieldError, FieldErrors } from '../../../platform/errors.js';
import type { Db } from '../../../platform/services.js';
import { type Input, readText } from '../../../platform/validate.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import {
  checkRemedyText,
  checkTemplateText,
  DEFAULT_REMEDIES,
  defaultTemplate,
  isTemplateKey,
  type LetterTemplate,
  REMEDY_KEYS,
  REMEDY_LABELS,
  type RemedyKey,
  TEMPLATE_KEYS,
  type TemplateKey,
  templateLabel,
} from './templates.js';

export interface StoredTemplate extends LetterTemplate {
  key: TemplateKey;
  /** Edited by the agency (false: the platform's default). */
  custom: boolean;
  updatedAt: string | null;
}

export async function getTemplate(db: Db, agencyId: string, key: TemplateKey): Promise<StoredTemplate> {
  const row = await db
    .selectFrom('application_letter_templates')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('template_key', '=', key)
    .executeTakeFirst();
  if (row) return { key, title: row.title, body: row.body, custom: true, updatedAt: row.updated_at };
  return { key, ...defaultTemplate(key), custom: false, updatedAt: null };
}

export async function listTemplates(db: Db, agencyId: string): Promise<StoredTemplate[]> {
  const rows = await db
    .selectFrom('application_letter_templates')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .execute();
  const byKey = new Map(rows.map((r) => [r.template_key, r]));
  return TEMPLATE_KEYS.map((key) => {
    const row = byKey.get(key);
    return row
      ? { key, title: row.title, body: row.body, custom: true, updatedAt: row.updated_at }
      : { key, ...defaultTemplate(key), custom: false, updatedAt: null };
  });
}

export interface LetterSettings {
  /** 行政复议机关; null: not configured (the letters use a neutral wording, the editor warns). */
  reconsiderationBody: string | null;
  contactLine: string | null;
  address: string | null;
  /** The remedies sentence per outcome group (defaults merged in). */
  remedies: Record<RemedyKey, string>;
  /** The keys the agency changed. */
  customRemedies: RemedyKey[];
}

export async function getLetterSettings(db: Db, agencyId: string): Promise<LetterSettings> {
  const row = await db
    .selectFrom('application_letter_settings')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  let stored: Partial<Record<string, string>> = {};
  try {
    stored = row ? (JSON.parse(row.remedies_json) as Partial<Record<string, string>>) : {};
  } catch {
    stored = {};
  }
  const remedies = { ...DEFAULT_REMEDIES };
  const customRemedies: RemedyKey[] = [];
  for (const k of REMEDY_KEYS) {
    const v = stored[k];
    if (typeof v === 'string' && v.trim()) {
      remedies[k] = v;
      customRemedies.push(k);
    }
  }
  return {
    reconsiderationBody: row?.reconsideration_body ?? null,
    contactLine: row?.contact_line ?? null,
    address: row?.address ?? null,
    remedies,
    customRemedies,
  };
}

function assertAdmin(ctx: CommandContext, agencyId: string): void {
  if (!canAct(ctx.principal, agencyId, ['agencyAdmin', 'officeHead']))
    throw new AppError('forbidden', '只有本单位的单位管理员或公开办负责人可以修改文书模板和文书设置。');
}

/** Saves the agency's version of one template; placeholders are checked first. */
export async function saveTemplate(
  ctx: CommandContext,
  agencyId: string,
  key: string,
  input: Input,
): Promise<StoredTemplate> {
  assertAdmin(ctx, agencyId);
  if (!isTemplateKey(key)) throw new AppError('not_found', '该文书模板不存在。');
  const fe = new FieldErrors();
  const title = readText(fe, input, 'title', '文书标题', { required: true, max: 100 });
  const body = readBodyText(fe, input);
  const errors: FieldError[] = [
    ...(title ? checkTemplateText(key, 'title', '文书标题', title) : []),
    ...(body ? checkTemplateText(key, 'body', '文书正文', body) : []),
  ];
  for (const e of errors) fe.add(e.field, e.message);
  if (title.includes('\n')) fe.add('title', '文书标题只能有一行');
  fe.throwIfAny();
  const now = ctx.services.clock.now().toISOString();
  await ctx.services.db.transaction().execute(async (trx) => {
    const before = await getTemplate(trx, agencyId, key);
    await trx
      .insertInto('application_letter_templates')
      .values({
        agency_id: agencyId,
        template_key: key,
        title,
        body,
        updated_by: ctx.principal.userId,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['agency_id', 'template_key']).doUpdateSet({
          title,
          body,
          updated_by: ctx.principal.userId,
          updated_at: now,
        }),
      )
      .execute();
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'application.letter_template.save',
      targetType: 'application_letter_template',
      targetId: key,
      before: { custom: before.custom, titleLength: before.title.length, bodyLength: before.body.length },
      after: { template: templateLabel(key), titleLength: title.length, bodyLength: body.length },
    });
  });
  return getTemplate(ctx.services.db, agencyId, key);
}

/** Long text, line ends normalised, trailing blanks of each line removed. */
function readBodyText(fe: FieldErrors, input: Input): string {
  const raw = typeof input.body === 'string' ? input.body : '';
  const body = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
  if (!body) fe.add('body', '请填写文书正文');
  else if (body.length > 10000) fe.add('body', '文书正文不能超过10000个字符');
  return body;
}

/** Back to the platform's default (the agency's row is deleted). */
export async function resetTemplate(
  ctx: CommandContext,
  agencyId: string,
  key: string,
): Promise<StoredTemplate> {
  assertAdmin(ctx, agencyId);
  if (!isTemplateKey(key)) throw new AppError('not_found', '该文书模板不存在。');
  await ctx.services.db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('application_letter_templates')
      .where('agency_id', '=', agencyId)
      .where('template_key', '=', key)
      .executeTakeFirst();
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'application.letter_template.reset',
      targetType: 'application_letter_template',
      targetId: key,
      before: { custom: Number(r.numDeletedRows) > 0 },
      after: { template: templateLabel(key), custom: false },
    });
  });
  return getTemplate(ctx.services.db, agencyId, key);
}

/** 复议机关, contact line, address and the remedies text per outcome group (empty: the default). */
export async function saveLetterSettings(
  ctx: CommandContext,
  agencyId: string,
  input: Input,
): Promise<LetterSettings> {
  assertAdmin(ctx, agencyId);
  const fe = new FieldErrors();
  const body = readText(fe, input, 'reconsiderationBody', '行政复议机关', { max: 100 });
  const contact = readText(fe, input, 'contactLine', '联系人及电话', { max: 200 });
  const address = readText(fe, input, 'address', '受理地址', { max: 200 });
  const remedies: Partial<Record<RemedyKey, string>> = {};
  for (const k of REMEDY_KEYS) {
    const field = `remedy.${k}`;
    const label = `救济途径（${REMEDY_LABELS[k]}）`;
    const text = readText(fe, input, field, label, { max: 1000 });
    if (!text || text === DEFAULT_REMEDIES[k]) continue;
    for (const e of checkRemedyText(field, label, text)) fe.add(e.field, e.message);
    remedies[k] = text;
  }
  fe.throwIfAny();
  const now = ctx.services.clock.now().toISOString();
  const values = {
    reconsideration_body: body || null,
    contact_line: contact || null,
    address: address || null,
    remedies_json: JSON.stringify(remedies),
    updated_by: ctx.principal.userId,
    updated_at: now,
  };
  await ctx.services.db.transaction().execute(async (trx) => {
    const before = await getLetterSettings(trx, agencyId);
    await trx
      .insertInto('application_letter_settings')
      .values({ agency_id: agencyId, ...values })
      .onConflict((oc) => oc.column('agency_id').doUpdateSet(values))
      .execute();
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'application.letter_settings.save',
      targetType: 'agency',
      targetId: agencyId,
      before: {
        reconsiderationBody: before.reconsiderationBody,
        customRemedies: before.customRemedies,
      },
      after: { reconsiderationBody: values.reconsideration_body, customRemedies: Object.keys(remedies) },
    });
  });
  return getLetterSettings(ctx.services.db, agencyId);
}
