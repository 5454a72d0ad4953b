/**
 * The portal's reusable pieces: Breadcrumb, CatalogNav, ItemList, Pager. Pure components — plain
 * data in, markup out; every link comes from PortalUrls so a site variant keeps its own links.
 */

import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { CatalogNode, CatalogTreeNode } from '../../catalog/catalog.js';
import { NOT_IN_FORCE, type PublicListItem, validityLabel } from '../portal.js';
import type { PortalUrls } from '../urls.js';

export interface Crumb {
  label: string;
  /** Absent for the current page. */
  href?: string;
}

export function Breadcrumb({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav class="breadcrumb" aria-label="当前位置">
      <ol>
        {crumbs.map((c, i) => (
          <li key={`${i}-${c.label}`}>
            {c.href ? (
              <a href={c.href}>{c.label}</a>
            ) : (
              <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export interface CatalogNavProps {
  code: string;
  tree: CatalogTreeNode[];
  urls: PortalUrls;
  /** The node being shown, or holding the item shown (its branch is expanded and it is marked current). */
  currentId?: string | null;
  /** 'page' on the node's own page; 'location' on an item page (the column is where the reader is). */
  currentKind?: 'page' | 'location';
  /** Which portal page is current when it is not a node. */
  current?: 'home' | 'invalid' | null;
  hasInvalid: boolean;
}

/**
 * The public catalogue: the top level always, below it only the branch that leads to the current
 * node (a long tree stays short without scripts).
 */
export function CatalogNav(p: CatalogNavProps) {
  const open = new Set<string>();
  const mark = (nodes: CatalogTreeNode[], path: string[]): boolean =>
    nodes.some((t) => {
      if (t.node.id === p.currentId || mark(t.children, [...path, t.node.id])) {
        for (const id of [...path, t.node.id]) open.add(id);
        return true;
      }
      return false;
    });
  mark(p.tree, []);
  const item = (t: CatalogTreeNode) => (
    <li key={t.node.id}>
      <a
        href={p.urls.node(p.code, t.node.slugPath)}
        aria-current={t.node.id === p.currentId ? (p.currentKind ?? 'page') : undefined}
      >
        {t.node.name}
      </a>
      {open.has(t.node.id) && t.children.length > 0 ? <ul>{t.children.map(item)}</ul> : null}
    </li>
  );
  return (
    <nav class="catalog-nav no-print" aria-label="政府信息公开目录">
      <h2>政府信息公开目录</h2>
      <ul>
        <li>
          <a href={p.urls.agency(p.code)} aria-current={p.current === 'home' ? 'page' : undefined}>
            专栏首页
          </a>
        </li>
        {p.tree.map(item)}
        {p.hasInvalid ? (
          <li>
            <a href={p.urls.invalid(p.code)} aria-current={p.current === 'invalid' ? 'page' : undefined}>
              失效文件
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export type ListColumns = 'plain' | 'documents' | 'validity';

export interface ItemListProps {
  caption: string;
  items: PublicListItem[];
  code: string;
  urls: PortalUrls;
  /** plain: 标题 | 发布日期; documents: 名称 | 文号 | 成文日期 | 发布日期; validity: 名称 | 文号 | 有效性 | 发布日期. */
  columns: ListColumns;
  empty?: string;
}

export function ItemList(p: ItemListProps) {
  if (p.items.length === 0) return <p class="muted">{p.empty ?? '本栏目暂无信息。'}</p>;
  const docs = p.columns !== 'plain';
  return (
    <TableWrap label={p.caption}>
      <table class="item-list">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{docs ? '名称' : '标题'}</th>
            {docs ? <th scope="col">文号</th> : null}
            {p.columns === 'documents' ? <th scope="col">成文日期</th> : null}
            {p.columns === 'validity' ? <th scope="col">有效性</th> : null}
            <th scope="col">发布日期</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((i) => (
            <tr key={i.id}>
              <td>
                <a href={p.urls.item(p.code, i.id)}>{i.title}</a>
                {p.columns !== 'validity' && i.validity && NOT_IN_FORCE.includes(i.validity) ? (
                  <>
                    {' '}
                    <span class="tag">{validityLabel(i.validity)}</span>
                  </>
                ) : null}
              </td>
              {docs ? <td>{i.docNo ?? '无'}</td> : null}
              {p.columns === 'documents' ? <td class="date">{i.writtenOn ?? '无'}</td> : null}
              {p.columns === 'validity' ? (
                <td>
                  <span class={`validity validity-${i.validity}`}>{validityLabel(i.validity)}</span>
                </td>
              ) : null}
              <td class="date">{i.publishedOn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export interface PagerProps {
  page: number;
  pages: number;
  total: number;
  /** The list's address without ?page. */
  base: string;
  urls: PortalUrls;
}

/** 上一页 / page numbers around the current one / 下一页, and the totals. Links only: no script. */
export function Pager(p: PagerProps) {
  if (p.pages <= 1) return <p class="muted">共 {p.total} 条</p>;
  const around = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, p.pages])]
    .filter((n) => n >= 1 && n <= p.pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pager no-print" aria-label="分页">
      <p class="muted">
        共 {p.total} 条，第 {p.page} / {p.pages} 页
      </p>
      <ul>
        {p.page > 1 ? (
          <li>
            <a href={p.urls.page(p.base, p.page - 1)} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        {around.map((n) => (
          <li key={n}>
            {n === p.page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={p.urls.page(p.base, n)} aria-label={`第${n}页`}>
                {n}
              </a>
            )}
          </li>
        ))}
        {p.page < p.pages ? (
          <li>
            <a href={p.urls.page(p.base, p.page + 1)} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Children of a node as links (a section's columns, the pages of 政府信息公开申请). */
export function NodeLinks({ code, nodes, urls }: { code: string; nodes: CatalogNode[]; urls: PortalUrls }) {
  if (nodes.length === 0) return null;
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.id}>
          <a href={urls.node(code, n.slugPath)}>{n.name}</a>
        </li>
      ))}
    </ul>
  );
}
