/**
 * Use cases of the agency tree: create, edit (rename, move, reorder), merge
 * into a successor, abolish. Records are never deleted: a merged or abolished
 * agency keeps its rows; a merger makes them readable by the successor.
 */
import { randomUUID } from 'node:crypto';
import { diff } from '../../../platform/audit/audit.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { chinaToday, type LegalDate, parseLegalDate } from '../../../platform/legal-date.js';
import { type Input, readChoice, readInt, readText } from '../../../platform/validate.js';
import { ensureCatalog } from '../../catalog/commands/ensure-catalog.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  type Agency,
  type AgencyKind,
  type AgencyLevel,
  toAgency,
} from '../accounts.js';
import {
  findAgency,
  findAgencyByCode,
  insertAgency,
  insertNameHistory,
  subtreeIds,
  updateAgency,
} from '../accounts.repository.js';
import type { AgencyTable } from '../accounts.table.js';
import { auditActor, type CommandContext } from './context.js';

const CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z-]{2,31}$/;
const LEVEL_ORDER: AgencyLevel[] = ['province', 'city', 'county', 'township'];

export interface AgencyInput {
  code: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  parentId: string | null;
  sortOrder: number;
}

function assertPlatformAdmin(ctx: CommandContext): void {
  if (!ctx.principal.isPlatformAdmin) throw new AppError('forbidden', '仅平台管理员可以管理单位。');
}

async function readAgencyInput(ctx: CommandContext, input: Input, existing?: Agency): Promise<AgencyInput> {
  const db = ctx.services.db;
  const fe = new FieldErrors();
  const code = readText(fe, input, 'code', '单位代码', {
    required: true,
    max: 32,
    pattern: CODE_PATTERN,
    patternHint: '只能由字母、数字和连字符组成，3至32位（如统一社会信用代码或组织机构代码）',
  });
  const name = readText(fe, input, 'name', '单位名称', { required: true, max: 100 });
  const kind = readChoice(fe, input, 'kind', '单位类型', AGENCY_KINDS);
  const level = readChoice(fe, input, 'level', '行政层级', AGENCY_LEVELS);
  const parentRaw = readText(fe, input, 'parentId', '上级单位', { max: 64 });
  const sortOrder = readInt(fe, input, 'sortOrder', '排序号', { min: 0, max: 99999, fallback: 0 }) ?? 0;
  let parent: Agency | undefined;
  if (parentRaw) {
    const row = await findAgency(db, parentRaw);
    if (!row) fe.add('parentId', '上级单位不存在');
    else parent = toAgency(row);
  }
  if (kind === 'department' && !parentRaw) fe.add('parentId', '政府部门必须选择所属的人民政府');
  if (parent && parent.kind !== 'government') fe.add('parentId', '上级单位必须是人民政府');
  if (parent && parent.status !== 'active') fe.add('parentId', '上级单位已合并或撤销，不能再挂接下级单位');
  if (parent && kind && level) {
    const pl = LEVEL_ORDER.indexOf(parent.level);
    const l = LEVEL_ORDER.indexOf(level);
    if (kind === 'department' && l !== pl) fe.add('level', '政府部门的行政层级须与所属人民政府相同');
    if (kind === 'government' && l <= pl) fe.add('level', '下级人民政府的行政层级须低于上级人民政府');
  }
  if (existing && parentRaw && (await subtreeIds(db, existing.id)).includes(parentRaw))
    fe.add('parentId', '不能把单位挂到它自己或它的下级单位之下');
  if (code && CODE_PATTERN.test(code)) {
    const clash = await findAgencyByCode(db, code);
    if (clash && clash.id !== existing?.id) fe.add('code', `单位代码“${code}”已被“${clash.name}”使用`);
  }
  fe.throwIfAny();
  return { code, name, kind: kind!, level: level!, parentId: parentRaw || null, sortOrder };
}

function snapshot(a: AgencyTable | Agency) {
  const x = 'parent_id' in a ? toAgency(a) : a;
  return {
    code: x.code,
    name: x.name,
    kind: x.kind,
    level: x.level,
    parentId: x.parentId,
    status: x.status,
    sortOrder: x.sortOrder,
  };
}

export async function createAgency(ctx: CommandContext, input: Input): Promise<Agency> {
  assertPlatformAdmin(ctx);
  const v = await readAgencyInput(ctx, input);
  const now = ctx.services.clock.now().toISOString();
  const row: AgencyTable = {
    id: randomUUID(),
    code: v.code,
    name: v.name,
    kind: v.kind,
    level: v.level,
    parent_id: v.parentId,
    status: 'active',
    successor_id: null,
    ended_on: null,
    sort_order: v.sortOrder,
    created_at: now,
    updated_at: now,
  };
  await ctx.services.db.transaction().execute(async (trx) => {
    await insertAgency(trx, row);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: row.id,
      action: 'agency.create',
      targetType: 'agency',
      targetId: row.id,
      after: snapshot(row),
    });
    // Every agency gets its 政府信息公开 section (主动公开基本目录) the moment it exists.
    await ensureCatalog(
      trx,
      ctx.services,
      { id: row.id, name: row.name, level: row.level, kind: row.kind },
      auditActor(ctx),
    );
    await bumpPortalRevision(trx);
  });
  return toAgency(row);
}

