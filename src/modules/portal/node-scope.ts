/**
 * A node of a section as feeds and the open API filter by it: the visible node at a slug path and
 * the ids of the columns at and below it (where items are filed). Null when the path names no
 * visible node or one holding no column (a 指南 or a page has no items).
 */
import { type CatalogTreeNode, flattenTree } from '../catalog/catalog.js';
import type { SectionData } from './page-data.js';

export function nodeScope(
  section: SectionData,
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
