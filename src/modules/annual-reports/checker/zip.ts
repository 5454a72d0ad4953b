/**
 * A defensive ZIP reader for .docx files: reads the central directory, refuses archives whose declared
 * sizes are too large (zip bombs) before inflating anything, and inflates one entry in small chunks,
 * stopping as soon as the output passes its declared size or the cap — so a lying directory cannot make
 * it allocate more than the cap either.
 */
import { Inflate } from 'fflate';

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  /** Largest single entry inflated. */
  maxEntrySize: number;
  /** Largest sum of declared sizes over the whole archive. */
  maxTotalSize: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntrySize: 30 * 1024 * 1024,
  maxTotalSize: 200 * 1024 * 1024,
  maxEntries: 5000,
};

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

export function listZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--)
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipError('不是有效的压缩文件（找不到目录）');
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('不支持ZIP64格式的文件');
  if (count > limits.maxEntries) throw new ZipError('压缩文件内的条目过多');
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new ZipError('压缩文件目录已损坏');
    const nameLen = u16(bytes, p + 28);
    const entry: ZipEntry = {
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
    };
    total += entry.size;
    if (entry.size > limits.maxEntrySize && entry.name.startsWith('word/'))
      throw new ZipError('压缩文件内容过大（疑似压缩炸弹）');
    if (total > limits.maxTotalSize) throw new ZipError('压缩文件内容过大（疑似压缩炸弹）');
    entries.push(entry);
    p += 46 + nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  return entries;
}

export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Uint8Array {
  const lh = entry.localOffset;
  if (lh + 30 > bytes.length || u32(bytes, lh) !== 0x04034b50) throw new ZipError('压缩文件条目已损坏');
  const start = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
  const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
  const cap = Math.min(entry.size, limits.maxEntrySize);
  if (entry.method === 0) {
    if (data.length > cap) throw new ZipError('压缩文件内容过大（疑似压缩炸弹）');
    return data.slice();
  }
  if (entry.method !== 8) throw new ZipError('不支持的压缩方式');
  const out = new Uint8Array(cap);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > cap) throw new ZipError('压缩文件内容超过其声明的大小（疑似压缩炸弹）');
    out.set(chunk, length);
    length += chunk.length;
  });
  const STEP = 4096;
  try {
    for (let i = 0; i < data.length; i += STEP)
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('压缩文件数据已损坏');
  }
  return out.subarray(0, length);
}

export function findEntry(entries: ZipEntry[], name: string): ZipEntry | undefined {
  return entries.find((e) => e.name === name);
}
