/**
 * Attachments and the automatic checks through the HTTP API (every dialect): an attachment holding an
 * ID number blocks submission until overridden (audited) or replaced; masking fixes the body; a file
 * whose content is not an accepted type is refused whatever its name; downloads keep the Chinese name.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { textPdf } from '../../checks/test-files.fixture.js';
import { uploadAttachment } from '../commands/upload-attachment.js';
import { filePath, sha256Of } from '../files.js';
import { buildPublication, ctxOf } from '../publications.fixtures.js';
import { ATTACHMENT_MAX_BYTES } from '../publications.js';

const ID_NUMBER = '11010519491231002X';

function multipart(fileName: string, bytes: Uint8Array) {
  const boundary = '----gongkai-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

for (const dialect of dialects) {
  describe(`attachments and checks over HTTP [${dialect}]`, () => {
    let t: TestApp;
    let editor: Client;
    let reviewer: Client;
    beforeAll(async () => {
      t = await testApp(dialect);
      editor = await t.login('mz.editor');
      reviewer = await t.login('mz.reviewer');
    });
    afterAll(async () => t?.close());

    const upload = (c: Client, id: string, name: string, bytes: Uint8Array) =>
      c.inject({ method: 'POST', url: `/api/v1/publications/${id}/attachments`, ...multipart(name, bytes) });
    const post = (c: Client, id: string, path: string, payload: object = {}) =>
      c.inject({ method: 'POST', url: `/api/v1/publications/${id}/${path}`, payload });

    it('an attachment with an ID number blocks submission until a written override, which is audited', async () => {
      const p = await buildPublication.draft(t);
      const pdf = textPdf([['Mingdan', `ID ${ID_NUMBER}`]]);
      const res = await upload(editor, p.id, '困难群众名单.pdf', pdf);
      expect(res.statusCode).toBe(201);
      const attachment = res.json();
      expect(attachment).toMatchObject({ fileName: '困难群众名单.pdf', type: 'pdf', size: pdf.length });
      expect(attachment.findings).toMatchObject([
        { kind: 'idNumber', severity: 'blocking', display: '110***********002X' },
      ]);
      expect(JSON.stringify(attachment)).not.toContain(ID_NUMBER);
      expect(existsSync(filePath(t.services.config.dataDir, sha256Of(pdf)))).toBe(true);

      const refused = await post(editor, p.id, 'submit');
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.fields[0].message).toContain(
        '附件“困难群众名单.pdf”中发现身份证号“110***********002X”',
      );

      const key = attachment.findings[0].key;
      const short = await post(editor, p.id, 'findings/override', { findingKey: key, reason: '可' });
      expect(short.statusCode).toBe(400);
      const ok = await post(editor, p.id, 'findings/override', {
        findingKey: key,
        reason: '该名单经本人同意公开',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().findings[0].override).toMatchObject({ reason: '该名单经本人同意公开' });
      const audit = await t.services.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'publication.override_finding')
        .where('target_id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({
        kind: 'idNumber',
        reason: '该名单经本人同意公开',
      });
      expect(audit.after_json).not.toContain(ID_NUMBER);

      const submitted = await post(editor, p.id, 'submit');
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().publication.state).toBe('firstReview');
      // The override survives the re-scan at submission and at every later look.
      const seen = await reviewer.inject({ url: `/api/v1/publications/${p.id}` });
      expect(seen.json().findings[0].override).not.toBeNull();
    });

    it('replacing the attachment (delete + upload) also unblocks', async () => {
      const p = await buildPublication.draft(t);
      const bad = (await upload(editor, p.id, '名单.pdf', textPdf([[`ID ${ID_NUMBER}`]]))).json();
      expect((await post(editor, p.id, 'submit')).statusCode).toBe(422);
      const del = await editor.inject({
        method: 'DELETE',
        url: `/api/v1/publications/${p.id}/attachments/${bad.id}`,
      });
      expect(del.statusCode).toBe(200);
      expect(
        (await upload(editor, p.id, '名单（脱敏）.pdf', textPdf([['ID 110***********002X']]))).statusCode,
      ).toBe(201);
      expect((await post(editor, p.id, 'submit')).statusCode).toBe(200);
    });

    it('one-click masking fixes the body', async () => {
      const p = await buildPublication.draft(t, {
        body: `申请人 张三，身份证号 ${ID_NUMBER}，银行卡 6222021234567890128。`,
      });
      expect((await post(editor, p.id, 'submit')).statusCode).toBe(422);
      const masked = await post(editor, p.id, 'mask-findings');
      expect(masked.statusCode).toBe(200);
      const body = masked.json();
      expect(body.publication.bodySource).toContain('110\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*002X');
      expect(body.publication.bodyHtml).toContain('110***********002X');
      expect(body.findings.filter((f: { severity: string }) => f.severity === 'blocking')).toEqual([]);
      const audit = await t.services.db
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'publication.mask_findings')
        .where('target_id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toEqual({ masked: { idNumber: 1, bankCard: 1 } });
      expect((await post(editor, p.id, 'submit')).statusCode).toBe(200);
    });

    it.each([
      ['an .exe renamed to .pdf', '通知.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])],
      ['a text file renamed to .docx', '附件.docx', Buffer.from('这是一个纯文本文件，不是 Word 文档。\n')],
    ])('refuses %s, naming the file', async (_what, name, bytes) => {
      const p = await buildPublication.draft(t);
      const res = await upload(editor, p.id, name, bytes);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([
        { field: 'file', message: expect.stringContaining(`附件“${name}”不是可接受的文件类型`) },
      ]);
      const rows = await t.services.db
        .selectFrom('publication_attachments')
        .select('id')
        .where('publication_id', '=', p.id)
        .execute();
      expect(rows).toEqual([]);
    });

    it('refuses a file over 50 MB', async () => {
      const p = await buildPublication.draft(t);
      const big = { fileName: '大文件.pdf', bytes: new Uint8Array(ATTACHMENT_MAX_BYTES + 1) };
      await expect(uploadAttachment(await ctxOf(t, 'mz.editor'), p.id, big)).rejects.toMatchObject({
        fields: [{ field: 'file', message: '附件“大文件.pdf”超过50 MB，不能上传' }],
      });
    });

    it('takes Base64 JSON too, and downloads under the original Chinese name', async () => {
      const p = await buildPublication.draft(t);
      const pdf = textPdf([['Tongzhi']]);
      const res = await editor.inject({
        method: 'POST',
        url: `/api/v1/publications/${p.id}/attachments`,
        payload: {
          fileName: '../../etc/关于低保的通知.pdf',
          contentBase64: Buffer.from(pdf).toString('base64'),
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().fileName).toBe('关于低保的通知.pdf');
      const dl = await reviewer.inject({ url: `/api/v1/publications/${p.id}/attachments/${res.json().id}` });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['content-disposition']).toBe(
        `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('关于低保的通知.pdf')}`,
      );
      expect(Buffer.compare(dl.rawPayload, Buffer.from(pdf))).toBe(0);
      // Outside the agency: 404, whatever the role.
      const outsider = await t.login('qh.editor');
      expect(
        (await outsider.inject({ url: `/api/v1/publications/${p.id}/attachments/${res.json().id}` }))
          .statusCode,
      ).toBe(404);
    });
  });
}
