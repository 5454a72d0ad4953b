/**
 * Domain types of the 主动公开基本目录 (catalog): the column tree of an agency's
 * 政府信息公开 section, the row → domain mapping and the pure tree helpers.
 */
import type { CatalogNodeTable } from './catalog.table.js';

export const NODE_KINDS = ['section', 'column', 'guide', 'page'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  section: '分类',
  column: '栏目',
  guide: '指南',
  page: '页面',
};

export type NodeStatus = 'active' | 'retired';

export interface CatalogNode {
  id: string;
  agencyId: string;
  parentId: string | null;
  slug: string;
  /** Slugs from the top of the section down, e.g. ['fdzdgknr', 'xzxk']. */
  slugPath: string[];
  name: string;
  kind: NodeKind;
  /** The 条例 item the column answers: '20.1' … '20.15', '21.city.1' …, '21.township.1' … */
  statutoryItem: string | null;
  /** Set on nodes of the default template; stable across renames (e.g. 'guide', 'annualReports'). */
  templateKey: string | null;
  /** A 文件类 column: its list shows 文号. */
  holdsDocuments: boolean;
  /** Text of a 'page' node, paragraphs separated by blank lines. */
  body: string | null;
  sortOrder: number;
  status: NodeStatus;
  retiredReason: string | null;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toCatalogNode(row: CatalogNodeTable): CatalogNode {
  return {
    id: row.id,
    agencyId: row.agency_id,
    parentId: row.parent_id,
    slug: row.slug,
    slugPath: row.slug_path.split('/'),
    name: row.name,
    kind: row.kind as NodeKind,
    statutoryItem: row.statutory_item,
    templateKey: row.template_key,
    holdsDocuments: Number(row.holds_documents) === 1,
    body: row.body,
    sortOrder: Number(row.sort_order),
    status: row.status as NodeStatus,
    retiredReason: row.retired_reason,
    retiredAt: row.retired_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Publications may be filed in active columns only (sections, the 指南 and pages hold no items). */
export function acceptsPublications(node: Pick<CatalogNode, 'kind' | 'status'>): boolean {
  return node.kind === 'column' && node.status === 'active';
}

/**
 * Nodes that structure the section as 国办公开办函〔2019〕61号 and the 条例 require (指南 第十二条,
 * 制度, 法定主动公开内容, 年报 第四十九条, 申请 第二十七至二十九条): they may be renamed and
 * reordered but never retired.
 */
export const REQUIRED_TEMPLATE_KEYS: ReadonlySet<string> = new Set([
  'guide',
  'rules',
  'statutory',
  'annualReports',
  'applications',
]);

export function isRequiredNode(node: Pick<CatalogNode, 'templateKey'>): boolean {
  return node.templateKey !== null && REQUIRED_TEMPLATE_KEYS.has(node.templateKey);
}

/** How deep the tree may grow: a top-level node is depth 1. */
export const MAX_DEPTH = 4;

export interface CatalogTreeNode {
  node: CatalogNode;
  depth: number;
  /** Retired itself, or below a retired node: hidden from the public either way. */
  hidden: boolean;
  children: CatalogTreeNode[];
}

const bySortOrder = (a: CatalogNode, b: CatalogNode) =>
  a.sortOrder - b.sortOrder || a.createdAt.localeCompare(b.createdAt) || a.slug.localeCompare(b.slug);

/** The forest of an agency's nodes, siblings in display order. */
export function buildTree(nodes: CatalogNode[]): CatalogTreeNode[] {
  const children = new Map<string | null, CatalogNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const key = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  const grow = (parent: string | null, depth: number, parentHidden: boolean): CatalogTreeNode[] =>
    (children.get(parent) ?? []).sort(bySortOrder).map((node) => {
      const hidden = parentHidden || node.status === 'retired';
      return { node, depth, hidden, children: grow(node.id, depth + 1, hidden) };
    });
  return grow(null, 1, false);
}

/** Pre-order: parents before children, siblings in display order. */
export function flattenTree(tree: CatalogTreeNode[]): CatalogTreeNode[] {
  return tree.flatMap((t) => [t, ...flattenTree(t.children)]);
}

/** Only what the public sees: active nodes whose ancestors are all active. */
export function visibleTree(tree: CatalogTreeNode[]): CatalogTreeNode[] {
  return tree.filter((t) => !t.hidden).map((t) => ({ ...t, children: visibleTree(t.children) }));
}

/** The siblings of a node, in display order (including itself). */
export function siblingsOf(nodes: CatalogNode[], node: CatalogNode): CatalogNode[] {
  return nodes.filter((n) => n.parentId === node.parentId).sort(bySortOrder);
}

/**
 * Top-level slugs the public portal uses for its own pages (item pages, 失效文件, and the
 * search, feeds and sitemap planned next); a top-level column may not take one.
 */
export const RESERVED_SLUGS: readonly string[] = ['items', 'invalid', 'search', 'feed', 'sitemap', 'apply'];
