/** The body's sanitised rendering and its plain text, pure. */
import { describe, expect, it } from 'vitest';
import { htmlToText, renderBody, sanitizeBodyHtml } from './body.js';

describe('publication body', () => {
  it.each([
    ['<p onclick="x()">正文<script>alert(1)</script></p>', '<p>正文</p>'],
    ['<img src="javascript:alert(1)" onerror="x()" alt="图">', '<img alt="图" />'],
    ['<img src="https://example.cn/a.png" alt="图解">', '<img src="https://example.cn/a.png" alt="图解" />'],
    ['<a href="javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer">链接</a>'],
    [
      '<a href="/xxgk/1.html" target="_blank">链接</a>',
      '<a href="/xxgk/1.html" rel="noopener noreferrer">链接</a>',
    ],
    ['<iframe src="https://evil.example"></iframe><p>后文</p>', '<p>后文</p>'],
    ['<style>p{}</style><h1>标题</h1>', '<h2>标题</h2>'],
    [
      '<table><tr><td colspan="2" style="color:red">单元格</td></tr></table>',
      '<table><tr><td colspan="2">单元格</td></tr></table>',
    ],
  ])('html %s → %s', (source, html) => {
    expect(renderBody('html', source).html).toBe(html);
  });

  it('renders Markdown, then sanitises it', () => {
    const { html, text } = renderBody(
      'markdown',
      '## 一、总则\n\n第一条 **为了**规范。<img src=x onerror=alert(1)>\n\n- 甲\n- 乙',
    );
    expect(html).toBe(
      '<h2>一、总则</h2>\n<p>第一条 <strong>为了</strong>规范。<img src="x" /></p>\n<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n',
    );
    expect(text).toBe('一、总则\n\n第一条 为了规范。\n\n甲\n\n乙');
  });

  it('reads the text a person sees, entities decoded, one line per block', () => {
    expect(
      htmlToText(
        '<p>A &amp; B &lt;C&gt;</p><p>第二段<br>换行</p><table><tr><td>甲</td><td>乙</td></tr></table>',
      ),
    ).toBe('A & B <C>\n第二段\n换行\n甲\t乙');
  });

  it("keeps an annual report's table markup, only in its own namespace of ids and classes", () => {
    const html = sanitizeBodyHtml(
      '<article class="annual-report evil"><h1 class="report-title">报告</h1>' +
        '<section class="report-section" aria-labelledby="ar-s-一"><h2 id="ar-s-一">一、总体情况</h2>' +
        '<div class="table-wrap" role="region" tabindex="0" aria-label="表三">' +
        '<table class="report-table t3"><tr><th id="ar-t3-c1" scope="col">自然人</th>' +
        '<th id="main" headers="ar-t3-c1 main">x</th></tr>' +
        '<tr><td headers="ar-t3-c1" class="note flagged">1</td></tr></table></div></section></article>' +
        '<div role="button" tabindex="-1" class="hidden">正文</div><h2 id="ar-" class="x">标题</h2>',
    );
    expect(html).toBe(
      '<article class="annual-report"><h2 class="report-title">报告</h2>' +
        '<section class="report-section" aria-labelledby="ar-s-一"><h2 id="ar-s-一">一、总体情况</h2>' +
        '<div class="table-wrap" role="region" tabindex="0" aria-label="表三">' +
        '<table class="report-table t3"><tr><th id="ar-t3-c1" scope="col">自然人</th>' +
        '<th headers="ar-t3-c1">x</th></tr>' +
        '<tr><td headers="ar-t3-c1" class="note">1</td></tr></table></div></section></article>' +
        '<div>正文</div><h2>标题</h2>',
    );
  });
});
