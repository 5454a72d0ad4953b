import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import { sealedHeaderOf } from '../../platform/crypto/file-cipher.js';
import { AppError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { textPdf } from '../checks/test-files.fixture.js';
import { filePath } from '../publications/files.js';
import { build, PERSON } from './applications.fixtures.js';
import { listLetters } from './applications.repository.js';
import { insertAttachments, readAttachment, storeUploads } from './attachments.js';
import { docxText } from './letters/letters.fixtures.js';
import { renderLetter } from './letters/render.js';
import {
  fileCipher,
  hasSealed,
  readSealed,
  removeSealed,
  resealApplicationFiles,
  sealedPath,
  TAMPERED_MESSAGE,
  writeSealed,
} from './sealed-files.js';

const KEY = '00112233445566778899aabbccddeeff';
const NEW_KEY = 'ffeeddccbbaa99887766554433221100';
const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-sealed-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const config = { dataDir, personalDataKey: KEY, personalDataPreviousKeys: [] as string[] };
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const letter = Buffer.from('PK\u0003\u0004 致：张三 住址：示例市幸福路1号 MARKER-sealed-files');

async function refused(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe('refused');
  expect((e as AppError).message).toBe(TAMPERED_MESSAGE);
  expect((e as AppError).message).not.toContain('张三');
}

describe("sealed store of applicants' files", () => {
  it('stores under the row id (not the content hash), sealed; reads back the original bytes', async () => {
    const id = randomUUID();
    expect(await writeSealed(config, 'letter', id, letter)).toBe(true);
    const file = sealedPath(dataDir, 'letter', id);
    expect(file).toBe(path.join(dataDir, 'applications', 'letters', id));
    expect(file).not.toContain(sha256(letter));
    const onDisk = readFileSync(file);
    expect(onDisk.includes('MARKER-sealed-files')).toBe(false);
    expect(onDisk.includes(Buffer.from('张三'))).toBe(false);
    expect((await readSealed(config, 'letter', id, sha256(letter)))?.equals(letter)).toBe(true);
    expect((await readSealed(config, 'letter', id, null))?.equals(letter)).toBe(true);
    // Nothing left over from the temporary name; nothing in the publications' store.
    expect(readdirSync(path.dirname(file))).toEqual([id]);
    expect(readdirSync(dataDir)).toEqual(['applications']);
  });

  it("refuses a tampered file, a file moved onto another row, and content that is not the row's", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await writeSealed(config, 'attachment', a, letter);
    await writeSealed(config, 'attachment', b, Buffer.from('另一份'));
    const fa = sealedPath(dataDir, 'attachment', a);
    const bytes = readFileSync(fa);
    // Moved onto the other row: bound to its own id, it does not open there.
    writeFileSync(sealedPath(dataDir, 'attachment', b), bytes);
    await refused(readSealed(config, 'attachment', b, null));
    // One bit changed.
    bytes[60]! ^= 0x80;
    writeFileSync(fa, bytes);
    await refused(readSealed(config, 'attachment', a, sha256(letter)));
    // Whole but not the content the row names.
    const c = randomUUID();
    await writeSealed(config, 'attachment', c, letter);
    await refused(readSealed(config, 'attachment', c, sha256(Buffer.from('别的内容'))));
  });

  it("reads a legacy clear file of an earlier install by the row's SHA-256, and refuses it when altered", async () => {
    const legacy = Buffer.from('%PDF-1.4 旧版明文附件');
    mkdirSync(path.join(dataDir, 'files'), { recursive: true });
    writeFileSync(filePath(dataDir, sha256(legacy)), legacy);
    const id = randomUUID();
    expect((await readSealed(config, 'attachment', id, sha256(legacy)))?.equals(legacy)).toBe(true);
    expect(await readSealed(config, 'attachment', id, null)).toBeNull();
    expect(await readSealed(config, 'attachment', randomUUID(), sha256(Buffer.from('无此文件')))).toBeNull();
    writeFileSync(filePath(dataDir, sha256(legacy)), Buffer.from('%PDF-1.4 被改过的内容'));
    await refused(readSealed(config, 'attachment', id, sha256(legacy)));
  });

  it('opens after a key rotation while the old key is configured; exclusive writes keep the first file', async () => {
    const id = randomUUID();
    await writeSealed(config, 'letter', id, letter);
    const rotated = { ...config, personalDataKey: NEW_KEY, personalDataPreviousKeys: [KEY] };
    expect((await readSealed(rotated, 'letter', id, sha256(letter)))?.equals(letter)).toBe(true);
    expect(await writeSealed(rotated, 'letter', id, Buffer.from('第二次渲染'), { exclusive: true })).toBe(
      false,
    );
    expect((await readSealed(rotated, 'letter', id, null))?.equals(letter)).toBe(true);
    await refused(readSealed({ ...config, personalDataKey: NEW_KEY }, 'letter', id, null));
  });

  it("removes a row's file (retention); a missing file reads as none", async () => {
    const id = randomUUID();
    await writeSealed(config, 'attachment', id, letter);
    expect(await hasSealed(dataDir, 'attachment', id)).toBe(true);
    expect(await removeSealed(dataDir, 'attachment', id)).toBe(true);
    expect(await removeSealed(dataDir, 'attachment', id)).toBe(false);
    expect(await hasSealed(dataDir, 'attachment', id)).toBe(false);
    expect(await readSealed(config, 'attachment', id, null)).toBeNull();
    expect(() => sealedPath(dataDir, 'attachment', '../x')).toThrow(RangeError);
  });
});

