/**
 * Browser journeys of the foundation: every role signs in through the form and
 * reaches the back-office home; the public home and the sign-in page pass an axe
 * scan (WCAG 2.1 A/AA), also at 320 px wide; the whole sign-in works by keyboard.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/seed.js';
import { type TestApp, testApp } from '../app.js';
import { axeScan, launchBrowser, newPage } from '../browser.js';
import { describeBrowser } from '../tiers.js';

describeBrowser('foundation journeys in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await testApp('sqlite');
    t.clock.set(new Date().toISOString()); // a browser's cookies expire by real time
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page, username: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
  }

  it('every demo role signs in and sees the back-office home', async () => {
    for (const user of DEMO_USERS) {
      const page = await newPage(browser);
      await signIn(page, user.username);
      await page.waitForURL(`${base}/admin`);
      await expect(page.getByRole('heading', { level: 1, name: '工作台' }).isVisible()).resolves.toBe(true);
      expect(await page.textContent('main')).toContain(user.displayName);
      await page.getByRole('button', { name: '退出' }).click();
      await page.waitForURL(`${base}/`);
      await page.context().close();
    }
  }, 120_000);

  it('shows a wrong password in Chinese and keeps the username', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('mz.editor');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.textContent('[role=alert]')).toContain('用户名或密码不正确');
    expect(await page.getByLabel('用户名').inputValue()).toBe('mz.editor');
    await page.context().close();
  });

  it('signs in with the keyboard only, starting from the skip link', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('跳转到主要内容');
    await page.keyboard.press('Enter');
    // From the main landmark, Tab reaches the username field, then the password, then the button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'username',
    );
    await page.keyboard.type('mz.reviewer');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin`);
    await page.context().close();
  });

  for (const width of [1280, 320]) {
    it(`public home, sign-in page and back-office home pass axe at ${width} px`, async () => {
      const page = await newPage(browser);
      await page.setViewportSize({ width, height: 800 });
      for (const path of ['/', '/login', '/no-such-page']) {
        await page.goto(`${base}${path}`);
        expect(await axeScan(page), path).toEqual([]);
        // Reflow: nothing wider than the viewport at 320 px (WCAG 1.4.10).
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          path,
        ).toBe(true);
      }
      await signIn(page, 'admin');
      await page.waitForURL(`${base}/admin`);
      for (const path of [
        '/admin',
        '/account',
        '/admin/agencies',
        '/admin/users',
        '/admin/audit',
        '/admin/calendar',
        '/admin/calendar/2026',
        '/admin/calendar/2027',
        `/admin/agencies/${t.agencies.示例市民政局}`,
        '/admin/users/new',
      ]) {
        await page.goto(`${base}${path}`);
        expect(await axeScan(page), path).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          path,
        ).toBe(true);
      }
      await page.context().close();
    }, 120_000);
  }
});
