/**
 * PDFs made by real tools from the committed fixtures (too large to commit): the HTML page printed by
 * Chromium, the Word file converted by LibreOffice. Their tables come out with wrapped labels, merged cells
 * centred between rows and headers broken into single characters. Skipped when the tool is not installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { figures2023 } from '../../../../test/fixtures/annual-reports/report-2021.js';
import { checkReport } from './check-report.js';
import { checked, FIXTURES } from './checker.fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find(existsSync);
const dir = mkdtempSync(path.join(tmpdir(), 'gk-printed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectFixture(pdf: string) {
  const r = checked(await checkReport(new Uint8Array(readFileSync(pdf)), pdf));
  const f = figures2023();
  expect(r).toMatchObject({ year: 2023, format: '2021', agency: '江北市生态环境局', verdict: 'pass' });
  expect(Object.values(r.tables.T3)).toEqual(f.t3);
  expect(Object.values(r.tables.T4)).toEqual(f.t4);
  expect(r.findings).toEqual([]);
}

describe('PDFs printed by real tools', () => {
  it.skipIf(!existsSync(CHROMIUM))(
    'the HTML fixture printed by Chromium',
    async () => {
      const pdf = path.join(dir, 'chromium.pdf');
      execFileSync(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          `--user-data-dir=${path.join(dir, 'chromium-profile')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${pdf}`,
          path.join(FIXTURES, 'report-2021.html'),
        ],
        { timeout: 60_000, stdio: 'ignore' },
      );
      await expectFixture(pdf);
    },
    90_000,
  );

  it.skipIf(!SOFFICE)(
    'the Word fixture converted by LibreOffice',
    async () => {
      execFileSync(
        SOFFICE!,
        [
          `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          path.join(FIXTURES, 'report-2021.docx'),
        ],
        { timeout: 90_000, stdio: 'ignore' },
      );
      await expectFixture(path.join(dir, 'report-2021.pdf'));
    },
    120_000,
  );
});
