/**
 * Collects the plain data of each portal page (the views turn it into HTML). Anything the public
 * may not see is "not found" here: unknown agencies, retired or unknown columns, drafts, items in
 * review, scheduled or registered items. A withdrawn item is reported as such (the route answers 410).
 */
import { AppError } from '../../platform/errors.js';
import { chinaToday } from '../../platform/legal-date.js';
import type { Db } from '../../platform/services.js';
import { type Agency, toAgency } from '../accounts/accounts.js';
import { findAgency, findAgencyByCode } from '../accounts/accounts.repository.js';
import { type CatalogNode, type CatalogTreeNode, flattenTree, MAX_DEPTH } from '../catalog/catalog.js';
import { findGuide, publicTree } from '../catalog/catalog.repository.js';
import { SLUG_PATTERN } from '../catalog/commands/add-node.js';
import { type Guide, toGuide } from '../catalog/guide.js';
import { maskFindings, scanText } from '../checks/findings.js';
import {
  type ItemLookup,
  LATEST_COUNT,
  NOT_IN_FORCE,
  PAGE_SIZE,
  type PublicItem,
  type PublicLink,
  type PublicListItem,
  type PublicVersion,
  type WithdrawnItem,
} from './portal.js';
import {
  findPublicItem,
  hasLiveItems,
  listLiveItems,
  listPublicVersions,
  liveLinks,
} from './portal.repository.js';

/** What every page of an agency's section shows around its content. */
export interface SectionData {
  agency: Agency;
  /** For a merged or abolished agency: the agency that took over, if any. */
  successor: Pick<Agency, 'code' | 'name'> | null;
  tree: CatalogTreeNode[];
  /** The nodes the public sees (active, under active parents). Items filed elsewhere are not shown. */
  nodes: CatalogNode[];
  /** Ids of the visible nodes: an item is public only while its column is among them. */
  visibleIds: string[];
  guideNode: CatalogNode | null;
  /** The 政府信息公开申请 section and its pages. */
  applications: CatalogTreeNode | null;
  hasInvalid: boolean;
  /** Latest change of the agency or its catalogue. */
  changedAt: string;
}

export interface Paged {
  items: PublicListItem[];
  total: number;
  page: number;
  pages: number;
}

const CODE_PATTERN = /^[0-9A-Za-z-]{1,40}$/;

/** The agency whose section the URL names, whatever its status (a merged agency's items stay public). */
export async function loadAgency(db: Db, code: string): Promise<Agency> {
  const row = CODE_PATTERN.test(code) ? await findAgencyByCode(db, code) : undefined;
  if (!row) throw new AppError('not_found');
  return toAgency(row);
}

export async function loadSection(db: Db, code: string): Promise<SectionData> {
  const agency = await loadAgency(db, code);
  const [tree, successorRow] = await Promise.all([
    publicTree(db, agency.id),
    agency.successorId ? findAgency(db, agency.successorId) : undefined,
  ]);
  const flat = flattenTree(tree);
  const nodes = flat.map((t) => t.node);
  const visibleIds = nodes.map((n) => n.id);
  const hasInvalid = await hasLiveItems(db, {
    agencyId: agency.id,
    columnIds: visibleIds,
    validities: NOT_IN_FORCE,
  });
  return {
    agency,
    successor: successorRow ? { code: successorRow.code, name: successorRow.name } : null,
    tree,
    nodes,
    visibleIds,
    guideNode: nodes.find((n) => n.kind === 'guide') ?? null,
    applications: flat.find((t) => t.node.templateKey === 'applications') ?? null,
    hasInvalid,
    changedAt: [agency.updatedAt, ...nodes.map((n) => n.updatedAt)].sort().at(-1)!,
  };
}

/** `?page=`: absent ⇒ 1; anything but a positive integer ⇒ not found (no endless empty pages). */
export function readPage(raw: unknown): number {
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) throw new AppError('not_found');
  return Number(raw);
}

