/**
 * 年报体检 over HTTP (app.inject), on every database (the page reads only the portal's site settings): the form
 * in every site variant, then uploads and pasted text — the seed report (read through the checker's seed copy,
 * as seed.test.ts does) and the committed fixtures pass, a tampered one fails naming the cell, garbage is
 * 无法识别, an oversized file gets a clear message, 10,000 characters of text are answered, and nothing is a
 * 500. Every answer is `no-store`; the limit per address holds.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { FIXTURES, seedText } from '../checker/checker.fixture.js';
import { CHECK_PATH, CHECK_RATE_LIMIT, TOO_LARGE } from '../routes/checker-page.routes.js';

interface FileSpec {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** A multipart/form-data body as a browser sends it (an empty file input sends an empty part). */
function multipart(fields: Record<string, string>, file?: FileSpec | null) {
  const boundary = `----gkcheck${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const f =
    file === undefined ? { name: '', type: 'application/octet-stream', bytes: new Uint8Array() } : file;
  if (f) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const fixture = (name: string): FileSpec => ({
  name,
  type: 'application/octet-stream',
  bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))),
});
const textFile = (name: string, text: string): FileSpec => ({
  name,
  type: 'text/plain',
  bytes: new TextEncoder().encode(text),
});

/** The verdict word the result page shows. */
const verdictOf = (html: string) => /<p class="verdict-word">([^<]+)<\/p>/.exec(html)?.[1] ?? null;
const text = (html: string) => html.replace(/<[^>]+>/g, '');

for (const dialect of dialects) {
  describe(`年报体检 page (${dialect})`, () => {
    let t: TestApp;
    let cookie = '';
    let csrf = '';
    let address = 0;

    beforeAll(async () => {
      t = await testApp(dialect);
      const form = await t.app.inject({ method: 'GET', url: CHECK_PATH });
      cookie = String(form.headers['set-cookie']).split(';')[0]!;
      csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    /** Posts the form from its own client address (the limit per address is tested on its own). */
    async function check(
      fields: Record<string, string>,
      file?: FileSpec | null,
      extra: Partial<InjectOptions> = {},
      prefix = '',
    ) {
      const body = multipart({ _csrf: csrf, ...fields }, file);
      address++;
      const res = await t.app.inject({
        method: 'POST',
        url: `${prefix}${CHECK_PATH}`,
        payload: body.payload,
        headers: { ...body.headers, cookie },
        remoteAddress: `10.0.${address >> 8}.${address & 255}`,
        ...extra,
      });
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['cache-control']).toBe('no-store');
      return res;
    }

    it('the form exists in every site variant, in the portal layout, without being cached', async () => {
      for (const prefix of ['', '/lb', '/ft', '/lb/ft']) {
        const res = await t.app.inject({ method: 'GET', url: `${prefix}${CHECK_PATH}` });
        expect(res.statusCode, prefix).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.body).toContain(`action="${prefix}${CHECK_PATH}"`);
        expect(res.body).toContain('enctype="multipart/form-data"');
        expect(res.body).toContain('class="site-header"');
        expect(res.body).toContain(`href="${prefix}${CHECK_PATH}">`); // the header links to it
        expect(res.body).toMatch(prefix.includes('/ft') ? /年報體檢/ : /年报体检/);
      }
      const css = await t.app.inject({ method: 'GET', url: '/assets/annual-report.css' });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toContain('text/css');
    });

    it('the seed report (佳木斯市民政局 2019) passes, with the missing section 六 as a warning', async () => {
      const res = await check({}, textFile('003.txt', seedText('seed-003-2019')));
      expect(res.statusCode).toBe(200);
      expect(verdictOf(res.body)).toBe('通过');
      const page = text(res.body);
      expect(page).toContain('2019年');
      expect(page).toContain('2019年版格式');
      expect(page).toContain('佳木斯市民政局');
      expect(page).toContain('检查发现（1条）');
      expect(page).toContain('六、其他需要报告的事项');
      // The tables as read: 表三 R1 自然人 = 6.
      expect(res.body).toMatch(/headers="chk-t3-applicants chk-t3-c1 chk-t3-R1">6<\/td>/);
    });

    it.each([
      'report-2021.docx',
      'report-2021.pdf',
      'report-2021.html',
      'rendered-2021.docx',
      'rendered-2021.html',
    ])('the fixture %s passes with no finding', async (name) => {
      const res = await check({}, fixture(name));
      expect(verdictOf(res.body)).toBe('通过');
      const page = text(res.body);
      expect(page).toContain('江北市生态环境局');
      expect(page).toContain('2023年');
      expect(page).toContain('2021年版格式');
      expect(page).toContain('检查发现（0条）');
      expect(page).toContain(`文件“${name}”`);
    });

    it('a tampered report fails, naming the cell in Chinese and by id, and marks it in the table', async () => {
      const tampered = seedText('seed-003-2019').replace(
        /(\|\s*一、本年新收政府信息公开申请数量[^\n]*?\|\s*)6(\s*\|)/,
        '$17$2',
      );
      expect(tampered).not.toBe(seedText('seed-003-2019'));
      const res = await check({ text: tampered }, null);
      expect(res.statusCode).toBe(200);
      expect(verdictOf(res.body)).toBe('未通过');
      const page = text(res.body);
      expect(page).toContain('粘贴的文字有');
      expect(page).toContain('V1');
      expect(page).toContain('T3.R1.C1');
      expect(page).toContain('表三 一、本年新收政府信息公开申请数量 · 自然人');
      expect(res.body).toMatch(/<td headers="chk-t3-applicants chk-t3-c1 chk-t3-R1" class="flagged">7/);
    });

    it('the upload leaves nothing behind in the data directory', async () => {
      const list = () => {
        const dir = t.services.config.dataDir;
        return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : [];
      };
      const before = list();
      const marker = `独一无二的标记${randomUUID()}`;
      const res = await check({}, textFile('mark.txt', `${seedText('seed-003-2019')}\n${marker}`));
      expect(verdictOf(res.body)).toBe('通过');
      expect(list()).toEqual(before);
      for (const f of list()) {
        const file = path.join(t.services.config.dataDir, f);
        if (!/\.(json|db|sqlite|log|txt)$/.test(f)) continue;
        expect(readFileSync(file, 'utf8').includes(marker), f).toBe(false);
      }
    });

    it('garbage is 无法识别 with the reason; an empty submission asks for a file', async () => {
      const garbage = await check({}, { name: 'x.pdf', type: 'application/pdf', bytes: randomBytes(50_000) });
      expect(garbage.statusCode).toBe(200);
      expect(verdictOf(garbage.body)).toBe('无法识别');
      expect(text(garbage.body)).toContain('无法识别的文件类型');
      const prose = await check({ text: '今天天气很好。'.repeat(20) });
      expect(verdictOf(prose.body)).toBe('无法识别');
      expect(text(prose.body)).toContain('未识别为政府信息公开工作年度报告');
      const empty = await check({ text: '  ' });
      expect(empty.statusCode).toBe(400);
      expect(text(empty.body)).toContain('请选择报告文件，或在文本框中粘贴报告全文。');
    });

    it('a file over 20 MB gets a clear message; the form comes back', async () => {
      const big = new Uint8Array(20 * 1024 * 1024 + 10).fill(0x41);
      const res = await check({}, { name: 'big.pdf', type: 'application/pdf', bytes: big });
      expect(res.statusCode).toBe(413);
      expect(text(res.body)).toContain(TOO_LARGE);
      expect(res.body).toContain('<form class="report-check-form"');
    }, 60_000);

    it('10,000 characters of pasted text are answered within seconds', async () => {
      const seed = seedText('seed-003-2019');
      const long =
        `${seed}\n${'本机关将继续做好政府信息公开工作。'.repeat(Math.ceil((10_000 - seed.length) / 17))}`.slice(
          0,
          Math.max(10_000, seed.length),
        );
      expect(long.length).toBeGreaterThanOrEqual(10_000);
      const t0 = Date.now();
      const res = await check({ text: long }, null);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(verdictOf(res.body)).toBe('通过');
    });

    it('a 繁體 page shows the result in Traditional characters', async () => {
      const res = await check({}, fixture('report-2021.txt'), {}, '/ft');
      expect(verdictOf(res.body)).toBe('通過');
      expect(res.body).toContain('<html lang="zh-Hant"');
    });

    it('without the CSRF token the upload is refused (no 500)', async () => {
      const body = multipart({}, textFile('x.txt', 'x'));
      const res = await t.app.inject({
        method: 'POST',
        url: CHECK_PATH,
        payload: body.payload,
        headers: body.headers,
        remoteAddress: '10.9.9.9',
      });
      expect(res.statusCode).toBe(403);
    });

    it(`the ${CHECK_RATE_LIMIT.limit + 1}th check from one address within the window is refused (429)`, async () => {
      const from = { remoteAddress: '10.200.0.1' };
      for (let i = 0; i < CHECK_RATE_LIMIT.limit; i++) {
        const res = await check({ text: '年度报告' }, null, from);
        expect(res.statusCode).toBe(200);
      }
      const res = await check({ text: '年度报告' }, null, from);
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeTruthy();
      expect(text(res.body)).toContain('检查次数过多');
      // Another address is not affected.
      expect((await check({ text: '年度报告' }, null)).statusCode).toBe(200);
    });
  });
}
