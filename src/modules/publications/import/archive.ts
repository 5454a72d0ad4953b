/**
 * Where the attachments named in the rows come from: a folder (command line) or a ZIP uploaded in
 * the back office. Names are relative paths; any name that could leave the folder (“..”, absolute
 * paths, drive letters) is refused, and a ZIP holding one is refused as a whole. A ZIP is checked
 * against its central directory (entry count, total inflated size) before anything is inflated, and
 * entries are inflated one at a time when read.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type UnzipFileInfo, unzipSync } from 'fflate';

export type Found = { size: number } | 'missing' | 'unsafe';

export interface AttachmentSource {
  /** 附件目录 or 附件包, for messages. */
  readonly label: string;
  find(name: string): Promise<Found>;
  read(name: string): Promise<Uint8Array>;
}

export const ZIP_LIMITS = {
  /** Entries in the central directory, folders included. */
  entries: 5_000,
  /** Sum of the entries' inflated sizes. */
  totalBytes: 2 * 1024 * 1024 * 1024,
};

/** The name as a clean relative path (`/` separated, NFC), or null when it could escape the folder. */
export function safeRelativeName(raw: string): string | null {
  const name = raw.normalize('NFC').replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-z]:/i.test(name)) return null;
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return null;
  return parts.join('/');
}

export async function directorySource(dir: string): Promise<AttachmentSource> {
  const root = await realpath(dir);
  const locate = async (name: string): Promise<string | null> => {
    const clean = safeRelativeName(name);
    if (!clean) return null;
    try {
      const real = await realpath(path.join(root, clean));
      // A symbolic link may point outside the folder.
      return real.startsWith(root + path.sep) ? real : null;
    } catch {
      return '';
    }
  };
  return {
    label: '附件目录',
    async find(name) {
      const file = await locate(name);
      if (file === null) return 'unsafe';
      if (!file) return 'missing';
      const info = await stat(file);
      return info.isFile() ? { size: info.size } : 'missing';
    },
    async read(name) {
      const file = await locate(name);
      if (!file) throw new Error(`attachment ${name} is not readable`);
      return new Uint8Array(await readFile(file));
    },
  };
}

/**
 * Zips made on Chinese Windows store names in GBK without the UTF-8 flag; fflate then gives the
 * bytes as Latin-1 characters. Such a name is decoded again as UTF-8, else GB18030, when that works.
 */
export function entryName(name: string): string {
  if (![...name].some((c) => c.charCodeAt(0) > 0x7f) || [...name].some((c) => c.charCodeAt(0) > 0xff))
    return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  return name;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The ZIP's entries, or why the whole package is refused. */
export function zipSource(bytes: Uint8Array, limits = ZIP_LIMITS): AttachmentSource | { error: string } {
  const infos: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        infos.push(f);
        return false;
      },
    });
  } catch {
    return { error: '不是有效的ZIP文件' };
  }
  if (infos.length > limits.entries)
    return { error: `包含${infos.length}个文件，超过${limits.entries}个的上限，请分批导入` };
  const total = infos.reduce((n, f) => n + f.originalSize, 0);
  if (total > limits.totalBytes)
    return { error: `解压后共${mb(total)}，超过${mb(limits.totalBytes)}的上限，请分批导入` };
  const entries = new Map<string, { info: UnzipFileInfo; index: number }>();
  for (const [index, f] of infos.entries()) {
    const shown = entryName(f.name);
    const clean = safeRelativeName(shown);
    if (!clean) return { error: `含有不安全的路径“${shown}”（不能含“..”或以“/”开头），整个附件包已拒绝` };
    if (!shown.endsWith('/') && !clean.startsWith('__MACOSX/') && !entries.has(clean))
      entries.set(clean, { info: f, index });
  }
  return {
    label: '附件包',
    async find(name) {
      const clean = safeRelativeName(name);
      if (!clean) return 'unsafe';
      const f = entries.get(clean);
      return f ? { size: f.info.originalSize } : 'missing';
    },
    async read(name) {
      const f = entries.get(safeRelativeName(name) ?? '');
      if (!f) throw new Error(`attachment ${name} is not in the package`);
      let at = 0;
      const out = unzipSync(bytes, { filter: () => at++ === f.index });
      return out[f.info.name] ?? new Uint8Array();
    },
  };
}
