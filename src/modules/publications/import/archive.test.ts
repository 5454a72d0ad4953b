/** Where attachments come from: a folder (no way out of it) and a ZIP (limits, unsafe names, GBK names). */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttachmentSource, directorySource, entryName, safeRelativeName, zipSource } from './archive.js';
import { encodeGbk, zipOf } from './import.fixtures.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('safeRelativeName', () => {
  it.each([
    ['a.pdf', 'a.pdf'],
    ['./2021/a.pdf', '2021/a.pdf'],
    ['2021\\通知.pdf', '2021/通知.pdf'],
    ['2021//a.pdf', '2021/a.pdf'],
  ])('%s → %s', (raw, clean) => expect(safeRelativeName(raw)).toBe(clean));

  it.each(['../a.pdf', '2021/../../a.pdf', '..\\a.pdf', '/etc/passwd', 'C:/x.pdf', 'c:x.pdf', '', './'])(
    'refuses %s',
    (raw) => expect(safeRelativeName(raw)).toBeNull(),
  );
});

describe('directorySource', () => {
  let root: string;
  let dir: string;
  let source: AttachmentSource;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'gk-import-dir-'));
    dir = path.join(root, 'files');
    mkdirSync(path.join(dir, '2021'), { recursive: true });
    writeFileSync(path.join(dir, '2021', '通知.pdf'), '%PDF-1.4');
    writeFileSync(path.join(root, 'secret.txt'), 'secret');
    symlinkSync(path.join(root, 'secret.txt'), path.join(dir, 'link.pdf'));
    source = await directorySource(dir);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds and reads files under the folder', async () => {
    expect(await source.find('2021/通知.pdf')).toEqual({ size: 8 });
    expect(await source.find('2021\\通知.pdf')).toEqual({ size: 8 });
    expect(new TextDecoder().decode(await source.read('2021/通知.pdf'))).toBe('%PDF-1.4');
  });

  it('never leaves the folder, by name or by symbolic link', async () => {
    expect(await source.find('../secret.txt')).toBe('unsafe');
    expect(await source.find('link.pdf')).toBe('unsafe');
    await expect(source.read('../secret.txt')).rejects.toThrow();
  });

  it('says missing for absent files and for folders', async () => {
    expect(await source.find('2021/没有.pdf')).toBe('missing');
    expect(await source.find('2021')).toBe('missing');
  });
});

describe('zipSource', () => {
  it('reads entries by their path, one at a time', async () => {
    const zip = zipOf({ '2021/通知.pdf': bytes('%PDF-1.4 a'), 'b.pdf': bytes('%PDF-1.4 bb') });
    const source = zipSource(zip);
    if ('error' in source) throw new Error(source.error);
    expect(await source.find('2021/通知.pdf')).toEqual({ size: 10 });
    expect(await source.find('b.pdf')).toEqual({ size: 11 });
    expect(await source.find('c.pdf')).toBe('missing');
    expect(new TextDecoder().decode(await source.read('b.pdf'))).toBe('%PDF-1.4 bb');
  });

  it('refuses the whole package when one entry could leave the folder', () => {
    const zip = zipOf({ 'a.pdf': bytes('x'), '../../etc/cron.d/evil': bytes('y') });
    expect(zipSource(zip)).toEqual({
      error: '含有不安全的路径“../../etc/cron.d/evil”（不能含“..”或以“/”开头），整个附件包已拒绝',
    });
  });

  it('refuses too many entries or too many inflated bytes before inflating anything', () => {
    const zip = zipOf({ 'a.pdf': new Uint8Array(1000), 'b.pdf': new Uint8Array(1000), 'c.pdf': bytes('c') });
    expect(zipSource(zip, { entries: 2, totalBytes: 1e9 })).toEqual({
      error: '包含3个文件，超过2个的上限，请分批导入',
    });
    expect(zipSource(zip, { entries: 10, totalBytes: 1500 })).toHaveProperty('error');
    expect(zipSource(bytes('not a zip'))).toEqual({ error: '不是有效的ZIP文件' });
  });

  it('reads names stored in GBK without the UTF-8 flag', async () => {
    const gbkName = encodeGbk('名单.pdf');
    const placeholder = 'XXXX.pdf';
    const zip = zipOf({ [placeholder]: bytes('%PDF-1.4') });
    // Replace the ASCII name in the local header and the central directory by the GBK bytes.
    const raw = Buffer.from(zip);
    for (let at = raw.indexOf(placeholder); at >= 0; at = raw.indexOf(placeholder, at + 1))
      raw.set(gbkName, at);
    const source = zipSource(new Uint8Array(raw));
    if ('error' in source) throw new Error(source.error);
    expect(await source.find('名单.pdf')).toEqual({ size: 8 });
    expect(entryName('名单.pdf')).toBe('名单.pdf');
    expect(entryName('café')).toBe('café');
  });
});
