/**
 * The item tools: the QR code's SVG path holds exactly the library's module matrix (with the quiet
 * zone) and shows the three finder patterns; share links and the QR code appear only with an
 * absolute page address.
 */

import { renderToString } from 'preact-render-to-string';
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { absolutePageUrl, articleImage, ItemTools, QR_LABEL, qrSvgPath } from './item-tools.js';

/** The dark cells an SVG path of `M{x} {y}h{n}v1h-{n}z` runs covers. */
function cellsOf(d: string): Set<string> {
  const cells = new Set<string>();
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    const [x, y, n] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = 0; i < n; i++) cells.add(`${x + i},${y}`);
  }
  return cells;
}

const PAGE = 'https://gk.example.gov.cn/gk/11510100DEMO00002X/items/84da892d-ca88-4483-876c-34d91aeecdbe';

describe('qrSvgPath', () => {
  it('draws every dark module of the code, and nothing else, inside a 4-module quiet zone', () => {
    const { size, d } = qrSvgPath(PAGE);
    const qr = qrcode(0, 'M');
    qr.addData(PAGE, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    expect(size).toBe(n + 8);
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    const cells = cellsOf(d);
    let dark = 0;
    for (let row = 0; row < n; row++)
      for (let col = 0; col < n; col++) {
        expect(cells.has(`${col + 4},${row + 4}`), `${row},${col}`).toBe(qr.isDark(row, col));
        if (qr.isDark(row, col)) dark++;
      }
    expect(cells.size).toBe(dark);
  });

  it('has the three finder patterns of a QR code (7×7 ring, 3×3 centre)', () => {
    const { size, d } = qrSvgPath(PAGE);
    const n = size - 8;
    expect((n - 17) % 4).toBe(0); // a valid version: 21, 25, 29… modules
    const cells = cellsOf(d);
    const isDark = (x: number, y: number) => cells.has(`${x + 4},${y + 4}`);
    for (const [ox, oy] of [
      [0, 0],
      [n - 7, 0],
      [0, n - 7],
    ] as const)
      for (let y = 0; y < 7; y++)
        for (let x = 0; x < 7; x++) {
          const ring = x === 0 || y === 0 || x === 6 || y === 6;
          const centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
          expect(isDark(ox + x, oy + y), `finder at ${ox},${oy}: ${x},${y}`).toBe(ring || centre);
        }
    // The timing pattern between the top finders alternates.
    for (let x = 8; x < n - 8; x++) expect(isDark(x, 6)).toBe(x % 2 === 0);
  });
});

describe('ItemTools', () => {
  const props = {
    publicationId: 'p1',
    title: '关于“低保”标准的通知',
    path: '/gk/X/items/p1',
    backHref: '/gk/X/col',
    backLabel: '机构职能',
  };

  it('with an absolute address: 微博 and QQ空间 links, the QR code labelled for screen readers', () => {
    const html = renderToString(<ItemTools {...props} pageUrl="https://gk.example.gov.cn/gk/X/items/p1" />);
    const url = encodeURIComponent('https://gk.example.gov.cn/gk/X/items/p1');
    expect(html).toContain(
      `href="https://service.weibo.com/share/share.php?url=${url}&amp;title=${encodeURIComponent(props.title)}"`,
    );
    expect(html).toContain('href="https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=');
    expect(html).toContain(`aria-label="${QR_LABEL}"`);
    expect(html).toMatch(/<button [^>]*data-portal-action="print" hidden>打印<\/button>/);
    expect(html).toMatch(
      /<button [^>]*data-portal-action="close" data-back="\/gk\/X\/col" hidden>关闭<\/button>/,
    );
    expect(html).toContain('<a href="/gk/X/col">返回机构职能</a>');
    expect(html).not.toMatch(/<script/);
  });

  it('without one: neither share links nor QR code', () => {
    const html = renderToString(<ItemTools {...props} pageUrl={null} />);
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('weibo');
    expect(html).toMatch(/class="share" role="group" aria-label="分享" hidden/);
  });
});

describe('absolute addresses', () => {
  it('joins the base PAGE and the path, percent-encoded', () => {
    expect(absolutePageUrl('https://gk.example.gov.cn/', '/gk/X/items/1')).toBe(
      'https://gk.example.gov.cn/gk/X/items/1',
    );
    expect(absolutePageUrl('https://gk.example.gov.cn/gk', '/搜索')).toBe(
      'https://gk.example.gov.cn/gk/%E6%90%9C%E7%B4%A2',
    );
    expect(absolutePageUrl(null, '/gk/X')).toBeNull();
  });

  it('takes the first image of a body for the Image tag', () => {
    expect(
      articleImage('<p><img src="/files/a.png" alt=""><img src="/b.png"></p>', 'https://gk.example.gov.cn'),
    ).toBe('https://gk.example.gov.cn/files/a.png');
    expect(articleImage('<img alt="x" src="https://img.example.gov.cn/a.png?x=1&amp;y=2">', null)).toBe(
      'https://img.example.gov.cn/a.png?x=1&y=2',
    );
    expect(articleImage('<img src="/a.png">', null)).toBeNull();
    expect(articleImage('<p>无图</p>', 'https://gk.example.gov.cn')).toBeNull();
  });
});
