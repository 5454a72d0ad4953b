/**
 * PDF → text lines rebuilt from glyph positions (pdfjs-dist, legacy build for Node): items are grouped into
 * lines by their baseline and ordered left to right, with a space wherever there is a visible gap — so the
 * cells of a table row come out as 「一、本年新收政府信息公开申请数量 6 0 0 0 0 0 6」 rather than glued
 * together. Tables are then read from the text as a token stream. Page count and time are capped; a
 * scanned PDF (no text) is reported as such.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export class PdfLimitError extends Error {}

export interface PdfLimits {
  maxPages: number;
  /** Absolute time (ms since epoch) after which reading stops. */
  deadline: number;
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

const root = () => path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

function pageLines(items: Item[]): string[] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const first = line?.[0];
    if (line && first && Math.abs(first.y - item.y) <= Math.max(2, Math.min(first.size, item.size) * 0.4))
      line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let out = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const item of line) {
      if (out && item.x - end > item.size * 0.6) out += ' ';
      out += item.str;
      end = item.x + item.width;
    }
    return out;
  });
}

export async function readPdfLines(bytes: Uint8Array, limits: PdfLimits): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const base = root();
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useWorkerFetch: false,
    disableFontFace: true,
    cMapUrl: path.join(base, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(base, 'standard_fonts') + path.sep,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages > limits.maxPages)
      throw new PdfLimitError(`PDF共${doc.numPages}页，超过${limits.maxPages}页的上限`);
    const lines: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() > limits.deadline) throw new PdfLimitError('读取PDF超时');
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items)
        if ('str' in it) {
          const [a = 0, b = 0, , , x = 0, y = 0] = it.transform as number[];
          items.push({ str: it.str, x, y, width: it.width, size: Math.hypot(a, b) || it.height || 10 });
        }
      lines.push(...pageLines(items));
      page.cleanup();
    }
    return lines;
  } finally {
    await task.destroy();
  }
}