async function paged(
  db: Db,
  filter: Omit<Parameters<typeof listLiveItems>[1], 'limit' | 'offset'>,
  page: number,
): Promise<Paged & { changedAt: string | null }> {
  const r = await listLiveItems(db, { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(r.total / PAGE_SIZE));
  if (page > pages) throw new AppError('not_found');
  return { items: r.items, total: r.total, page, pages, changedAt: r.changedAt };
}

export async function loadHome(db: Db, section: SectionData) {
  const latest = await listLiveItems(db, {
    agencyId: section.agency.id,
    columnIds: section.visibleIds,
    limit: LATEST_COUNT,
    offset: 0,
  });
  return { latest: latest.items, changedAt: latest.changedAt };
}

export type NodeData =
  | { kind: 'guide'; node: CatalogNode; trail: CatalogNode[]; guide: Guide | null; changedAt: string }
  | { kind: 'page'; node: CatalogNode; trail: CatalogNode[]; children: CatalogNode[]; changedAt: string }
  | {
      kind: 'list';
      node: CatalogNode;
      trail: CatalogNode[];
      children: CatalogNode[];
      /** Null when nothing below the node holds items (a section of pages). */
      list: Paged | null;
      /** Show 文号 and 成文日期 (a 文件类 column, or a section holding one). */
      documents: boolean;
      changedAt: string | null;
    };

/** The node at the slug path, visible to the public, with what its page shows. */
export async function loadNode(
  db: Db,
  section: SectionData,
  slugPath: string[],
  page: number,
): Promise<NodeData> {
  if (slugPath.length > MAX_DEPTH || !slugPath.every((s) => SLUG_PATTERN.test(s)))
    throw new AppError('not_found');
  const key = slugPath.join('/');
  const found = flattenTree(section.tree).find((t) => t.node.slugPath.join('/') === key);
  if (!found) throw new AppError('not_found'); // unknown, retired, or under a retired node
  const node = found.node;
  const trail = trailOf(section.nodes, node);
  const children = found.children.map((c) => c.node);
  if (node.kind === 'guide') {
    const row = await findGuide(db, section.agency.id);
    const guide = row ? toGuide(row) : null;
    return { kind: 'guide', node, trail, guide, changedAt: guide?.updatedAt ?? node.updatedAt };
  }
  if (node.kind === 'page') {
    if (page !== 1) throw new AppError('not_found');
    return { kind: 'page', node, trail, children, changedAt: node.updatedAt };
  }
  const columns = flattenTree([found])
    .map((t) => t.node)
    .filter((n) => n.kind === 'column');
  if (columns.length === 0) {
    if (page !== 1) throw new AppError('not_found');
    return { kind: 'list', node, trail, children, list: null, documents: false, changedAt: node.updatedAt };
  }
  const list = await paged(db, { agencyId: section.agency.id, columnIds: columns.map((c) => c.id) }, page);
  return {
    kind: 'list',
    node,
    trail,
    children,
    list,
    documents: columns.some((c) => c.holdsDocuments),
    changedAt: list.changedAt,
  };
}

/** The node's ancestors from the top, ending with the node itself. */
export function trailOf(nodes: CatalogNode[], node: CatalogNode): CatalogNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const trail: CatalogNode[] = [];
  for (let n: CatalogNode | undefined = node; n; n = n.parentId ? byId.get(n.parentId) : undefined)
    trail.unshift(n);
  return trail;
}

export async function loadInvalid(db: Db, section: SectionData, page: number) {
  return paged(
    db,
    { agencyId: section.agency.id, columnIds: section.visibleIds, validities: NOT_IN_FORCE },
    page,
  );
}

export interface ItemData {
  item: PublicItem;
  /** The column it is filed in, with its ancestors from the top. */
  trail: CatalogNode[];
  versions: PublicVersion[];
  /** For a policy: its interpretations. */
  interpretations: PublicLink[];
  /** For an interpretation: the policies it explains. */
  policies: PublicLink[];
  changedAt: string;
}

/** Whether the public can see items of this column (retiring a column hides its items too). */
const visibleIn = (section: SectionData, columnId: string | null) =>
  columnId === null || section.visibleIds.includes(columnId);

/**
 * One item of the section. An item filed in a retired column (or under a retired node) is hidden
 * like its column — "missing", not withdrawn: retiring is reversible and says nothing about the item.
 */
export async function findSectionItem(db: Db, section: SectionData, id: string): Promise<ItemLookup> {
  if (id.length > 64) return { kind: 'missing' };
  const found = await findPublicItem(db, section.agency.id, id);
  if (found.kind === 'live' && !visibleIn(section, found.item.columnId)) return { kind: 'missing' };
  return found;
}

export async function loadItem(
  db: Db,
  section: SectionData,
  id: string,
): Promise<Exclude<ItemLookup, { kind: 'live' }> | { kind: 'live'; data: ItemData }> {
  const found = await findSectionItem(db, section, id);
  if (found.kind !== 'live') return found;
  const item = found.item;
  const [versions, interpretations, policies] = await Promise.all([
    listPublicVersions(db, item.id),
    liveLinks(db, item.id, 'policy'),
    liveLinks(db, item.id, 'interpretation'),
  ]);
  const visible = await visibleLinks(db, section, [...interpretations.links, ...policies.links]);
  const column = section.nodes.find((n) => n.id === item.columnId);
  return {
    kind: 'live',
    data: {
      item,
      trail: column ? trailOf(section.nodes, column) : [],
      versions: versions.filter((v) => v.version <= item.version),
      interpretations: interpretations.links.filter(visible),
      policies: policies.links.filter(visible),
      changedAt: [item.changedAt, interpretations.changedAt ?? '', policies.changedAt ?? ''].sort().at(-1)!,
    },
  };
}

/** A filter keeping the links whose column the public can see (in this or another agency's section). */
async function visibleLinks(db: Db, section: SectionData, links: PublicLink[]) {
  const visible = new Map<string, Set<string>>([[section.agency.id, new Set(section.visibleIds)]]);
  for (const agencyId of new Set(links.map((l) => l.agencyId)))
    if (!visible.has(agencyId))
      visible.set(agencyId, new Set(flattenTree(await publicTree(db, agencyId)).map((t) => t.node.id)));
  return (l: PublicLink) => l.columnId === null || (visible.get(l.agencyId)?.has(l.columnId) ?? false);
}

/**
 * The withdrawal reason as the public may read it. Decision: the reason is shown (the public should
 * know why information it relied on was taken down), but it is typed by staff, so personal data the
 * checks recognise (身份证号, bank card, mobile, e-mail) is masked first, as in 110***********1234.
 */
export function publicWithdrawalReason(item: WithdrawnItem): string | null {
  const reason = item.withdrawnReason?.trim();
  if (!reason) return null;
  const today = chinaToday(new Date(item.withdrawnAt));
  return maskFindings(reason, scanText(reason, { sensitiveWords: [], officialContacts: [], today }));
}
