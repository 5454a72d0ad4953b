/**
 * Proves the browser tier runs: Chromium starts, reaches a local HTTP server, renders Chinese text with a
 * real CJK font (not tofu), and axe-core scans the page.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeScan, launchBrowser, newPage } from '../browser.js';
import { describeBrowser } from '../tiers.js';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开</title></head>
<body><main><h1 id="title">政府信息公开</h1><p>依申请公开的答复期限为二十个工作日。</p></main></body></html>`;

describeBrowser('browser tier smoke test', () => {
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders Chinese text with a CJK font and passes axe', async () => {
    const page = await newPage(browser);
    await page.goto(url);
    await expect(page.title()).resolves.toBe('政府信息公开');
    const title = page.locator('#title');
    expect(await title.isVisible()).toBe(true);
    expect(await title.textContent()).toBe('政府信息公开');

    // Ask Chromium which fonts it really drew the heading with: a missing CJK font shows as tofu.
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#title' });
    await cdp.send('CSS.enable');
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const glyphs = fonts.reduce((n, f) => n + f.glyphCount, 0);
    expect(glyphs, JSON.stringify(fonts)).toBe('政府信息公开'.length);
    expect(fonts.map((f) => f.familyName).join(', ')).toMatch(/CJK|Hei|Song|Ming|Kai|WenQuanYi|Fallback/i);

    expect(await axeScan(page)).toEqual([]);
    await page.context().close();
  });
});
