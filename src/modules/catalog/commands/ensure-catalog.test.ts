/** The default catalogue on a real database, every dialect: by level, idempotent, topped up, audited once. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../../test/db.js';
import type { Database } from '../../../db/database.js';
import { makeTrail } from '../../../platform/audit/audit-test-helpers.js';
import { insertAgency } from '../../accounts/accounts.repository.js';
import { buildTree, flattenTree, toCatalogNode } from '../catalog.js';
import { findGuide, findNodeBySlugPath, listNodes, publicTree, updateNode } from '../catalog.repository.js';
import { parseGuideFields } from '../guide.js';
import { getDisclosureSettings } from '../settings.repository.js';
import { ensureCatalog } from './ensure-catalog.js';

async function agency(
  db: Kysely<Database>,
  name: string,
  level: string,
  kind: string,
  parentId: string | null = null,
) {
  const id = randomUUID();
  const now = '2026-03-01T00:00:00.000Z';
  await insertAgency(db, {
    id,
    code: `T-${id.slice(0, 8)}`,
    name,
    kind,
    level,
    parent_id: parentId,
    status: 'active',
    successor_id: null,
    ended_on: null,
    sort_order: 0,
    created_at: now,
    updated_at: now,
  });
  return { id, name, level, kind };
}

const auditCount = async (db: Kysely<Database>, agencyId: string) =>
  (await db.selectFrom('audit_events').select('action').where('agency_id', '=', agencyId).execute()).map(
    (r) => r.action,
  );

describeEachDialect('ensureCatalog', (getDb) => {
  it('builds a city department’s tree with the 第二十一条 columns, its 指南, and one audit event', async () => {
    const { db } = getDb();
    const t = makeTrail();
    const gov = await agency(db, '示例市人民政府', 'city', 'government');
    const dept = await agency(db, '示例市民政局', 'city', 'department', gov.id);
    await db.transaction().execute((trx) => ensureCatalog(trx, { audit: t.trail, clock: t.clock }, dept));
    const nodes = (await listNodes(db, dept.id)).map(toCatalogNode);
    const statutory = nodes.filter((n) => n.slugPath[0] === 'fdzdgknr' && n.slugPath.length === 2);
    expect(statutory.map((n) => n.statutoryItem)).toContain('21.city.7');
    expect(statutory.find((n) => n.statutoryItem === '21.city.6')!.name).toBe('治安管理');
    expect(statutory.some((n) => n.name === '规章')).toBe(false);
    const xzxk = await findNodeBySlugPath(db, dept.id, ['fdzdgknr', 'xzxk']);
    expect(xzxk && toCatalogNode(xzxk)).toMatchObject({
      name: '行政许可',
      kind: 'column',
      statutoryItem: '20.5',
      status: 'active',
      holdsDocuments: false,
    });
    const gfxwj = toCatalogNode((await findNodeBySlugPath(db, dept.id, ['fdzdgknr', 'xzgfxwj']))!);
    expect(gfxwj.holdsDocuments).toBe(true);
    const guide = parseGuideFields((await findGuide(db, dept.id))!.fields_json);
    expect(guide.officeName).toBe('示例市民政局办公室');
    expect(guide.timeLimit).toContain('20个工作日');
    expect(await auditCount(db, dept.id)).toEqual(['catalog.create_default']);
    // In order: siblings sorted, parents before children.
    const order = flattenTree(buildTree(nodes)).map((x) => x.node.slugPath.join('/'));
    expect(order.slice(0, 4)).toEqual(['zfxxgkzn', 'zfxxgkzd', 'fdzdgknr', 'fdzdgknr/jgzn']);
    expect(order.at(-1)).toBe('zfxxgksq/sfbz');
  });

  it('gives a township government the township list of 第二十一条', async () => {
    const { db } = getDb();
    const t = makeTrail();
    const town = await agency(db, '示例镇人民政府', 'township', 'government');
    await db.transaction().execute((trx) => ensureCatalog(trx, { audit: t.trail, clock: t.clock }, town));
    const items = (await listNodes(db, town.id)).map((n) => n.statutory_item).filter(Boolean);
    expect(items).toContain('21.township.4');
    expect(items).not.toContain('21.city.1');
    expect((await findNodeBySlugPath(db, town.id, ['fdzdgknr', 'zjdsh']))!.name).toBe('宅基地审核');
  });

  it('is idempotent, and tops up a node that is missing', async () => {
    const { db } = getDb();
    const t = makeTrail();
    const s = { audit: t.trail, clock: t.clock };
    const county = await agency(db, '示例县人民政府', 'county', 'government');
    await db.transaction().execute((trx) => ensureCatalog(trx, s, county));
    const first = await listNodes(db, county.id);
    await db.transaction().execute((trx) => ensureCatalog(trx, s, county));
    expect(await listNodes(db, county.id)).toEqual(first);
    expect(await auditCount(db, county.id)).toEqual(['catalog.create_default']);

    // A node of the template removed behind the platform's back comes back, audited once more.
    const fees = (await findNodeBySlugPath(db, county.id, ['zfxxgksq', 'sfbz']))!;
    await db.deleteFrom('catalog_nodes').where('id', '=', fees.id).execute();
    await db.transaction().execute((trx) => ensureCatalog(trx, s, county));
    expect((await findNodeBySlugPath(db, county.id, ['zfxxgksq', 'sfbz']))!.name).toBe('收费标准');
    expect(await listNodes(db, county.id)).toHaveLength(first.length);
    expect(await auditCount(db, county.id)).toEqual(['catalog.create_default', 'catalog.create_default']);
  });

  it('publicTree leaves out retired nodes and everything below them', async () => {
    const { db } = getDb();
    const t = makeTrail();
    const dept = await agency(db, '示例县民政局', 'county', 'department');
    await db.transaction().execute((trx) => ensureCatalog(trx, { audit: t.trail, clock: t.clock }, dept));
    const sq = (await findNodeBySlugPath(db, dept.id, ['zfxxgksq']))!;
    const zagl = (await findNodeBySlugPath(db, dept.id, ['fdzdgknr', 'zagl']))!;
    await updateNode(db, sq.id, { status: 'retired' });
    await updateNode(db, zagl.id, { status: 'retired' });
    const visible = flattenTree(await publicTree(db, dept.id)).map((x) => x.node.slugPath.join('/'));
    expect(visible).toContain('fdzdgknr/xzxk');
    expect(visible).not.toContain('fdzdgknr/zagl');
    expect(visible.some((p) => p.startsWith('zfxxgksq'))).toBe(false);
    expect(visible[0]).toBe('zfxxgkzn');
  });

  it('getDisclosureSettings: defaults without a row, official contacts from the 指南', async () => {
    const { db } = getDb();
    const t = makeTrail();
    const dept = await agency(db, '示例县财政局', 'county', 'department');
    expect(await getDisclosureSettings(db, dept.id)).toEqual({
      agencyId: dept.id,
      indexNoPattern: null,
      sensitiveWords: [],
      officialContacts: [],
      extraContacts: [],
      workflowSteps: ['firstReview', 'secrecyReview', 'signOff'],
      withheldReviewMonths: 12,
    });
    await db.transaction().execute((trx) => ensureCatalog(trx, { audit: t.trail, clock: t.clock }, dept));
    const guide = (await findGuide(db, dept.id))!;
    const fields = {
      ...parseGuideFields(guide.fields_json),
      officePhone: '0000-1、0000-2',
      officeEmail: 'x@demo.invalid',
    };
    await db
      .updateTable('catalog_guides')
      .set({ fields_json: JSON.stringify(fields) })
      .execute();
    expect((await getDisclosureSettings(db, dept.id)).officialContacts).toEqual([
      '0000-1',
      '0000-2',
      'x@demo.invalid',
    ]);
  });
});
