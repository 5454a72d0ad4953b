/**
 * The portal's URL scheme, in one place. Every link a portal page renders comes from here, so a
 * variant of the site (长辈版, 繁體) can be served under a path prefix (e.g. `/lb`, `/ft`) with all
 * its links staying inside the variant — the page a URL returns never depends on a cookie.
 *
 *   /                                                  the platform home: governments and their departments
 *   /gk/{agencyCode}                                   the agency's 政府信息公开 section
 *   /search, /gk/{agencyCode}/search                   search the whole platform, or one agency
 *   /gk/{agencyCode}/{slug}[/{slug}…]                  a catalogue node (column, section, 指南, page)
 *   /gk/{agencyCode}/items/{publicationId}             an item (the 索引号 contains '/', so the id is used)
 *   /gk/{agencyCode}/items/{id}/attachments/{attId}    an attachment, downloaded under its Chinese name
 *   /gk/{agencyCode}/invalid                           失效文件: items marked 已修改/已废止/失效
 *   /gk/{agencyCode}/feed[/{slug}…]/rss.xml            RSS 2.0 of the section (or of a node: it and below)
 *   /gk/{agencyCode}/feed[/{slug}…]/atom.xml           the same as Atom 1.0
 *
 * `items` and `invalid` are reserved: a top-level column with one of these slugs would be hidden
 * by these routes (the catalogue should refuse them; see RESERVED_SLUGS).
 */

export { RESERVED_SLUGS } from '../catalog/catalog.js';

import { type Variant, variantOfPrefix } from './variants.js';

export interface PortalUrls {
  /** Path prefix of the variant ('' for the standard site; variants.ts). */
  prefix: string;
  /** The site variant these links stay in (长辈版, 繁體). */
  variant: Variant;
  /** The platform home: `/`, `/lb/`, `/ft/`, `/lb/ft/`. */
  home(): string;
  agency(code: string): string;
  node(code: string, slugPath: readonly string[]): string;
  item(code: string, id: string): string;
  attachment(code: string, id: string, attachmentId: string): string;
  invalid(code: string): string;
  /** The search page of one agency, or of the whole platform when no code is given. */
  search(code?: string): string;
  /** The feed of the whole section (empty slug path) or of the node: one for every variant, unprefixed. */
  feed(code: string, slugPath: readonly string[], format: FeedFormat): string;
  page(base: string, page: number): string;
}

export type FeedFormat = 'rss' | 'atom';

const enc = encodeURIComponent;

export function portalUrls(prefix = ''): PortalUrls {
  const agency = (code: string) => `${prefix}/gk/${enc(code)}`;
  return {
    prefix,
    variant: variantOfPrefix(prefix),
    home: () => `${prefix}/`,
    agency,
    node: (code, slugPath) => `${agency(code)}/${slugPath.map(enc).join('/')}`,
    item: (code, id) => `${agency(code)}/items/${enc(id)}`,
    attachment: (code, id, attachmentId) =>
      `${agency(code)}/items/${enc(id)}/attachments/${enc(attachmentId)}`,
    invalid: (code) => `${agency(code)}/invalid`,
    search: (code) => (code === undefined ? `${prefix}/search` : `${agency(code)}/search`),
    feed: (code, slugPath, format) =>
      `/gk/${enc(code)}/feed${slugPath.map((s) => `/${enc(s)}`).join('')}/${format}.xml`,
    page: (base, page) => (page <= 1 ? base : `${base}?page=${page}`),
  };
}
