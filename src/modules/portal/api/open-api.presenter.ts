/**
 * What the open API sends: the portal's public data and nothing else — no reviewer, editor or
 * workflow state, no draft, no withdrawn title or body. Links are absolute (`abs`).
 */
import type { Static } from '@sinclair/typebox';
import { chinaToday } from '../../../platform/legal-date.js';
import {
  AGENCY_KIND_LABELS,
  AGENCY_LEVEL_LABELS,
  AGENCY_STATUS_LABELS,
  type Agency,
} from '../../accounts/accounts.js';
import { flattenTree, NODE_KIND_LABELS } from '../../catalog/catalog.js';
import type { Highlighted, SearchHit } from '../../search/search.js';
import { nodeScope, type PublicScope } from '../node-scope.js';
import type { ItemData, SectionData } from '../page-data.js';
import { genreLabel, type PublicLink, topicLabel, validityLabel, type WithdrawnItem } from '../portal.js';
import type { PublicEntry } from '../portal.repository.js';
import type { PortalUrls } from '../urls.js';
import { chineseDate } from '../views/format.js';
import { metadataRows } from '../views/metadata-block.js';
import type {
  AgencySchema,
  CatalogNodeSchema,
  GoneSchema,
  ItemDetailSchema,
  ItemSummarySchema,
  SearchHitSchema,
} from './open-api.schemas.js';

export const OPEN_API = '/api/v1/open';
export const openApiUrls = {
  agencies: () => `${OPEN_API}/agencies`,
  catalog: (code: string) => `${OPEN_API}/agencies/${encodeURIComponent(code)}/catalog`,
  items: (query: Record<string, string> = {}) => {
    const qs = new URLSearchParams(query).toString();
    return `${OPEN_API}/items${qs ? `?${qs}` : ''}`;
  },
  item: (id: string) => `${OPEN_API}/items/${encodeURIComponent(id)}`,
  search: (query: Record<string, string>) => `${OPEN_API}/search?${new URLSearchParams(query)}`,
};

type Abs = (path: string) => string;

export interface Presenter {
  abs: Abs;
  urls: PortalUrls;
}

const feeds = (p: Presenter, code: string, slugPath: readonly string[]) => ({
  rss: p.abs(p.urls.feed(code, slugPath, 'rss')),
  atom: p.abs(p.urls.feed(code, slugPath, 'atom')),
});

export function presentAgency(
  p: Presenter,
  a: Agency,
  codeOf: (id: string | null) => string | null,
): Static<typeof AgencySchema> {
  return {
    code: a.code,
    name: a.name,
    kind: a.kind,
    kindLabel: AGENCY_KIND_LABELS[a.kind],
    level: a.level,
    levelLabel: AGENCY_LEVEL_LABELS[a.level],
    status: a.status,
    statusLabel: AGENCY_STATUS_LABELS[a.status],
    parentCode: codeOf(a.parentId),
    successorCode: codeOf(a.successorId),
    url: p.abs(p.urls.agency(a.code)),
    feeds: feeds(p, a.code, []),
    catalogApi: p.abs(openApiUrls.catalog(a.code)),
    itemsApi: p.abs(openApiUrls.items({ agency: a.code })),
  };
}

export function presentCatalog(p: Presenter, section: PublicScope): Static<typeof CatalogNodeSchema>[] {
  const code = section.agency.code;
  return flattenTree(section.tree).map((t) => {
    const n = t.node;
    const slugPath = n.slugPath.join('/');
    const listed = nodeScope(section, n.slugPath) !== null;
    return {
      id: n.id,
      parentId: n.parentId,
      depth: t.depth,
      slugPath,
      name: n.name,
      kind: n.kind,
      kindLabel: NODE_KIND_LABELS[n.kind],
      statutoryItem: n.statutoryItem,
      holdsDocuments: n.holdsDocuments,
      url: p.abs(p.urls.node(code, n.slugPath)),
      feeds: listed ? feeds(p, code, n.slugPath) : null,
      itemsApi: listed ? p.abs(openApiUrls.items({ agency: code, column: slugPath })) : null,
      body: n.kind === 'page' ? n.body : null,
    };
  });
}

