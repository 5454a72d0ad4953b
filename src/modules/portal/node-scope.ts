/**
 * What feeds and the open API need of a section, without the rest of a page's data: the agency
 * and the catalogue the public sees (`publicTree`: active nodes under active parents), and a node
 * of it as a filter — the visible node at a slug path with the ids of the columns at and below it
 * (where items are filed).
 */
import type { Db } from '../../platform/services.js';
import { type CatalogTreeNode, flattenTree } from '../catalog/catalog.js';
import { publicTree } from '../catalog/catalog.repository.js';
import { loadAgency, type SectionData } from './page-data.js';

export type PublicScope = Pick<SectionData, 'agency' | 'tree' | 'visibleIds' | 'changedAt'>;

/** The agency at the code (404 when unknown) and its public catalogue. */
export async function loadPublicScope(db: Db, code: string): Promise<PublicScope> {
  const agency = await loadAgency(db, code);
  const tree = await publicTree(db, agency.id);
  const nodes = flattenTree(tree).map((t) => t.node);
  return {
    agency,
    tree,
    visibleIds: nodes.map((n) => n.id),
    changedAt: [agency.updatedAt, ...nodes.map((n) => n.updatedAt)].sort().at(-1)!,
  };
}

/** The visible node at the slug path and its columns; null when there is none or it holds no column. */
export function nodeScope(
  section: Pick<SectionData, 'tree'>,
  slugPath: readonly string[],
): { node: CatalogTreeNode; columnIds: string[] } | null {
  const key = slugPath.join('/');
  const node = flattenTree(section.tree).find((t) => t.node.slugPath.join('/') === key);
  const columnIds = node
    ? flattenTree([node])
        .filter((t) => t.node.kind === 'column')
        .map((t) => t.node.id)
    : [];
  return node && columnIds.length ? { node, columnIds } : null;
}
