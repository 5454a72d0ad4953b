import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FILE_HEADER_LENGTH,
  FileCipher,
  FileCipherError,
  isSealedFile,
  sealedHeaderOf,
  sealedSize,
} from './file-cipher.js';
import { PersonalDataCipher } from './personal-data.js';

const KEY = '00112233445566778899aabbccddeeff';
const OTHER = 'ffeeddccbbaa99887766554433221100';
const MARKER = '申请人张三 住址：示例市幸福路1号 MARKER-7f3a';

const dir = mkdtempSync(path.join(tmpdir(), 'gk-file-cipher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tmp = () => path.join(dir, `f${++n}`);

/** A file's bytes with the marker somewhere in the middle, across a 64 KiB slice boundary. */
function sample(size: number): Buffer {
  const b = randomBytes(size);
  if (size > 70_000) Buffer.from(MARKER).copy(b, 65_530);
  return b;
}

describe('FileCipher', () => {
  const cipher = new FileCipher(KEY);

  it('round-trips in memory and through a file, for sizes around the block and slice boundaries', async () => {
    for (const size of [0, 1, 15, 16, 17, 65_535, 65_536, 65_537, 200_001]) {
      const plain = sample(size);
      const sealed = cipher.seal(plain, 'application_attachments:a1');
      expect(sealed.length).toBe(sealedSize(size));
      expect(cipher.open(sealed, 'application_attachments:a1').equals(plain)).toBe(true);
      const f = tmp();
      await cipher.sealToFile(f, plain, 'application_attachments:a1', { fsync: true });
      expect(readFileSync(f).length).toBe(sealedSize(size));
      expect((await cipher.openFile(f, 'application_attachments:a1')).equals(plain)).toBe(true);
    }
  });

  it('writes a header with magic, version and the key id, and none of the plaintext', () => {
    const plain = Buffer.concat([Buffer.from(`%PDF-1.4 ${MARKER} `.repeat(50)), sample(100_000)]);
    const sealed = cipher.seal(plain, 'x');
    expect(sealed.subarray(0, 4).toString()).toBe('GKSF');
    expect(isSealedFile(sealed)).toBe(true);
    expect(isSealedFile(plain)).toBe(false);
    expect(sealedHeaderOf(sealed)).toEqual({ version: 1, keyId: cipher.keyId });
    expect(sealed.includes(MARKER)).toBe(false);
    expect(sealed.includes('%PDF-')).toBe(false);
    // A fresh IV each time: the same bytes sealed twice differ.
    expect(cipher.seal(plain, 'x').equals(sealed)).toBe(false);
  });

  it('uses the key id of the personal-data envelopes of the same master key', () => {
    expect(cipher.keyId).toBe(new PersonalDataCipher(KEY).keyId);
    expect(new FileCipher(OTHER).keyId).not.toBe(cipher.keyId);
  });

  it('refuses any altered byte — header, ciphertext, tag — and truncation or extension', async () => {
    const plain = sample(100_000);
    const sealed = cipher.seal(plain, 'aad');
    for (const at of [
      0,
      4,
      6,
      FILE_HEADER_LENGTH - 1,
      FILE_HEADER_LENGTH,
      70_000,
      sealed.length - 33,
      sealed.length - 1,
    ]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x01;
      expect(() => cipher.open(bad, 'aad')).toThrow(FileCipherError);
      const f = tmp();
      writeFileSync(f, bad);
      await expect(cipher.openFile(f, 'aad')).rejects.toThrow(FileCipherError);
    }
    for (const bad of [
      sealed.subarray(0, sealed.length - 16),
      sealed.subarray(0, sealed.length - 1),
      sealed.subarray(0, FILE_HEADER_LENGTH + 16),
      sealed.subarray(0, 10),
      Buffer.concat([sealed, Buffer.alloc(16)]),
      Buffer.alloc(0),
    ]) {
      expect(() => cipher.open(bad, 'aad')).toThrow(FileCipherError);
      const f = tmp();
      writeFileSync(f, bad);
      await expect(cipher.openFile(f, 'aad')).rejects.toThrow(FileCipherError);
    }
  });

  it('refuses a file sealed for another row, or opened with another key; says nothing of the content', () => {
    const plain = Buffer.from(MARKER);
    const sealed = cipher.seal(plain, 'application_attachments:a1');
    expect(() => cipher.open(sealed, 'application_attachments:a2')).toThrow(FileCipherError);
    expect(() => cipher.open(sealed, '')).toThrow(FileCipherError);
    const other = new FileCipher(OTHER);
    expect(() => other.open(sealed, 'application_attachments:a1')).toThrow(/is not configured/);
    // A key that merely claims the id: the MAC fails.
    const forged = other.seal(plain, 'application_attachments:a1');
    Buffer.from(cipher.keyId, 'latin1').copy(forged, 5);
    try {
      cipher.open(forged, 'application_attachments:a1');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FileCipherError);
      expect(String((e as Error).message)).not.toContain('张三');
    }
  });

  it('after a rotation, opens files sealed with a previous key and seals with the new one', async () => {
    const plain = sample(80_000);
    const f = tmp();
    await new FileCipher(KEY).sealToFile(f, plain, 'aad');
    const rotated = new FileCipher(OTHER, [KEY]);
    expect(rotated.keyId).toBe(new FileCipher(OTHER).keyId);
    expect(rotated.hasKey(new FileCipher(KEY).keyId)).toBe(true);
    expect((await rotated.openFile(f, 'aad')).equals(plain)).toBe(true);
    const resealed = rotated.seal(plain, 'aad');
    expect(sealedHeaderOf(resealed)?.keyId).toBe(rotated.keyId);
    // Once the previous key is dropped, its files no longer open.
    await expect(new FileCipher(OTHER).openFile(f, 'aad')).rejects.toThrow(FileCipherError);
  });

  it('never overwrites: sealing to an existing name fails', async () => {
    const f = tmp();
    writeFileSync(f, 'x');
    await expect(cipher.sealToFile(f, Buffer.from('y'), 'aad')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(f, 'utf8')).toBe('x');
  });

  it('seals and opens 10 MB (times printed: the figures of ADR 0013)', async () => {
    const plain = sample(10 * 1024 * 1024);
    const f = tmp();
    const t0 = performance.now();
    await cipher.sealToFile(f, plain, 'application_attachments:bench', { fsync: true });
    const t1 = performance.now();
    const back = await cipher.openFile(f, 'application_attachments:bench');
    const t2 = performance.now();
    expect(back.equals(plain)).toBe(true);
    console.log(`10 MB: seal ${(t1 - t0).toFixed(0)} ms (with fsync), open ${(t2 - t1).toFixed(0)} ms`);
    // Generous bounds for a loaded 2-core machine; the measured figures are in the ADR.
    expect(t1 - t0).toBeLessThan(5_000);
    expect(t2 - t1).toBeLessThan(5_000);
  });
});
