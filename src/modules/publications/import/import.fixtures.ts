/**
 * Test helpers for the import (tests only): archives built in code — CSV text with quoting, GBK
 * bytes, ZIPs, multipart forms — and row counts to show that a refused import wrote nothing.
 */
import { zipSync } from 'fflate';
import type { Db } from '../../../platform/services.js';

/** 示例市民政局, the demo agency the tests import into. */
export const DEMO_CODE = '11510100DEMO00002X';
export const ID_NUMBER = '11010519491231002X';

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function csvOf(header: string[], rows: string[][], eol = '\r\n'): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join(eol) + eol;
}

let gbk: Map<string, number[]> | null = null;

/** Text as GBK bytes (Node has no GBK encoder): the map is built by decoding every double-byte code. */
export function encodeGbk(text: string): Uint8Array {
  if (!gbk) {
    gbk = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !gbk.has(ch)) gbk.set(ch, [lead, trail]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = gbk.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

export const zipOf = (entries: Record<string, Uint8Array>) => zipSync(entries);

export interface FormFile {
  fileName: string;
  bytes: Uint8Array;
}

/** multipart/form-data as a browser sends the import form. */
export function multipartForm(fields: Record<string, string>, files: Record<string, FormFile>) {
  const boundary = '----gongkai-import-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const [name, f] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.fileName}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const TABLES = [
  'publications',
  'publication_versions',
  'publication_attachments',
  'publication_finding_overrides',
  'publication_index_counters',
  'audit_events',
] as const;

/** Rows per table the import writes to. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}