/** The fields lists and the item share, in the portal's metadata order. */
function common(
  p: Presenter,
  e: Omit<PublicEntry, 'agencyId' | 'agencyCode' | 'agencyName'>,
  agency: { code: string; name: string },
) {
  return {
    id: e.id,
    indexNo: e.indexNo,
    topic: e.topic,
    topicLabel: topicLabel(e.topic),
    publisher: e.publisherName,
    writtenOn: e.writtenOn,
    title: e.title,
    docNo: e.docNo,
    publishedOn: e.publishedOn,
    validity: e.validity,
    validityLabel: validityLabel(e.validity),
    genre: e.genre,
    genreLabel: genreLabel(e.genre),
    summary: e.summary,
    agency,
    columnId: e.columnId,
    publishedAt: e.publishedAt,
    changedAt: e.changedAt,
    url: p.abs(p.urls.item(agency.code, e.id)),
    api: p.abs(openApiUrls.item(e.id)),
  };
}

export function presentEntry(p: Presenter, e: PublicEntry): Static<typeof ItemSummarySchema> {
  return common(p, e, { code: e.agencyCode, name: e.agencyName });
}

const presentLink = (p: Presenter, l: PublicLink) => ({
  id: l.id,
  title: l.title,
  agencyCode: l.agencyCode,
  publishedOn: l.publishedOn,
  url: p.abs(p.urls.item(l.agencyCode, l.id)),
  api: p.abs(openApiUrls.item(l.id)),
});

export function presentItem(
  p: Presenter,
  section: SectionData,
  d: ItemData,
): Static<typeof ItemDetailSchema> {
  const { item } = d;
  const agency = { code: section.agency.code, name: section.agency.name };
  const column = d.trail.at(-1) ?? null;
  return {
    ...common(p, item, agency),
    metadata: metadataRows(item).map((r) => ({ label: r.label, value: r.value })),
    keywords: item.keywords,
    formedOn: item.formedOn,
    version: item.version,
    validityNote: item.validityNote,
    validityChangedOn: item.validityChangedOn,
    column: column
      ? {
          id: column.id,
          name: column.name,
          slugPath: column.slugPath.join('/'),
          url: p.abs(p.urls.node(agency.code, column.slugPath)),
        }
      : null,
    bodyHtml: item.bodyHtml,
    attachments: item.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      type: a.type,
      size: a.size,
      sha256: a.sha256,
      url: p.abs(p.urls.attachment(agency.code, item.id, a.id)),
    })),
    interpretations: d.interpretations.map((l) => presentLink(p, l)),
    policies: d.policies.map((l) => presentLink(p, l)),
    versions: d.versions,
  };
}

/** 410: the withdrawal, never the title or body. */
export function presentGone(item: WithdrawnItem, reason: string | null): Static<typeof GoneSchema> {
  const on = chinaToday(new Date(item.withdrawnAt));
  return {
    error: { code: 'gone', message: `该信息已于${chineseDate(on)}撤回。`, fields: [] },
    withdrawal: { id: item.id, indexNo: item.indexNo, withdrawnOn: on, reason },
  };
}

/** Runs → plain text and the marked ranges [start, end) counted in code points. */
export function flatten(runs: Highlighted): { text: string; ranges: [number, number][] } {
  let at = 0;
  const ranges: [number, number][] = [];
  for (const r of runs) {
    const length = [...r.text].length;
    if (r.mark) {
      const last = ranges.at(-1);
      if (last && last[1] === at) last[1] = at + length;
      else ranges.push([at, at + length]);
    }
    at += length;
  }
  return { text: runs.map((r) => r.text).join(''), ranges };
}

export function presentHit(p: Presenter, h: SearchHit): Static<typeof SearchHitSchema> {
  const title = flatten(h.titleHighlighted.length ? h.titleHighlighted : [{ text: h.title, mark: false }]);
  const snippet = flatten(h.snippet);
  return {
    id: h.id,
    indexNo: h.indexNo,
    topic: h.topic,
    topicLabel: topicLabel(h.topic),
    publisher: h.publisherName,
    writtenOn: h.writtenOn,
    title: title.text,
    titleHighlights: title.ranges,
    docNo: h.docNo,
    publishedOn: h.publishedOn,
    validity: h.validity,
    validityLabel: validityLabel(h.validity),
    genre: h.genre,
    genreLabel: genreLabel(h.genre),
    snippet: snippet.text,
    snippetHighlights: snippet.ranges,
    agency: { code: h.agencyCode, name: h.agencyName },
    columnId: h.columnId,
    url: p.abs(p.urls.item(h.agencyCode, h.id)),
    api: p.abs(openApiUrls.item(h.id)),
  };
}
