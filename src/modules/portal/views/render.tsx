/** Renders a portal page to the bytes sent: the layout, the section band and catalogue, the body. */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../../../config.js';
import type { SectionData } from '../page-data.js';
import { siteDomainOf } from '../site-settings.js';
import { currentSiteSettings } from '../site-settings.store.js';
import type { PortalUrls } from '../urls.js';
import { traditionalHtml } from '../variants.js';
import { CatalogNav } from './components.js';
import { type PageHead, PortalLayout, type PortalSite } from './portal-layout.js';
import { SearchBox } from './search-box.js';

/**
 * The site identity pages show: the site settings a platform admin keeps at /admin/site (cached
 * per process, site-settings.store.ts); while 网站名称 is unset the configured platform name, while
 * 网站地址 is unset PUBLIC_BASE_URL. The fields are read when a page renders, so the one object a
 * route plugin keeps follows every change.
 */
export function portalSite(config: Pick<Config, 'platformName' | 'publicBaseUrl'>): PortalSite {
  const s = () => currentSiteSettings(config);
  const baseUrl = () => s()?.baseUrl ?? config.publicBaseUrl ?? null;
  return {
    get name() {
      return s()?.siteName ?? config.platformName;
    },
    get siteIdCode() {
      return s()?.siteIdCode ?? null;
    },
    get baseUrl() {
      return baseUrl();
    },
    get siteDomain() {
      return siteDomainOf({ siteDomain: s()?.siteDomain ?? null, baseUrl: baseUrl() });
    },
    get footer() {
      return s() ?? null;
    },
  };
}

const STATUS_NOTES: Record<string, string> = { merged: '该机关已合并', abolished: '该机关已撤销' };

function sectionNote(section: SectionData): string | null {
  const note = STATUS_NOTES[section.agency.status];
  if (!note) return null;
  const successor = section.successor ? `，职责由${section.successor.name}承担` : '';
  return `${note}${successor}。本专栏保留其已主动公开的政府信息。`;
}

export interface RenderOptions {
  site: PortalSite;
  urls: PortalUrls;
  /** `path` is the page's own address in its variant, with the query string the variant switch keeps. */
  head: Omit<PageHead, 'title'> & { title: string[] };
  /** The agency whose section this is; null for a platform-wide page (no band, no catalogue). */
  section: SectionData | null;
  current?: { nodeId?: string | null; kind?: 'page' | 'location'; page?: 'home' | 'invalid' };
  body: ComponentChildren;
}

/**
 * `<!doctype html>…`; the `<title>` is the given parts and the site name joined by '_'. In the
 * 繁體 variant the text of the whole page is converted to Traditional characters (variants.ts).
 */
export function renderPortalPage(o: RenderOptions): string {
  const code = o.section?.agency.code;
  const html = renderToString(
    <PortalLayout
      site={o.site}
      urls={o.urls}
      head={{ ...o.head, title: [...o.head.title, o.site.name].join('_') }}
      section={
        o.section && code
          ? { name: o.section.agency.name, href: o.urls.agency(code), note: sectionNote(o.section) }
          : null
      }
      nav={
        o.section && code ? (
          <CatalogNav
            code={code}
            tree={o.section.tree}
            urls={o.urls}
            currentId={o.current?.nodeId ?? null}
            currentKind={o.current?.kind ?? 'page'}
            current={o.current?.page ?? null}
            hasInvalid={o.section.hasInvalid}
          />
        ) : null
      }
      searchBox={
        code ? (
          <SearchBox action={o.urls.search(code)} label="搜索本机关信息" platformAction={o.urls.search()} />
        ) : (
          <SearchBox action={o.urls.search()} label="搜索政府信息" />
        )
      }
    >
      {o.body}
    </PortalLayout>,
  );
  const page = `<!doctype html>${html}`;
  return o.urls.variant.traditional ? traditionalHtml(page) : page;
}
