/**
 * The frame of every portal page. It differs from the platform layout in what a public, cacheable
 * government page needs: the `<head>` tags government-site monitoring reads (《政府网站发展指引》:
 * SiteName, SiteDomain, SiteIDCode, ColumnName, ColumnType, ArticleTitle, PubDate, ContentSource,
 * KeyWords, Author, Description, Image, Url — each only when it has a value), the section band and
 * catalogue navigation, the footer's identifiers (site-footer.tsx), and no trace of who is asking —
 * no user, no CSRF token — so that the same URL always returns the same bytes.
 */
import type { ComponentChildren } from 'preact';
import type { PortalUrls } from '../urls.js';
import { htmlLang } from '../variants.js';
import { SiteFooter, type SiteFooterData } from './site-footer.js';
import { VariantHeadLinks, VariantSwitch } from './variant-chrome.js';

/** Per-platform identity of the site (site settings, /admin/site; see portalSite in render.tsx). */
export interface PortalSite {
  name: string;
  /** 网站标识码, e.g. 3590000001; no tag while not configured. */
  siteIdCode: string | null;
  /** https://gk.example.gov.cn — makes the Url tag absolute and adds a canonical link; unset: paths. */
  baseUrl: string | null;
  /** SiteDomain tag; none while not configured. */
  siteDomain?: string | null;
  /** What the footer shows (views/site-footer.tsx); the site name alone while not configured. */
  footer?: SiteFooterData | null;
}

export interface ArticleMeta {
  title: string;
  /** YYYY-MM-DD HH:mm (Beijing). */
  pubDate: string;
  source: string;
  keywords: string[];
  description: string;
  author?: string | null;
  /** An absolute image address (the item's first image). */
  image?: string | null;
}

export interface PageHead {
  /** The whole `<title>`: {标题}_{栏目}_{站点名}. */
  title: string;
  columnName: string | null;
  article: ArticleMeta | null;
  /** The page's path. */
  path: string;
  /** Feeds of the page (RSS/Atom), announced as `<link rel="alternate">`. */
  feeds?: { title: string; href: string; type: 'application/rss+xml' | 'application/atom+xml' }[];
}

export interface PortalLayoutProps {
  site: PortalSite;
  /** The links of the page's site variant (长辈版, 繁體): home, switch, head alternates. */
  urls: PortalUrls;
  head: PageHead;
  /** The agency whose section this is: the band under the header links to its section home. */
  section: { name: string; href: string; note?: string | null } | null;
  /** The catalogue navigation, placed beside the content on wide screens and after it on narrow ones. */
  nav: ComponentChildren | null;
  /** The small search form in the header (views/search-box.tsx). */
  searchBox?: ComponentChildren;
  children: ComponentChildren;
}

function Meta({ name, content }: { name: string; content: string | null | undefined }) {
  return content ? <meta name={name} content={content} /> : null;
}

export function PortalLayout(p: PortalLayoutProps) {
  const { site, head } = p;
  const absolute = (path: string) => (site.baseUrl ? `${site.baseUrl.replace(/\/$/, '')}${path}` : path);
  const url = absolute(head.path);
  return (
    <html lang={htmlLang(p.urls.variant)} class={p.urls.variant.elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{head.title}</title>
        <Meta name="SiteName" content={site.name} />
        <Meta name="SiteDomain" content={site.siteDomain} />
        <Meta name="SiteIDCode" content={site.siteIdCode} />
        <Meta name="ColumnName" content={head.columnName} />
        <Meta name="ColumnType" content={head.columnName} />
        <Meta name="ArticleTitle" content={head.article?.title} />
        <Meta name="PubDate" content={head.article?.pubDate} />
        <Meta name="ContentSource" content={head.article?.source} />
        <Meta name="KeyWords" content={head.article?.keywords.join(',')} />
        <Meta name="Author" content={head.article?.author} />
        <Meta name="Description" content={head.article?.description} />
        <Meta name="Image" content={head.article?.image} />
        <Meta name="Url" content={url} />
        {/* A 长辈版 page names its standard page as canonical instead (VariantHeadLinks). */}
        {site.baseUrl && !p.urls.variant.elder ? <link rel="canonical" href={url} /> : null}
        {head.feeds?.map((f) => (
          <link key={f.href} rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="stylesheet" href="/assets/portal.css" />
        <VariantHeadLinks urls={p.urls} path={head.path} absolute={absolute} />
        <script src="/assets/portal.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          跳转到主要内容
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href={p.urls.home()}>
              {site.name}
            </a>
            <nav class="site-nav" aria-label="主导航">
              <ul>
                <li>
                  <a href={p.urls.home()}>首页</a>
                </li>
                <li>
                  <a href={`${p.urls.prefix}/apply`}>依申请公开</a>
                </li>
                <li>
                  <a href={`${p.urls.prefix}/report-check`}>年报体检</a>
                </li>
                <li>
                  <a href="/login">工作人员登录</a>
                </li>
              </ul>
            </nav>
            <VariantSwitch urls={p.urls} path={head.path} />
            {p.searchBox}
          </div>
        </header>
        {p.section ? (
          <div class="portal-band">
            <div class="bar">
              <p class="section-name">
                <a href={p.section.href}>{p.section.name}政府信息公开</a>
              </p>
              {p.section.note ? <p class="muted">{p.section.note}</p> : null}
            </div>
          </div>
        ) : null}
        <div class={p.nav ? 'portal-wrap' : 'portal-wrap single'}>
          <main id="main" tabIndex={-1}>
            {p.children}
          </main>
          {p.nav}
        </div>
        <SiteFooter siteName={site.name} data={site.footer} prefix={p.urls.prefix} />
      </body>
    </html>
  );
}
