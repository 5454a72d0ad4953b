/**
 * Creates an agency's default 政府信息公开 section (the tree of its level and the 指南 template).
 * Idempotent: nodes of the template that already exist (by template key) are left alone, missing ones
 * are added (so a grown template tops up older agencies), and nothing is written when nothing is
 * missing. A template node whose address an agency's own node already took is skipped. One audit
 * event, 'catalog.create_default', when anything was created.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Actor } from '../../../platform/audit/audit.js';
import type { Services } from '../../../platform/services.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { systemActor } from '../../accounts/commands/context.js';
import { findGuide, insertGuide, insertNodes, listNodes } from '../catalog.repository.js';
import type { CatalogNodeTable } from '../catalog.table.js';
import { defaultTemplate } from '../catalog-template.js';
import { guideTemplate } from '../guide.js';

export interface CatalogAgency {
  id: string;
  level: string;
  kind: string;
  /** Read from the database when absent. */
  name?: string;
}

export async function ensureCatalog(
  trx: Transaction<Database>,
  services: Pick<Services, 'audit' | 'clock'>,
  agency: CatalogAgency,
  actor: Actor = systemActor(),
): Promise<void> {
  const name = agency.name ?? (await findAgency(trx, agency.id))?.name;
  if (!name) throw new Error(`ensureCatalog: agency ${agency.id} does not exist`);
  const now = services.clock.now().toISOString();
  const existing = await listNodes(trx, agency.id);
  const byKey = new Map(existing.filter((n) => n.template_key).map((n) => [n.template_key!, n]));
  const paths = new Set(existing.map((n) => n.slug_path));
  const order = new Map<string | null, number>();
  const created: CatalogNodeTable[] = [];
  for (const t of defaultTemplate({ name, level: agency.level, kind: agency.kind })) {
    const sortOrder = (order.get(t.parentKey) ?? 0) + 10;
    order.set(t.parentKey, sortOrder);
    if (byKey.has(t.key)) continue;
    const parent = t.parentKey ? byKey.get(t.parentKey) : null;
    if (parent === undefined) continue; // its parent was skipped
    const slugPath = parent ? `${parent.slug_path}/${t.slug}` : t.slug;
    if (paths.has(slugPath)) continue;
    const row: CatalogNodeTable = {
      id: randomUUID(),
      agency_id: agency.id,
      parent_id: parent ? parent.id : null,
      slug: t.slug,
      slug_path: slugPath,
      name: t.name,
      kind: t.kind,
      statutory_item: t.statutoryItem,
      template_key: t.key,
      holds_documents: t.holdsDocuments ? 1 : 0,
      body: t.body,
      sort_order: sortOrder,
      status: 'active',
      retired_reason: null,
      retired_at: null,
      created_at: now,
      updated_at: now,
    };
    byKey.set(t.key, row);
    paths.add(slugPath);
    created.push(row);
  }
  const guideMissing = !(await findGuide(trx, agency.id));
  if (created.length === 0 && !guideMissing) return;
  await insertNodes(trx, created);
  if (guideMissing)
    await insertGuide(trx, {
      agency_id: agency.id,
      fields_json: JSON.stringify(guideTemplate({ name, level: agency.level })),
      updated_at: now,
      updated_by: actor.actorId,
    });
  await services.audit.record(trx, actor, {
    agencyId: agency.id,
    action: 'catalog.create_default',
    targetType: 'catalog',
    targetId: agency.id,
    after: { level: agency.level, nodes: created.map((n) => n.template_key), guideCreated: guideMissing },
  });
}
