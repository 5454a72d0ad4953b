/** Site variants: the prefixes, paths in each variant, the switch links, and the 繁體 conversion. */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { portalUrls } from './urls.js';
import {
  pathInVariant,
  prefixOf,
  splitVariantPath,
  traditionalHtml,
  VARIANTS,
  variantOfPrefix,
} from './variants.js';
import { VariantHeadLinks, VariantSwitch } from './views/variant-chrome.js';

describe('variant paths', () => {
  it('gives each of the four variants its own prefix, and reads it back', () => {
    expect(VARIANTS.map(prefixOf)).toEqual(['', '/lb', '/ft', '/lb/ft']);
    for (const v of VARIANTS) expect(variantOfPrefix(prefixOf(v))).toEqual(v);
    expect(() => variantOfPrefix('/ft/lb')).toThrow();
    expect(portalUrls('/lb/ft').variant).toEqual({ elder: true, traditional: true });
    expect(portalUrls('/ft').home()).toBe('/ft/');
    expect(portalUrls().home()).toBe('/');
  });

  it('splits a path into its variant and the standard path, query string kept', () => {
    expect(splitVariantPath('/lb/ft/gk/X/col?page=2')).toEqual({
      variant: { elder: true, traditional: true },
      path: '/gk/X/col?page=2',
    });
    expect(splitVariantPath('/ft/gk/X')).toEqual({
      variant: { elder: false, traditional: true },
      path: '/gk/X',
    });
    expect(splitVariantPath('/lb')).toEqual({ variant: { elder: true, traditional: false }, path: '/' });
    expect(splitVariantPath('/lb/')).toEqual({ variant: { elder: true, traditional: false }, path: '/' });
    expect(splitVariantPath('/lb?x=1').path).toBe('/?x=1');
    // Only whole segments count: /lbx and /ftp are standard paths.
    expect(splitVariantPath('/lbx/gk').variant).toEqual({ elder: false, traditional: false });
    expect(splitVariantPath('/ftp').path).toBe('/ftp');
    expect(pathInVariant('/', { elder: true, traditional: false })).toBe('/lb/');
    expect(pathInVariant('/gk/X?page=2', { elder: true, traditional: true })).toBe('/lb/ft/gk/X?page=2');
  });
});

describe('variant switch and head links', () => {
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

  it('links the same page, query kept, in the other presentation and the other script', () => {
    const path = '/lb/gk/X/col?page=2';
    const html = renderToString(<VariantSwitch urls={portalUrls('/lb')} path={path} />);
    expect(html).toContain('>标准版</a>');
    expect(html).toContain('>繁體</a>');
    expect(hrefs(html)).toEqual(['/gk/X/col?page=2', '/lb/ft/gk/X/col?page=2']);
    const ft = renderToString(<VariantSwitch urls={portalUrls('/ft')} path="/ft/" />);
    expect(hrefs(ft)).toEqual(['/lb/ft/', '/']);
    expect(ft).toContain('lang="zh-Hans" hreflang="zh-Hans">简体</a>');
  });

  it('pairs the 简体 and 繁體 pages by hreflang; a 长辈版 page names its standard page as canonical', () => {
    const absolute = (p: string) => `https://gk.example.gov.cn${p}`;
    const elder = renderToString(
      <VariantHeadLinks urls={portalUrls('/lb/ft')} path="/lb/ft/gk/X/items/1" absolute={absolute} />,
    );
    expect(elder).toContain(
      '<link rel="alternate" hreflang="zh-Hans" href="https://gk.example.gov.cn/gk/X/items/1"/>',
    );
    expect(elder).toContain(
      '<link rel="alternate" hreflang="zh-Hant" href="https://gk.example.gov.cn/ft/gk/X/items/1"/>',
    );
    expect(elder).toContain('<link rel="canonical" href="https://gk.example.gov.cn/ft/gk/X/items/1"/>');
    expect(elder).toContain('<link rel="stylesheet" href="/assets/portal-elder.css"/>');
    const standard = renderToString(
      <VariantHeadLinks urls={portalUrls()} path="/gk/X" absolute={(p) => p} />,
    );
    expect(standard).not.toContain('canonical');
    expect(standard).not.toContain('portal-elder.css');
  });
});

describe('繁體 conversion', () => {
  it('converts text and the attributes that hold text, never addresses, names, scripts or styles', () => {
    const page =
      '<!doctype html><html lang="zh-Hant"><head><title>政府信息公开_示例市民政局</title>' +
      '<meta name="ArticleTitle" content="关于发布办法的通知"/><meta name="Url" content="/gk/X/items/发布"/>' +
      '<style>.发布{content:"发布"}</style><script>var s="发布";if(1<2)s="发";</script></head>' +
      '<body><a href="/gk/X/发布" class="发布" id="发布" title="发布日期" data-back="/发布">发布日期</a>' +
      '<img src="/图.png" alt="统计图"/><input placeholder="请输入关键词" value="发布" aria-label="关键词"/>' +
      '<a href="/" lang="zh-Hans" hreflang="zh-Hans">简体<span>简体</span></a><p>这里发<b>布</b>：后</p>' +
      '<!-- 注释 --></body></html>';
    const out = traditionalHtml(page);
    expect(out).toContain('<title>政府信息公開_示例市民政局</title>');
    expect(out).toContain('<meta name="ArticleTitle" content="關於發佈辦法的通知"/>');
    expect(out).toContain('<meta name="Url" content="/gk/X/items/发布"/>');
    expect(out).toContain('<style>.发布{content:"发布"}</style>');
    expect(out).toContain('<script>var s="发布";if(1<2)s="发";</script>');
    expect(out).toContain(
      '<a href="/gk/X/发布" class="发布" id="发布" title="發佈日期" data-back="/发布">發佈日期</a>',
    );
    expect(out).toContain('<img src="/图.png" alt="統計圖"/>');
    expect(out).toContain('<input placeholder="請輸入關鍵詞" value="发布" aria-label="關鍵詞"/>');
    expect(out).toContain('<a href="/" lang="zh-Hans" hreflang="zh-Hans">简体<span>简体</span></a>');
    // A phrase split by an inline tag is still one phrase; blocks never join into one.
    expect(out).toContain('<p>這裡發<b>佈</b>：後</p>');
    expect(traditionalHtml('<table><tr><td>发</td><td>布</td></tr></table>')).toBe(
      '<table><tr><td>發</td><td>布</td></tr></table>',
    );
    expect(out).toContain('<!-- 注释 -->');
    // Nothing but the Chinese characters changed: the same length, the same markup.
    expect(out.length).toBe(page.length);
    expect(out.replace(/[^\t\n\r -~]/g, '')).toBe(page.replace(/[^\t\n\r -~]/g, ''));
  });
});
