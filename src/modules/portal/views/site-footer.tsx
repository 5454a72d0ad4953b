/**
 * The portal's footer, as Chinese government sites show it (portal-and-letters.md §5): the service
 * links (使用帮助 / 联系我们 / 隐私保护 …), 主办单位 and 承办单位, 联系电话 and 地址, then the
 * identifiers — 网站标识码, ICP备案号 (linked to the MIIT register), 公安备案号 (linked to its
 * page at beian.gov.cn, with a small badge) and the 党政机关 标识 (a red badge linked to its page at
 * bszs.conac.cn). Each line appears only when configured (/admin/site); with nothing configured the
 * footer shows the site name alone.
 *
 * The two badges are this project's own drawings (not the official images), served from /assets.
 */
import { conacLink, ICP_LINK, psbLink, type SiteSettings } from '../site-settings.js';

export const POLICE_BADGE_PATH = '/assets/portal-psb-badge.svg';
export const CONAC_BADGE_PATH = '/assets/portal-conac-badge.svg';

/** A shield with a star: marks the 公安备案号. */
export const POLICE_BADGE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="20" height="20">' +
  '<path d="M10 1L18 4V9.5C18 14 14.6 17.6 10 19C5.4 17.6 2 14 2 9.5V4Z" fill="#1f4e9c"/>' +
  '<path d="M10.0 4.9L11.1 8.0L14.4 8.1L11.8 10.1L12.7 13.2L10.0 11.4L7.3 13.2L8.2 10.1L5.6 8.1L8.9 8.0Z" fill="#f2c230"/>' +
  '</svg>';

/** A red badge with a white star and 党政机关: the link to the site's 党政机关网站标识 page. */
export const CONAC_BADGE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 88 28" width="88" height="28">' +
  '<rect x="0.5" y="0.5" width="87" height="27" rx="4" fill="#c8161d" stroke="#8f0f14"/>' +
  '<path d="M12.0 8.0L13.5 12.0L17.7 12.1L14.4 14.8L15.5 18.9L12.0 16.5L8.5 18.9L9.6 14.8L6.3 12.1L10.5 12.0Z" fill="#fff"/>' +
  '<text x="52" y="19" text-anchor="middle" font-size="14" font-weight="700" fill="#fff" ' +
  'font-family="PingFang SC,Microsoft YaHei,Noto Sans CJK SC,sans-serif">党政机关</text>' +
  '</svg>';

export type SiteFooterData = Pick<
  SiteSettings,
  | 'siteIdCode'
  | 'icpNo'
  | 'psbNo'
  | 'conacId'
  | 'hostOrg'
  | 'operatorOrg'
  | 'contactPhone'
  | 'address'
  | 'footerLinks'
>;

/** Paths of the platform rather than the portal: the same in every site variant. */
const PLATFORM_PATH = /^\/(?:login|logout|admin|account|api|assets)(?:[/?#]|$)/;

/**
 * A footer link's address in the page's site variant (长辈版, 繁體: a path prefix): a path of the
 * portal gets the prefix, so the reader stays in the variant; other addresses are kept.
 */
export function footerHref(url: string, prefix: string): string {
  return prefix && url.startsWith('/') && !PLATFORM_PATH.test(url) ? `${prefix}${url}` : url;
}

export function SiteFooter({
  siteName,
  data,
  prefix = '',
}: {
  siteName: string;
  data: SiteFooterData | null | undefined;
  /** The site variant's path prefix ('' for the standard site). */
  prefix?: string;
}) {
  const d = data;
  const orgs = d
    ? ([d.hostOrg && `主办单位：${d.hostOrg}`, d.operatorOrg && `承办单位：${d.operatorOrg}`].filter(
        Boolean,
      ) as string[])
    : [];
  const contacts = d
    ? ([d.contactPhone && `联系电话：${d.contactPhone}`, d.address && `地址：${d.address}`].filter(
        Boolean,
      ) as string[])
    : [];
  const psbHref = d?.psbNo ? psbLink(d.psbNo) : null;
  const hasIds = !!(d?.siteIdCode || d?.icpNo || d?.psbNo);
  return (
    <footer class="site-footer">
      <div class="bar portal-footer">
        {d && d.footerLinks.length > 0 ? (
          <nav aria-label="网站服务">
            <ul class="footer-links">
              {d.footerLinks.map((l) => (
                <li key={l.url + l.label}>
                  <a href={footerHref(l.url, prefix)}>{l.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <p>{orgs.length > 0 ? orgs.join('　') : siteName}</p>
        {contacts.length > 0 ? <p>{contacts.join('　')}</p> : null}
        {hasIds ? (
          <ul class="footer-ids">
            {d?.siteIdCode ? <li>网站标识码：{d.siteIdCode}</li> : null}
            {d?.icpNo ? (
              <li>
                <a href={ICP_LINK} rel="noopener">
                  <span lang="zh-Hans">{d.icpNo}</span>
                </a>
              </li>
            ) : null}
            {d?.psbNo ? (
              <li>
                {psbHref ? (
                  <a href={psbHref} rel="noopener">
                    <img src={POLICE_BADGE_PATH} alt="公安备案" width={16} height={16} />{' '}
                    <span lang="zh-Hans">{d.psbNo}</span>
                  </a>
                ) : (
                  <span lang="zh-Hans">{d.psbNo}</span>
                )}
              </li>
            ) : null}
          </ul>
        ) : null}
        {d?.conacId ? (
          <p class="conac">
            <a href={conacLink(d.conacId)} rel="noopener">
              <img src={CONAC_BADGE_PATH} alt="党政机关" width={88} height={28} />
            </a>
          </p>
        ) : null}
      </div>
    </footer>
  );
}