for (const dialect of dialects) {
  describe(`frozen letters and attachments, sealed [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));

    it('a sent letter is frozen sealed under its id; the download decrypts it; a tampered one is refused (422)', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const receipt = (await listLetters(t.services.db, b.id)).find((l) => l.kind === 'receipt')!;
      const handler = await t.login('mz.handler');
      const url = `/admin/applications/cases/${b.id}/letters/${receipt.id}/docx`;
      const first = await handler.inject({ url });
      expect(first.statusCode).toBe(200);
      expect(docxText(first.rawPayload)).toContain(PERSON.name);
      const row = await t.services.db
        .selectFrom('application_letters')
        .select('file_sha256')
        .where('id', '=', receipt.id)
        .executeTakeFirstOrThrow();
      expect(row.file_sha256).toBe(sha256(first.rawPayload));
      const dataDir = t.services.config.dataDir;
      const file = sealedPath(dataDir, 'letter', receipt.id);
      const onDisk = readFileSync(file);
      expect(onDisk.subarray(0, 4).toString()).toBe('GKSF');
      expect(onDisk.includes('PK\u0003\u0004')).toBe(false);
      expect(existsSync(filePath(dataDir, row.file_sha256!))).toBe(false);
      // The second download is the frozen file, decrypted.
      expect((await handler.inject({ url })).rawPayload.equals(first.rawPayload)).toBe(true);

      // One byte altered on disk: refused with the Chinese message, no bytes of the letter, no details.
      onDisk[onDisk.length - 40]! ^= 0x01;
      writeFileSync(file, onDisk);
      const bad = await handler.inject({ url });
      expect(bad.statusCode).toBe(422);
      expect(bad.headers['content-type']).not.toContain('wordprocessingml');
      expect(bad.body).toContain('文件已损坏或被篡改，无法打开');
      expect(bad.body).not.toContain('FileCipherError');
      expect(bad.body).not.toContain('authentication');
      expect(bad.body).not.toContain(PERSON.name);
    });

    it('an attachment is sealed for its row: moved onto another row or altered, it is refused', async () => {
      const b = await build.received(t, 'mz.handler');
      const pdf = textPdf([['MARKER-attachment']]);
      expect(Buffer.from(pdf).includes('MARKER-attachment')).toBe(true);
      const stored = await storeUploads(t.services.config, [
        { fileName: '身份证.pdf', bytes: pdf, purpose: 'identity' },
        { fileName: '委托书.pdf', bytes: pdf, purpose: 'authorization' },
      ]);
      await t.services.db
        .transaction()
        .execute((trx) => insertAttachments(trx, b.id, stored, null, TEST_NOW));
      const [x, y] = stored.map((s) => s.id);
      const dataDir = t.services.config.dataDir;
      for (const id of [x!, y!]) {
        expect(readFileSync(sealedPath(dataDir, 'attachment', id)).includes('MARKER-attachment')).toBe(false);
        expect((await readAttachment(t.services, b.id, id)).bytes.equals(Buffer.from(pdf))).toBe(true);
      }
      // Not the case's attachment: not found.
      const other = await build.received(t, 'mz.handler');
      await expect(readAttachment(t.services, other.id, x!)).rejects.toMatchObject({ code: 'not_found' });
      // Same content, other row: the file of one does not open as the other.
      writeFileSync(
        sealedPath(dataDir, 'attachment', y!),
        readFileSync(sealedPath(dataDir, 'attachment', x!)),
      );
      await refused(readAttachment(t.services, b.id, y!));
      const bytes = readFileSync(sealedPath(dataDir, 'attachment', x!));
      bytes[40]! ^= 0x01;
      writeFileSync(sealedPath(dataDir, 'attachment', x!), bytes);
      await refused(readAttachment(t.services, b.id, x!));
    });

    it("reseal: seals the clear files of an earlier install and re-seals a previous key's files", async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const pdf = textPdf([['MARKER-reseal']]);
      const stored = await storeUploads(t.services.config, [
        { fileName: '身份证.pdf', bytes: pdf, purpose: 'identity' },
        { fileName: '委托书.pdf', bytes: pdf, purpose: 'authorization' },
      ]);
      await t.services.db
        .transaction()
        .execute((trx) => insertAttachments(trx, b.id, stored, null, TEST_NOW));
      const [legacyId, oldKeyId] = stored.map((s) => s.id) as [string, string];
      const dataDir = t.services.config.dataDir;
      // The first as an earlier install stored it: in clear, named by its SHA-256, no sealed file.
      rmSync(sealedPath(dataDir, 'attachment', legacyId));
      mkdirSync(path.join(dataDir, 'files'), { recursive: true });
      writeFileSync(filePath(dataDir, sha256(pdf)), pdf);
      expect((await readAttachment(t.services, b.id, legacyId)).bytes.equals(Buffer.from(pdf))).toBe(true);
      // A frozen letter, sealed with the key of the time.
      const receipt = (await listLetters(t.services.db, b.id)).find((l) => l.kind === 'receipt')!;
      const letterBytes = (await renderLetter(t.services, b.id, receipt.id)).bytes;

      const oldKey = t.services.config.personalDataKey;
      const rotated: Services = {
        ...t.services,
        config: { ...t.services.config, personalDataKey: NEW_KEY, personalDataPreviousKeys: [oldKey] },
      };
      const newKid = fileCipher(rotated.config).keyId;
      const kidOf = (kind: 'attachment' | 'letter', id: string) =>
        sealedHeaderOf(readFileSync(sealedPath(dataDir, kind, id)))?.keyId;
      expect(kidOf('attachment', oldKeyId)).not.toBe(newKid);
      const actor = { actorId: null, actorLabel: '系统', requestId: null };
      const r = await resealApplicationFiles(rotated, actor);
      expect(r.sealed).toBe(1);
      expect(r.resealed).toBeGreaterThanOrEqual(2);
      expect(r.clearRemoved).toBe(1);
      expect([
        kidOf('attachment', legacyId),
        kidOf('attachment', oldKeyId),
        kidOf('letter', receipt.id),
      ]).toEqual([newKid, newKid, newKid]);
      expect(existsSync(filePath(dataDir, sha256(pdf)))).toBe(false);
      expect(readFileSync(sealedPath(dataDir, 'attachment', legacyId)).includes('MARKER-reseal')).toBe(false);
      // The old key can go now: everything opens with the new one alone.
      const newOnly: Services = {
        ...t.services,
        config: { ...t.services.config, personalDataKey: NEW_KEY, personalDataPreviousKeys: [] },
      };
      for (const id of [legacyId, oldKeyId])
        expect((await readAttachment(newOnly, b.id, id)).bytes.equals(Buffer.from(pdf))).toBe(true);
      expect((await renderLetter(newOnly, b.id, receipt.id)).bytes.equals(letterBytes)).toBe(true);
      // Again: nothing left to do; the run is audited with counts only.
      expect(await resealApplicationFiles(rotated, actor)).toEqual({
        ...r,
        sealed: 0,
        resealed: 0,
        clearRemoved: 0,
      });
      const audits = await t.services.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'application.reseal_files')
        .orderBy('seq')
        .execute();
      expect(audits.length).toBe(2);
      expect(JSON.parse(audits[0]!.after_json!)).toEqual(r);
    });
  });
}
