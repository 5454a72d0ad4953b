/**
 * The calendar's back office on a real database: the years table, the year form with its month-grid preview,
 * a save that round-trips through the form, and a refused save that keeps what was typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { getYear } from '../workdays.repository.js';

/** The text of a textarea or the value of an input in rendered HTML, unescaped. */
function fieldValue(html: string, name: string): string {
  const area = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*value(?:="([^"]*)")?[ />]`).exec(html);
  const selected = new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?<option value="([^"]*)" selected`).exec(
    html,
  );
  const raw = area?.[1] ?? (input ? (input[1] ?? '') : selected?.[1]);
  if (raw === undefined) throw new Error(`no field ${name}`);
  return raw
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

const FIELDS = ['status', 'noticeTitle', 'noticeRef', 'holidays', 'makeupWorkdays'];

for (const dialect of dialects) {
  describe(`calendar back office [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    it('lists 2024–2026 as official and the missing 2027 as provisional', async () => {
      const admin = await t.login('admin');
      const res = await admin.inject({ url: '/admin/calendar' });
      expect(res.statusCode).toBe(200);
      const rows = [...res.body.matchAll(/<tr><th scope="row">(\d{4})年<\/th><td>([^<]+)<\/td>/g)].map(
        (m) => [m[1], m[2]],
      );
      expect(rows).toEqual([
        ['2024', '正式（已录入国务院通知）'],
        ['2025', '正式（已录入国务院通知）'],
        ['2026', '正式（已录入国务院通知）'],
        ['2027', '临时（未录入国务院通知）'],
      ]);
      expect(res.body).toContain('href="/admin/calendar/2027"');
      expect(res.body).toContain('录入2027年通知');
    });

    it('is for platform admins only', async () => {
      const editor = await t.login('mz.editor');
      expect((await editor.inject({ url: '/admin/calendar' })).statusCode).toBe(403);
      expect((await editor.inject({ url: '/admin/calendar/2026' })).statusCode).toBe(403);
      const post = await editor.inject({
        method: 'POST',
        url: '/admin/calendar/2027',
        ...form({ status: 'provisional' }),
      });
      expect(post.statusCode).toBe(403);
      expect(await getYear(t.handle.db, 2027)).toBeNull();
      const anon = await t.app.inject({ url: '/admin/calendar' });
      expect(anon.statusCode).toBe(303);
      expect(anon.headers.location).toBe('/login?next=%2Fadmin%2Fcalendar');
    });

    it('jumps to another year, and refuses a bad one', async () => {
      const admin = await t.login('admin');
      const go = await admin.inject({ url: '/admin/calendar?year=2031' });
      expect(go.statusCode).toBe(303);
      expect(go.headers.location).toBe('/admin/calendar/2031');
      expect((await admin.inject({ url: '/admin/calendar?year=31' })).statusCode).toBe(400);
      expect((await admin.inject({ url: '/admin/calendar/abc' })).statusCode).toBe(404);
      expect((await admin.inject({ url: '/admin/calendar/2200' })).statusCode).toBe(404);
    });

    it("shows a year's form prefilled and its twelve months, marked in words", async () => {
      const admin = await t.login('admin');
      const res = await admin.inject({ url: '/admin/calendar/2026' });
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(fieldValue(html, 'status')).toBe('official');
      expect(fieldValue(html, 'noticeTitle')).toBe('国务院办公厅关于2026年部分节假日安排的通知');
      expect(fieldValue(html, 'holidays').split('\n')).toContain('春节 2026-02-15 至 2026-02-23');
      expect(fieldValue(html, 'makeupWorkdays').split('\n')[0]).toBe('2026-01-04（周日）');
      const captions = [...html.matchAll(/<caption>([^<]+)<\/caption>/g)].map((m) => m[1]);
      expect(captions.filter((c) => c!.startsWith('2026年'))).toHaveLength(12);
      expect(captions).toContain('2026年2月（工作日 16 天）');
      expect(html).toContain('<th scope="col">星期六</th>');
      expect(html).toContain('<td>15<br/>休 春节</td>');
      expect(html).toContain('<td>14<br/>班 调休上班</td>');
      expect(html).toContain('<td>7<br/>周末</td>'); // 2026-02-07, a Saturday
      expect(html).toContain('2026年共有工作日 248 天');
    });

    it('explains how to enter a missing year from the notice', async () => {
      const admin = await t.login('admin');
      const html = (await admin.inject({ url: '/admin/calendar/2027' })).body;
      expect(html).toContain('2027年尚未录入国务院通知');
      expect(html).toContain('《国务院办公厅关于2027年部分节假日安排的通知》');
      expect(html).toContain('春节 2027-02-05 至 2027-02-13');
      expect(html).toContain('2027-02-14（周日）');
      expect(fieldValue(html, 'status')).toBe('official');
      expect(fieldValue(html, 'holidays')).toBe('');
      expect(html).toContain('（临时推算）');
    });

    it('re-renders a refused save with what was typed and every error, saving nothing', async () => {
      const admin = await t.login('admin');
      const typed = {
        status: 'official',
        noticeTitle: '',
        noticeRef: 'https://www.gov.cn/x?a=1&b=<2>',
        holidays: '元旦 2027-01-01 至 2027-01-03\n春节 2027-02-05 至 2027-02-30',
        makeupWorkdays: '2027-02-20（周日）',
      };
      const res = await admin.inject({ method: 'POST', url: '/admin/calendar/2027', ...form(typed) });
      expect(res.statusCode).toBe(400);
      for (const f of FIELDS) expect(fieldValue(res.body, f)).toBe(typed[f as keyof typeof typed]);
      expect(res.body).toContain('提交未成功');
      expect(res.body).toContain('「发布通知标题」必填');
      expect(res.body).toContain('节假日 第2行：日期“2027-02-30”不存在');
      expect(res.body).toContain('调休上班日 第1行：2027-02-20 是周六，不是周日');
      expect(await getYear(t.handle.db, 2027)).toBeNull();
    });

    it('saves a year, says so, and the form round-trips', async () => {
      const admin = await t.login('admin');
      const typed = {
        status: 'official',
        noticeTitle: '国务院办公厅关于2027年部分节假日安排的通知',
        noticeRef: '国办发明电〔2026〕7号',
        holidays: '元旦 2027-01-01\n春节 2027年2月5日 到 2027年2月13日\n清明节 2027-04-05',
        makeupWorkdays: '2027/2/20 (星期六)',
      };
      const saved = await admin.inject({ method: 'POST', url: '/admin/calendar/2027', ...form(typed) });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/admin/calendar/2027?saved=1');

      const page = await admin.inject({ url: saved.headers.location as string });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('已保存2027年的节假日安排');
      const shown = Object.fromEntries(FIELDS.map((f) => [f, fieldValue(page.body, f)]));
      expect(shown).toEqual({
        ...typed,
        holidays: '元旦 2027-01-01\n春节 2027-02-05 至 2027-02-13\n清明节 2027-04-05',
        makeupWorkdays: '2027-02-20（周六）',
      });
      expect(page.body).toContain('<td>20<br/>班 调休上班</td>');
      expect(page.body).not.toContain('（临时推算）');

      // Saving the form exactly as shown changes nothing.
      const first = await getYear(t.handle.db, 2027);
      t.clock.advance(1000);
      const again = await admin.inject({ method: 'POST', url: '/admin/calendar/2027', ...form(shown) });
      expect(again.statusCode).toBe(303);
      const second = await getYear(t.handle.db, 2027);
      expect({ ...second, updatedAt: '' }).toEqual({ ...first, updatedAt: '' });

      const list = await admin.inject({ url: '/admin/calendar' });
      expect(list.body).toContain('<tr><th scope="row">2027年</th><td>正式（已录入国务院通知）</td>');
    });
  });
}
