/**
 * `gongkai cases reseal-files` (every dialect): an earlier install's clear attachment is sealed for its row
 * and the clear copy deleted, the counts are printed and the run audited; a damaged file is counted, left as
 * it is, and makes the exit code 1; a second run has nothing to do (exit 0); wrong arguments exit 2 and
 * missing keys exit 1 before anything is touched.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import { isSealedFile } from '../../platform/crypto/file-cipher.js';
import type { Services } from '../../platform/services.js';
import { filePath } from '../publications/files.js';
import { build } from './applications.fixtures.js';
import { insertAttachments, readAttachment, storeUploads } from './attachments.js';
import { casesCommand } from './cli-command.js';
import { sealedPath, writeSealed } from './sealed-files.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const dialect of dialects) {
  describe(`gongkai cases reseal-files [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    const run = async (args: string[], services: Services = t.services) => {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) };
      const code = await casesCommand(args, (fn) => fn(services), io);
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const runs = () =>
      t.handle.db
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'application.reseal_files')
        .orderBy('seq')
        .execute();

    it('seals a clear file, deletes the clear copy, counts a damaged file (exit 1), then has nothing to do', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      // A unique PNG (trailing bytes after IEND) so its clear copy is this test's alone.
      const legacy = Buffer.concat([PNG, Buffer.from(`reseal-cli-${dialect}`)]);
      const stored = await storeUploads(t.services.config, [
        { fileName: '身份证.png', bytes: legacy, purpose: 'identity' },
        { fileName: '证明材料.png', bytes: PNG, purpose: 'supporting' },
      ]);
      await t.services.db
        .transaction()
        .execute((trx) => insertAttachments(trx, b.id, stored, null, TEST_NOW));
      const [legacyId, damagedId] = stored.map((s) => s.id) as [string, string];
      const dataDir = t.services.config.dataDir;
      // The first as an earlier install stored it (in clear, named by its SHA-256); the second's file damaged.
      rmSync(sealedPath(dataDir, 'attachment', legacyId));
      mkdirSync(path.join(dataDir, 'files'), { recursive: true });
      writeFileSync(filePath(dataDir, sha256(legacy)), legacy);
      const garbage = Buffer.from('not a sealed file, not the original either');
      writeFileSync(sealedPath(dataDir, 'attachment', damagedId), garbage);

      const first = await run(['reseal-files']);
      expect(first.code).toBe(1);
      expect(first.out).toContain('已加密旧版本明文保存的文件：1个');
      expect(first.out).toContain('已用当前密钥重新加密的文件：0个');
      expect(first.out).toContain('已删除不再需要的明文文件：1个');
      expect(first.err).toContain('无法打开或与记录不符的文件：1个');
      expect(existsSync(filePath(dataDir, sha256(legacy)))).toBe(false);
      expect(isSealedFile(readFileSync(sealedPath(dataDir, 'attachment', legacyId)))).toBe(true);
      expect((await readAttachment(t.services, b.id, legacyId)).bytes.equals(legacy)).toBe(true);
      // The damaged file is left for a person to look at.
      expect(readFileSync(sealedPath(dataDir, 'attachment', damagedId)).equals(garbage)).toBe(true);
      const audited = await runs();
      expect(audited.length).toBe(1);
      expect(JSON.parse(audited[0]!.after_json!)).toEqual({
        sealed: 1,
        resealed: 0,
        clearRemoved: 1,
        damaged: 1,
      });

      // Someone restores the damaged file from a backup (here: sealed again from the original); nothing left.
      await writeSealed(t.services.config, 'attachment', damagedId, PNG);
      const again = await run(['reseal-files']);
      expect(again.code).toBe(0);
      expect(again.out).toContain('已加密旧版本明文保存的文件：0个');
      expect(again.out).toContain('无法打开或与记录不符的文件：0个');
      expect(again.err).toBe('');
      expect((await runs()).length).toBe(2);
    });

    it('wrong arguments exit 2, missing keys exit 1, and neither runs anything', async () => {
      const before = (await runs()).length;
      const extra = await run(['reseal-files', '--all']);
      expect(extra.code).toBe(2);
      expect(extra.err).toContain('unknown option "--all"');
      expect(extra.err).toContain('gongkai cases reseal-files');
      const noKey = await run(['reseal-files'], {
        ...t.services,
        config: { ...t.services.config, personalDataKey: '' },
      });
      expect(noKey.code).toBe(1);
      expect(noKey.err).toContain('PERSONAL_DATA_KEY');
      expect((await runs()).length).toBe(before);
    });
  });
}
