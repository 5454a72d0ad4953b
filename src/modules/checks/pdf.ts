/**
 * Text of PDF files with PDF.js (pdfjs-dist 4.x, the legacy build for Node; no worker thread, no
 * eval). PDF.js is imported on first use so that starting the server does not pay for it. CJK text
 * set in non-embedded fonts (STSong-Light with UniGB-UCS2-H, common in generated 公文) needs the
 * predefined CMaps shipped with pdfjs-dist; without them such text silently comes out empty.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ExtractError } from './extract-error.js';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_URL = path.join(pdfjsRoot, 'cmaps') + path.sep;
const STANDARD_FONT_DATA_URL = path.join(pdfjsRoot, 'standard_fonts') + path.sep;

/** Page texts joined by newlines; a line break inside a page where PDF.js sees the end of a line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(bytes), // a copy: PDF.js may detach the buffer it is given
    isEvalSupported: false,
    useWorkerFetch: false,
    disableFontFace: true,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DATA_URL,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text);
      page.cleanup();
    }
    return pages.join('\n');
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new ExtractError('encrypted', undefined, { cause: error });
    }
    throw new ExtractError('corrupt', undefined, { cause: error });
  } finally {
    await task.destroy();
  }
}
