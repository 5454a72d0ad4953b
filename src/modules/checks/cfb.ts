/**
 * A reader for the Compound File Binary format ([MS-CFB]), the container of Word 97–2003 (.doc)
 * and Excel 97–2003 (.xls) files: a FAT file system inside one file. Only reading of the root
 * storage's streams is supported, which is all .doc and .xls text needs. Every chain walk is bounded,
 * so a malformed file ends in an error rather than a loop. Errors are plain Errors; the caller maps
 * them to ExtractError.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;
const MAX_REGULAR_SECTOR = 0xfffffffa;

export interface CompoundFile {
  /** Names of the streams directly under the root storage. */
  streams: string[];
  /** The stream's bytes, or null when the root has no stream of that name. */
  read(name: string): Uint8Array | null;
}

interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export function openCompoundFile(bytes: Uint8Array): CompoundFile {
  if (!isCompoundFile(bytes)) throw new Error('not a compound file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const sectorShift = u16(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) throw new Error('bad sector size');
  const sectorSize = 1 << sectorShift;
  const miniSectorSize = 1 << u16(0x20);
  const sectorCount = Math.ceil(bytes.length / sectorSize) - 1;
  const sector = (n: number) => {
    if (n >= sectorCount) throw new Error(`sector ${n} out of range`);
    const at = (n + 1) * sectorSize;
    return bytes.subarray(at, Math.min(at + sectorSize, bytes.length));
  };

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  const numFat = u32(0x2c);
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(u32(0x4c + 4 * i));
  for (let next = u32(0x44), hops = 0; next <= MAX_REGULAR_SECTOR && fatSectors.length < numFat; hops++) {
    if (hops > sectorCount) throw new Error('DIFAT loop');
    const s = new DataView(sector(next).buffer, sector(next).byteOffset, sectorSize);
    for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < numFat; i++)
      fatSectors.push(s.getUint32(i * 4, true));
    next = s.getUint32(sectorSize - 4, true);
  }
  const fat = toUint32s(fatSectors.map(sector));

  const chain = (start: number, table: Uint32Array): number[] => {
    const out: number[] = [];
    for (let s = start; s !== END_OF_CHAIN; s = table[s]!) {
      if (s >= table.length || out.length > table.length) throw new Error('broken sector chain');
      out.push(s);
    }
    return out;
  };
  const readRegular = (start: number, size?: number) => {
    const data = concat(chain(start, fat).map(sector));
    return size === undefined ? data : data.subarray(0, size);
  };

  const dirData = readRegular(u32(0x30));
  const entries: DirEntry[] = [];
  const dir = new DataView(dirData.buffer, dirData.byteOffset, dirData.byteLength);
  for (let at = 0; at + 128 <= dirData.length; at += 128) {
    const nameBytes = Math.min(64, Math.max(0, dir.getUint16(at + 64, true) - 2));
    entries.push({
      name: new TextDecoder('utf-16le').decode(dirData.subarray(at, at + nameBytes)),
      type: dirData[at + 66]!,
      left: dir.getUint32(at + 68, true),
      right: dir.getUint32(at + 72, true),
      child: dir.getUint32(at + 76, true),
      start: dir.getUint32(at + 116, true),
      size: dir.getUint32(at + 120, true),
    });
  }
  const root = entries[0];
  if (root?.type !== 5) throw new Error('no root entry');

  const cutoff = u32(0x38);
  let mini: { fat: Uint32Array; stream: Uint8Array } | null = null;
  const readMini = (start: number, size: number) => {
    mini ??= {
      fat: toUint32s(chain(u32(0x3c), fat).map(sector)),
      stream: readRegular(root.start, root.size),
    };
    const { fat: miniFat, stream } = mini;
    const parts = chain(start, miniFat).map((s) =>
      stream.subarray(s * miniSectorSize, (s + 1) * miniSectorSize),
    );
    return concat(parts).subarray(0, size);
  };

  const children = rootChildren(entries, root.child);
  return {
    streams: children.filter((e) => e.type === 2).map((e) => e.name),
    read(name) {
      const entry = children.find((e) => e.type === 2 && e.name === name);
      if (!entry) return null;
      if (entry.size === 0) return new Uint8Array(0);
      return entry.size < cutoff ? readMini(entry.start, entry.size) : readRegular(entry.start, entry.size);
    },
  };
}

/** The root's children: the red-black tree under root.child, walked with a bound on its size. */
function rootChildren(entries: DirEntry[], first: number): DirEntry[] {
  const out: DirEntry[] = [];
  const seen = new Set<number>();
  const stack = [first];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === NO_STREAM || id >= entries.length || seen.has(id)) continue;
    seen.add(id);
    const e = entries[id]!;
    out.push(e);
    stack.push(e.left, e.right);
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function toUint32s(parts: Uint8Array[]): Uint32Array {
  const bytes = concat(parts);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}
