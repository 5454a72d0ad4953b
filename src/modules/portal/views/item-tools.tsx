/**
 * The item page's tools (portal-and-letters.md §5: 打印, 分享 微信/微博/QQ空间, QR, 关闭) and its
 * view count. Everything that can work without JavaScript does:
 *
 * - 分享 to 微博 and QQ空间 are plain links to their share pages (no third-party script); 微信 is
 *   the QR code, which WeChat scans. Both need the page's absolute address, so they appear only
 *   when the site's base URL is configured (/admin/site).
 * - The QR code is an inline SVG drawn on the server (qrcode-generator), so it prints and needs no
 *   request of its own.
 * - 打印, 关闭 and 复制链接 need the script (/assets/portal.js), which reveals them; without it they
 *   stay hidden and the 返回 link remains. Printing uses the print stylesheet; the page address is
 *   printed under the article.
 * - 浏览次数 is filled in by the script from GET /api/v1/views/{id} after its beacon: the page
 *   itself never carries a count, so its bytes (and ETag) do not change with every view.
 */
import qrcode from 'qrcode-generator';

export const QR_LABEL = '扫一扫在手机上查看当前页面';

/** base URL + the page's path, as an ASCII URL (percent-encoded); null without a base URL. */
export function absolutePageUrl(baseUrl: string | null | undefined, path: string): string | null {
  if (!baseUrl) return null;
  try {
    return new URL(`${baseUrl.replace(/\/+$/, '')}${path}`).href;
  } catch {
    return null;
  }
}

/**
 * The QR code of `text` as one SVG path of its dark modules (rows of runs), with the 4-module quiet
 * zone the standard asks for. Error correction M: readable from a screen or a printed page. The
 * last QR_CACHE_SIZE codes are kept (drawing one takes about 5 ms; item pages are asked for often).
 */
export function qrSvgPath(text: string): { size: number; d: string } {
  const cached = drawn.get(text);
  if (cached) {
    drawn.delete(text); // most recently used last
    drawn.set(text, cached);
    return cached;
  }
  const result = drawQr(text);
  drawn.set(text, result);
  if (drawn.size > QR_CACHE_SIZE) drawn.delete(drawn.keys().next().value!);
  return result;
}

const QR_CACHE_SIZE = 1_000;
const drawn = new Map<string, { size: number; d: string }>();

function drawQr(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const margin = 4;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.isDark(row, col)) col++;
      parts.push(`M${start + margin} ${row + margin}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size: n + margin * 2, d: parts.join('') };
}

/**
 * The Image tag of an article: its body's first image, as an absolute address — a site path is
 * joined to the base URL (none without one); an http(s) address is kept.
 */
export function articleImage(bodyHtml: string, baseUrl: string | null | undefined): string | null {
  const src = /<img\b[^>]*?\ssrc="([^"]+)"/i.exec(bodyHtml)?.[1]?.replace(/&amp;/g, '&');
  if (!src) return null;
  if (/^https?:\/\//i.test(src)) return src;
  return src.startsWith('/') && !src.startsWith('//') ? absolutePageUrl(baseUrl, src) : null;
}

export function QrCode({ url }: { url: string }) {
  const { size, d } = qrSvgPath(url);
  return (
    <figure class="qr">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${size} ${size}`}
        width={132}
        height={132}
        role="img"
        aria-label={QR_LABEL}
        shape-rendering="crispEdges"
      >
        <rect width={size} height={size} fill="#fff" />
        <path d={d} fill="#000" />
      </svg>
      <figcaption>{QR_LABEL}</figcaption>
    </figure>
  );
}

export function weiboShareUrl(url: string, title: string): string {
  return `https://service.weibo.com/share/share.php?url=${encodeURIComponent(url)}&title=${encodeURIComponent(title)}`;
}

export function qzoneShareUrl(url: string, title: string): string {
  return `https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=${encodeURIComponent(url)}&title=${encodeURIComponent(title)}`;
}

export interface ItemToolsProps {
  publicationId: string;
  title: string;
  /** The page's path (what the browser shows when no base URL is configured). */
  path: string;
  /** The page's absolute address (absolutePageUrl), or null without a configured base URL. */
  pageUrl: string | null;
  backHref: string;
  backLabel: string;
}

export function ItemTools(p: ItemToolsProps) {
  return (
    <>
      <div class="item-tools no-print">
        <div class="tool-buttons">
          <button type="button" class="secondary" data-portal-action="print" hidden>
            打印
          </button>
          <button type="button" class="secondary" data-portal-action="close" data-back={p.backHref} hidden>
            关闭
          </button>
          <a href={p.backHref}>返回{p.backLabel}</a>
        </div>
        {/* Without a base URL the group holds only 复制链接, which the script reveals with it. */}
        <div class="share" role="group" aria-label="分享" hidden={p.pageUrl ? undefined : true}>
          <span>分享到：</span>
          {p.pageUrl ? (
            <>
              <a href={weiboShareUrl(p.pageUrl, p.title)} rel="noopener nofollow">
                微博
              </a>
              <a href={qzoneShareUrl(p.pageUrl, p.title)} rel="noopener nofollow">
                QQ空间
              </a>
              <span class="muted">微信：扫描二维码</span>
            </>
          ) : null}
          <button type="button" class="secondary" data-portal-copy={p.pageUrl ?? ''} hidden>
            复制链接
          </button>
          <span class="copy-status" role="status" />
        </div>
        {p.pageUrl ? <QrCode url={p.pageUrl} /> : null}
        <p class="view-count" data-view-count={p.publicationId} hidden>
          浏览次数：
          <span data-view-count-value="" />
        </p>
      </div>
      <p class="print-only page-address">
        本页地址：<span data-page-address={p.pageUrl ? undefined : ''}>{p.pageUrl ?? p.path}</span>
      </p>
    </>
  );
}