export async function updateAgencyDetails(ctx: CommandContext, id: string, input: Input): Promise<Agency> {
  assertPlatformAdmin(ctx);
  const existingRow = await findAgency(ctx.services.db, id);
  if (!existingRow) throw new AppError('not_found', '单位不存在。');
  const existing = toAgency(existingRow);
  if (existing.status !== 'active')
    throw new AppError('refused', '已合并或撤销的单位不能再修改，其记录保持原样。');
  const v = await readAgencyInput(ctx, input, existing);
  const now = ctx.services.clock.now().toISOString();
  await ctx.services.db.transaction().execute(async (trx) => {
    if (v.name !== existing.name)
      await insertNameHistory(trx, {
        id: randomUUID(),
        agency_id: id,
        name: existing.name,
        valid_until: chinaToday(ctx.services.clock.now()),
      });
    await updateAgency(trx, id, {
      code: v.code,
      name: v.name,
      kind: v.kind,
      level: v.level,
      parent_id: v.parentId,
      sort_order: v.sortOrder,
      updated_at: now,
    });
    const d = diff(snapshot(existing), { ...snapshot(existing), ...v });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: id,
      action: v.name !== existing.name ? 'agency.rename' : 'agency.update',
      targetType: 'agency',
      targetId: id,
      before: d.before,
      after: d.after,
    });
    await bumpPortalRevision(trx);
  });
  return toAgency((await findAgency(ctx.services.db, id))!);
}

function readEndDate(fe: FieldErrors, input: Input, ctx: CommandContext): LegalDate {
  const raw = typeof input.endedOn === 'string' ? input.endedOn.trim() : '';
  if (!raw) return chinaToday(ctx.services.clock.now());
  const d = parseLegalDate(raw);
  if (!d) fe.add('endedOn', '生效日期应为有效日期，格式如 2026-01-01');
  return d ?? chinaToday(ctx.services.clock.now());
}

/** Merges `id` into a successor: its records stay, readable by the successor and its supervisors. */
export async function mergeAgency(ctx: CommandContext, id: string, input: Input): Promise<Agency> {
  assertPlatformAdmin(ctx);
  const db = ctx.services.db;
  const row = await findAgency(db, id);
  if (!row) throw new AppError('not_found', '单位不存在。');
  if (row.status !== 'active') throw new AppError('refused', '该单位已合并或撤销。');
  const fe = new FieldErrors();
  const successorId = readText(fe, input, 'successorId', '并入单位', { required: true, max: 64 });
  const endedOn = readEndDate(fe, input, ctx);
  const successor = successorId ? await findAgency(db, successorId) : undefined;
  if (successorId && !successor) fe.add('successorId', '并入单位不存在');
  if (successor && successor.status !== 'active') fe.add('successorId', '并入单位已合并或撤销');
  if (successor && successor.id === id) fe.add('successorId', '不能并入单位自身');
  if (successor && (await subtreeIds(db, id)).includes(successor.id))
    fe.add('successorId', '不能并入自己的下级单位');
  fe.throwIfAny();
  const children = await db
    .selectFrom('agencies')
    .select('id')
    .where('parent_id', '=', id)
    .where('status', '=', 'active')
    .execute();
  if (children.length > 0 && successor!.kind !== 'government')
    throw new AppError('refused', '该单位仍有下级单位，只能并入一个人民政府；请先调整下级单位。');
  const now = ctx.services.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await updateAgency(trx, id, {
      status: 'merged',
      successor_id: successor!.id,
      ended_on: endedOn,
      updated_at: now,
    });
    for (const c of children) await updateAgency(trx, c.id, { parent_id: successor!.id, updated_at: now });
    const change = {
      before: { status: 'active' },
      after: { status: 'merged', successorId: successor!.id, endedOn },
    };
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: id,
      action: 'agency.merge',
      targetType: 'agency',
      targetId: id,
      ...change,
    });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: successor!.id,
      action: 'agency.absorb',
      targetType: 'agency',
      targetId: successor!.id,
      after: { predecessorId: id, movedChildren: children.map((c) => c.id) },
    });
    await bumpPortalRevision(trx);
  });
  return toAgency((await findAgency(db, id))!);
}

export async function abolishAgency(ctx: CommandContext, id: string, input: Input): Promise<Agency> {
  assertPlatformAdmin(ctx);
  const db = ctx.services.db;
  const row = await findAgency(db, id);
  if (!row) throw new AppError('not_found', '单位不存在。');
  if (row.status !== 'active') throw new AppError('refused', '该单位已合并或撤销。');
  const fe = new FieldErrors();
  const endedOn = readEndDate(fe, input, ctx);
  fe.throwIfAny();
  const children = await db
    .selectFrom('agencies')
    .select('id')
    .where('parent_id', '=', id)
    .where('status', '=', 'active')
    .execute();
  if (children.length > 0)
    throw new AppError('refused', `该单位还有${children.length}个未撤销的下级单位，请先撤销或合并下级单位。`);
  const now = ctx.services.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await updateAgency(trx, id, { status: 'abolished', ended_on: endedOn, updated_at: now });
    await trx
      .updateTable('users')
      .set({ status: 'disabled', updated_at: now })
      .where('agency_id', '=', id)
      .execute();
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: id,
      action: 'agency.abolish',
      targetType: 'agency',
      targetId: id,
      before: { status: 'active' },
      after: { status: 'abolished', endedOn, staffDisabled: true },
    });
    await bumpPortalRevision(trx);
  });
  return toAgency((await findAgency(db, id))!);
}
