/** All SQL of the catalogue tree and the 指南. The caller owns the transaction. */

import type { Db } from '../../platform/services.js';
import { buildTree, type CatalogTreeNode, toCatalogNode, visibleTree } from './catalog.js';
import type { CatalogGuideTable, CatalogNodeTable } from './catalog.table.js';

export function findNode(db: Db, id: string): Promise<CatalogNodeTable | undefined> {
  return db.selectFrom('catalog_nodes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every node of the agency, active and retired, in sibling order (build the tree with buildTree). */
export function listNodes(db: Db, agencyId: string): Promise<CatalogNodeTable[]> {
  return db
    .selectFrom('catalog_nodes')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('slug')
    .execute();
}

/** The node at e.g. ['fdzdgknr', 'xzxk'], whatever its status (the caller decides what retired means). */
export function findNodeBySlugPath(
  db: Db,
  agencyId: string,
  slugPath: string[],
): Promise<CatalogNodeTable | undefined> {
  return db
    .selectFrom('catalog_nodes')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('slug_path', '=', slugPath.join('/'))
    .executeTakeFirst();
}

/** Rows in order, parents before children (a multi-row insert checks each parent as it goes). */
export async function insertNodes(db: Db, rows: CatalogNodeTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('catalog_nodes').values(rows).execute();
}

export async function updateNode(db: Db, id: string, patch: Partial<CatalogNodeTable>): Promise<void> {
  await db.updateTable('catalog_nodes').set(patch).where('id', '=', id).execute();
}

/** What the public portal shows: active nodes under active parents, siblings in order. */
export async function publicTree(db: Db, agencyId: string): Promise<CatalogTreeNode[]> {
  return visibleTree(buildTree((await listNodes(db, agencyId)).map(toCatalogNode)));
}

export function findGuide(db: Db, agencyId: string): Promise<CatalogGuideTable | undefined> {
  return db.selectFrom('catalog_guides').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
}

export async function insertGuide(db: Db, row: CatalogGuideTable): Promise<void> {
  await db.insertInto('catalog_guides').values(row).execute();
}

export async function updateGuide(
  db: Db,
  agencyId: string,
  patch: Omit<CatalogGuideTable, 'agency_id'>,
): Promise<void> {
  await db.updateTable('catalog_guides').set(patch).where('agency_id', '=', agencyId).execute();
}
