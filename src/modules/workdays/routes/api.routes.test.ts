/**
 * The calendar's JSON API on a real, migrated database (every dialect): answers as date tables, every bad
 * input as a 400 naming its field, and saving a year (admin only, audited, visible to the next request).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { getYear } from '../workdays.repository.js';

/** A fictitious 2027 notice in the back office's text format. */
const NOTICE_2027 = {
  status: 'official',
  noticeTitle: '国务院办公厅关于2027年部分节假日安排的通知',
  noticeRef: '国办发明电〔2026〕7号',
  holidays: '元旦 2027-01-01 至 2027-01-03\n春节 2027-02-05 至 2027-02-13',
  makeupWorkdays: '2027-02-20（周六）',
};

for (const dialect of dialects) {
  describe(`calendar API [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    const get = async (url: string) => {
      const res = await t.app.inject({ url });
      return { status: res.statusCode, body: res.json() };
    };
    const calendarSaves = async () =>
      (
        await t.handle.db
          .selectFrom('audit_events')
          .selectAll()
          .where('action', '=', 'calendar.save')
          .execute()
      ).length;

    it.each([
      ['2025-10-11', true, 'makeupWorkday', '调休上班'],
      ['2025-10-08', false, 'holiday', '国庆节、中秋节'],
      ['2025-10-09', true, 'workday', null],
      ['2025-10-12', false, 'weekend', null],
      ['2026-02-14', true, 'makeupWorkday', '调休上班'],
      ['2024-02-10', false, 'holiday', '春节'],
    ])('is-workday %s → %s (%s)', async (date, workday, kind, name) => {
      const res = await get(`/api/v1/calendar/is-workday?date=${date}`);
      expect(res).toEqual({ status: 200, body: { date, workday, kind, name, provisional: false } });
    });

    it.each([
      // E1: a request received on Friday 2025-09-26 must be answered by 2025-10-30 (国庆节、中秋节 in between).
      ['2025-09-26', 20, '2025-10-30'],
      ['2025-09-26', 0, '2025-09-26'],
      ['2025-09-30', 1, '2025-10-09'],
      ['2025-09-30', 7, '2025-10-16'], // 10-09, 10-10, Saturday 10-11 (调休上班), 10-13 … 10-16
      ['2024-12-31', 1, '2025-01-02'],
    ])('add-workdays %s + %i → %s', async (date, n, result) => {
      const res = await get(`/api/v1/calendar/add-workdays?date=${date}&n=${n}`);
      expect(res).toEqual({
        status: 200,
        body: { date, n, result, provisional: false, provisionalYears: [] },
      });
    });

    it.each([
      ['2025-09-26', '2025-10-30', 20],
      ['2025-09-30', '2025-10-08', 0],
      ['2025-10-30', '2025-09-26', 0],
      ['2025-01-01', '2025-12-31', 248],
      ['2024-01-01', '2026-12-31', 251 + 248 + 248],
    ])('count-workdays %s → %s = %i', async (from, to, count) => {
      const res = await get(`/api/v1/calendar/count-workdays?from=${from}&to=${to}`);
      expect(res).toEqual({
        status: 200,
        body: { from, to, count, provisional: false, provisionalYears: [] },
      });
    });

    it('flags answers that touch 2027, which has no notice yet', async () => {
      expect((await get('/api/v1/calendar/is-workday?date=2027-01-01')).body).toEqual({
        date: '2027-01-01',
        workday: false,
        kind: 'holiday',
        name: '元旦',
        provisional: true,
      });
      const add = await get('/api/v1/calendar/add-workdays?date=2026-12-15&n=20');
      expect(add.body).toMatchObject({ provisional: true, provisionalYears: [2027] });
      const count = await get('/api/v1/calendar/count-workdays?from=2027-03-01&to=2026-12-01');
      expect(count.body).toMatchObject({ count: 0, provisional: true, provisionalYears: [2027] });
    });

    it.each([
      ['/api/v1/calendar/is-workday', 'date', '日期不能为空'],
      ['/api/v1/calendar/is-workday?date=', 'date', '日期不能为空'],
      ['/api/v1/calendar/is-workday?date=2025-02-30', 'date', '日期“2025-02-30”不存在'],
      ['/api/v1/calendar/is-workday?date=2025-13-01', 'date', '日期“2025-13-01”不存在'],
      ['/api/v1/calendar/is-workday?date=2025-2-3', 'date', '日期格式应为 YYYY-MM-DD'],
      ['/api/v1/calendar/is-workday?date=garbage', 'date', '日期格式应为'],
      ['/api/v1/calendar/is-workday?date=%3Cscript%3E', 'date', '日期格式应为'],
      ['/api/v1/calendar/is-workday?date=1989-12-31', 'date', '日期应在1990年至2199年之间'],
      ['/api/v1/calendar/is-workday?date=2200-01-01', 'date', '日期应在1990年至2199年之间'],
      ['/api/v1/calendar/is-workday?date=2025-01-01&date=2025-01-02', 'date', ''],
      ['/api/v1/calendar/add-workdays?date=2025-09-26', 'n', '工作日数不能为空'],
      ['/api/v1/calendar/add-workdays?date=2025-09-26&n=', 'n', '工作日数不能为空'],
      ['/api/v1/calendar/add-workdays?date=2025-09-26&n=-1', 'n', '工作日数不能为负数'],
      ['/api/v1/calendar/add-workdays?date=2025-09-26&n=1.5', 'n', '工作日数必须是整数'],
      ['/api/v1/calendar/add-workdays?date=2025-09-26&n=10000', 'n', '工作日数不能大于9999'],
      ['/api/v1/calendar/add-workdays?date=2025-09-26&n=99999999999999999999', 'n', '工作日数不能大于9999'],
      ['/api/v1/calendar/add-workdays?date=2025-09-26&n=abc', 'n', '工作日数应为0至9999之间的整数'],
      ['/api/v1/calendar/add-workdays?date=2025-09-26&n=1e3', 'n', '工作日数应为0至9999之间的整数'],
      ['/api/v1/calendar/add-workdays?date=2199-06-01&n=9999', 'n', '工作日数过大'],
      ['/api/v1/calendar/add-workdays?date=2025-02-29&n=5', 'date', '起算日期“2025-02-29”不存在'],
      ['/api/v1/calendar/count-workdays?to=2025-10-30', 'from', '起算日期不能为空'],
      ['/api/v1/calendar/count-workdays?from=2025-09-26&to=2025/10/30', 'to', '截止日期格式应为'],
      ['/api/v1/calendar/years/abc', 'year', '年份应为1990至2199之间的四位数字'],
      ['/api/v1/calendar/years/1989', 'year', '年份应为'],
      ['/api/v1/calendar/years/2200', 'year', '年份应为'],
      ['/api/v1/calendar/years/20270', 'year', '年份应为'],
    ])('%s → 400 naming %s', async (url, field, message) => {
      const res = await get(url);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.error.fields[0].field).toBe(field);
      expect(res.body.error.fields[0].message).toContain(message);
    });

    it('names every bad field at once', async () => {
      const res = await get('/api/v1/calendar/add-workdays?date=2025-02-30&n=-3');
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['date', 'n']);
    });

    it('lists the entered years with their notices and counts', async () => {
      const res = await get('/api/v1/calendar/years');
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((y: Record<string, unknown>) => [
          y.year,
          y.status,
          y.entered,
          y.holidayCount,
          y.makeupWorkdayCount,
          y.workingDays,
        ]),
      ).toEqual([
        [2024, 'official', true, 28, 8, 251],
        [2025, 'official', true, 28, 5, 248],
        [2026, 'official', true, 33, 6, 248],
      ]);
      expect(res.body.items[1].noticeTitle).toBe('国务院办公厅关于2025年部分节假日安排的通知');
    });

    it("returns one year's holidays and make-up days; a missing year as provisional statutory days", async () => {
      const y2025 = await get('/api/v1/calendar/years/2025');
      expect(y2025.body).toMatchObject({ year: 2025, status: 'official', entered: true, workingDays: 248 });
      expect(y2025.body.makeupWorkdays).toEqual([
        '2025-01-26',
        '2025-02-08',
        '2025-04-27',
        '2025-09-28',
        '2025-10-11',
      ]);
      expect(y2025.body.holidays).toHaveLength(28);
      const y2027 = await get('/api/v1/calendar/years/2027');
      expect(y2027.body).toMatchObject({
        year: 2027,
        status: 'provisional',
        entered: false,
        noticeTitle: null,
      });
      expect(y2027.body.holidays).toHaveLength(13); // 《全国年节及纪念日放假办法》 since 2025
      expect(y2027.body.makeupWorkdays).toEqual([]);
    });

    it('refuses a save by an editor (403) and by nobody (401), writing nothing', async () => {
      const editor = await t.login('mz.editor');
      const res = await editor.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        payload: NOTICE_2027,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      const anon = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        payload: NOTICE_2027,
      });
      expect([401, 403]).toContain(anon.statusCode); // no session: refused at the CSRF check or the access rule
      expect(await getYear(t.handle.db, 2027)).toBeNull();
      expect(await calendarSaves()).toBe(0);
    });

    it('refuses an official year without a notice title, writing nothing', async () => {
      const admin = await t.login('admin');
      const res = await admin.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        payload: { ...NOTICE_2027, noticeTitle: ' ' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([
        { field: 'noticeTitle', message: expect.stringContaining('「发布通知标题」必填') },
      ]);
      expect(await getYear(t.handle.db, 2027)).toBeNull();
      expect(await calendarSaves()).toBe(0);
    });

    it('refuses a bad line naming it, and keeps the year as it was', async () => {
      const admin = await t.login('admin');
      const before = await get('/api/v1/calendar/years/2026');
      const res = await admin.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2026',
        payload: {
          status: 'official',
          noticeTitle: '国务院办公厅关于2026年部分节假日安排的通知',
          holidays: '元旦 2026-01-01 至 2026-01-03\n春节 2026-02-15 至 2026-02-31',
          makeupWorkdays: '2026-01-04（周六）',
        },
      });
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.fields;
      expect(fields).toEqual([
        { field: 'holidays', message: expect.stringContaining('第2行') },
        { field: 'makeupWorkdays', message: '调休上班日 第1行：2026-01-04 是周日，不是周六' },
      ]);
      expect(await get('/api/v1/calendar/years/2026')).toEqual(before);
      expect(await calendarSaves()).toBe(0);
    });

    it.each([
      [{ status: 'final' }, 'status'],
      [{ holidays: 42 }, 'holidays'],
      [{ holidays: [{ date: '2027-01-01' }] }, 'holidays'],
      [{ makeupWorkdays: [20270220] }, 'makeupWorkdays'],
      [{ noticeTitle: '国务院办公厅关于2026年部分节假日安排的通知' }, 'noticeTitle'],
      [{ holidays: '' }, 'holidays'],
    ])('refuses %j with a 400 naming %s', async (change, field) => {
      const admin = await t.login('admin');
      const res = await admin.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        payload: { ...NOTICE_2027, ...change },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      expect(await getYear(t.handle.db, 2027)).toBeNull();
    });

    it('refuses a year outside 1990–2199', async () => {
      const admin = await t.login('admin');
      const res = await admin.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/1989',
        payload: NOTICE_2027,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].field).toBe('year');
    });

    it('saves a year as platform admin: audited, and the next answer uses it', async () => {
      // Warm the cache with the provisional 2027 first: statutory 春节 only, no 调休.
      expect((await get('/api/v1/calendar/add-workdays?date=2027-02-04&n=1')).body).toMatchObject({
        result: '2027-02-09',
        provisional: true,
      });
      const admin = await t.login('admin');
      const res = await admin.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        payload: NOTICE_2027,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        year: 2027,
        status: 'official',
        entered: true,
        noticeTitle: NOTICE_2027.noticeTitle,
        noticeRef: NOTICE_2027.noticeRef,
        makeupWorkdays: ['2027-02-20'],
        updatedAt: t.clock.now().toISOString(),
      });
      expect(res.json().holidays).toHaveLength(12);

      expect((await get('/api/v1/calendar/add-workdays?date=2027-02-04&n=1')).body).toEqual({
        date: '2027-02-04',
        n: 1,
        result: '2027-02-15',
        provisional: false,
        provisionalYears: [],
      });
      expect((await get('/api/v1/calendar/is-workday?date=2027-02-20')).body).toMatchObject({
        workday: true,
        kind: 'makeupWorkday',
      });

      const events = await t.handle.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'calendar.save')
        .execute();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ agency_id: null, target_type: 'calendarYear', target_id: '2027' });
      expect(events[0]!.before_json).toBeNull();
      expect(JSON.parse(events[0]!.after_json!)).toEqual({
        status: 'official',
        noticeTitle: NOTICE_2027.noticeTitle,
        noticeRef: NOTICE_2027.noticeRef,
        holidayCount: 12,
        makeupWorkdayCount: 1,
        holidays: ['元旦 2027-01-01 至 2027-01-03', '春节 2027-02-05 至 2027-02-13'],
        makeupWorkdays: ['2027-02-20'],
      });
    });

    it('accepts JSON arrays too, and audits the year as it was before', async () => {
      const admin = await t.login('admin');
      t.clock.advance(60_000);
      const res = await admin.inject({
        method: 'PUT',
        url: '/api/v1/calendar/years/2027',
        payload: {
          status: 'provisional',
          holidays: [
            { date: '2027-01-01', name: '元旦' },
            { date: '2027-02-06', name: '春节' },
          ],
          makeupWorkdays: [],
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'provisional',
        noticeTitle: null,
        noticeRef: null,
        makeupWorkdays: [],
      });
      const last = await t.handle.db
        .selectFrom('audit_events')
        .select(['before_json', 'after_json'])
        .where('action', '=', 'calendar.save')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(last.before_json!)).toMatchObject({ status: 'official', holidayCount: 12 });
      expect(JSON.parse(last.after_json!)).toMatchObject({
        status: 'provisional',
        holidayCount: 2,
        makeupWorkdays: [],
      });
      expect((await get('/api/v1/calendar/is-workday?date=2027-02-20')).body.kind).toBe('weekend');
    });

    it('documents the calendar API in Chinese', async () => {
      const doc = (await t.app.inject({ url: '/api/docs' })).json();
      const add = doc.paths['/api/v1/calendar/add-workdays'].get;
      expect(add.summary).toContain('工作日');
      expect(JSON.stringify(add.parameters)).toContain('工作日数');
      expect(doc.paths['/api/v1/calendar/years/{year}'].put.requestBody).toBeDefined();
    });
  });
}
