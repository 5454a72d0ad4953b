/**
 * renderLetter on a real database (every dialect): one test per letter kind and one per outcome group of the
 * reply, each opening the generated .docx (a zip) and reading its text back.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { MZ } from '../../publications/publications.fixtures.js';
import { build, ctxOf, PERSON } from '../applications.fixtures.js';
import { toLetter } from '../applications.js';
import { listLetters } from '../applications.repository.js';
import { DOCX_CONTENT_TYPE, renderLetter } from './render.js';

/** The text of word/document.xml, runs joined per paragraph, paragraphs by newlines. */
export function docxText(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']!);
  return xml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1]!)
        .join('')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'"),
    )
    .filter(Boolean)
    .join('\n');
}

for (const dialect of dialects) {
  describe(`letters as Word files [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));

    const lettersOf = async (id: string) => (await listLetters(t.services.db, id)).map(toLetter);

    it('受理回执: title, number, applicant, tracking number, receipt date, due date, agency and date', async () => {
      const b = await build.received(t, 'mz.handler');
      const receipt = (await lettersOf(b.id)).find((l) => l.kind === 'receipt')!;
      const r = await renderLetter(t.services, b.id, receipt.id);
      expect(r.contentType).toBe(DOCX_CONTENT_TYPE);
      expect(r.fileName).not.toContain(PERSON.name);
      expect(r.containsPersonalData).toBe(true);
      const text = docxText(r.bytes);
      expect(text).toContain(`${MZ}政府信息公开申请受理回执`);
      expect(text).toContain(receipt.number!);
      expect(receipt.number).toMatch(/〔2026〕第\d+号$/);
      expect(text).toContain(`${PERSON.name}：`);
      expect(text).toContain(b.trackingNo);
      expect(text).toContain('2026年3月2日');
      expect(text).toContain('关于调整城乡居民最低生活保障标准的通知');
      expect(text.split('\n').at(-2)).toBe(MZ);
      expect(text.split('\n').at(-1)).toBe('2026年3月2日');
    });

    it('a letter of another case is not found', async () => {
      const a = await build.received(t, 'mz.handler');
      const b = await build.received(t, 'mz.handler');
      const receipt = (await lettersOf(a.id)).find((l) => l.kind === 'receipt')!;
      await expect(renderLetter(t.services, b.id, receipt.id)).rejects.toMatchObject({ code: 'not_found' });
      void ctxOf;
    });
  });
}
