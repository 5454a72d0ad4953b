/**
 * What each page says about its site variants (variants.ts): in the `<head>`, the hreflang
 * alternates between the 简体 and 繁體 pages, the canonical standard page of a 长辈版 page and the
 * elder stylesheet; in the header, the switch 「长辈版」/「标准版」 and 「繁體」/「简体」 to the same
 * page in the other variant. Plain links: no script, no cookie.
 */
import type { PortalUrls } from '../urls.js';
import { pathInVariant, splitVariantPath, type Variant } from '../variants.js';

export const ELDER_CSS_PATH = '/assets/portal-elder.css';

interface Props {
  urls: PortalUrls;
  /** The page's own path with its query string, in its variant (PageHead.path). */
  path: string;
  /** Makes a path absolute when the site's base URL is known. */
  absolute: (path: string) => string;
}

export function VariantHeadLinks({ urls, path, absolute }: Props) {
  const v = urls.variant;
  const standard = splitVariantPath(path).path;
  // The hreflang pair joins the two standard-layout pages; a 长辈版 page names its standard page as
  // canonical (the same text, another presentation), so search engines list one of them.
  const hans = pathInVariant(standard, { elder: false, traditional: false });
  const hant = pathInVariant(standard, { elder: false, traditional: true });
  return (
    <>
      <link rel="alternate" hreflang="zh-Hans" href={absolute(hans)} />
      <link rel="alternate" hreflang="zh-Hant" href={absolute(hant)} />
      {v.elder ? (
        <link rel="canonical" href={absolute(pathInVariant(standard, { ...v, elder: false }))} />
      ) : null}
      {v.elder ? <link rel="stylesheet" href={ELDER_CSS_PATH} /> : null}
    </>
  );
}

/** The header's switch: the same page in the other presentation and in the other script. */
export function VariantSwitch({ urls, path }: Omit<Props, 'absolute'>) {
  const v = urls.variant;
  const standard = splitVariantPath(path).path;
  const to = (other: Variant) => pathInVariant(standard, other);
  return (
    <nav class="variant-switch" aria-label="版本切换">
      <ul>
        <li>
          <a href={to({ ...v, elder: !v.elder })}>{v.elder ? '标准版' : '长辈版'}</a>
        </li>
        <li>
          {v.traditional ? (
            // lang="zh-Hans" keeps this one link in Simplified when the page is converted.
            <a href={to({ ...v, traditional: false })} lang="zh-Hans" hreflang="zh-Hans">
              简体
            </a>
          ) : (
            <a href={to({ ...v, traditional: true })} lang="zh-Hant" hreflang="zh-Hant">
              繁體
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
}
