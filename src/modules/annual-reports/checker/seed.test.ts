/**
 * Acceptance on the seed reports: 佳木斯市民政局 2019 (2019 format, no section 六) passes with the missing-六
 * warning only; adding 1 to any numeric cell of 表三 or 表四 fails with the expected rules naming that cell;
 * changes to 表二 or the narrative only warn; the 2017 report is older than the 2019 format.
 * The seed text is edited here line by line, independently of the parser.
 */
import { describe, expect, it } from 'vitest';
import { checked, checkText, rulesOf, seedText } from './checker.fixture.js';
import { t3RowIds } from './model.js';

const SEED = seedText('seed-003-2019');

/** The 表三 data lines (23) and the 表四 data line of the seed, by line index. */
function tableLines(text: string) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('三、收到和处理'));
  const t4 = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
  const end = lines.findIndex((l) => l.startsWith('五、'));
  const numeric = (l: string) => l.split('|').filter((c) => /^\s*[+-]?\d+\s*$/.test(c)).length;
  const t3 = lines
    .map((l, i) => ({ l, i }))
    .filter(({ l, i }) => i > start && i < t4 && numeric(l) >= 7)
    .map((x) => x.i);
  const t4Line = lines.findIndex((l, i) => i > t4 && i < end && numeric(l) === 15);
  return { lines, t3, t4Line };
}

/** Adds `delta` to the n-th (1-based) numeric cell of a `| … |` line. */
function bump(line: string, n: number, delta: number): string {
  let seen = 0;
  return line
    .split('|')
    .map((c) => (/^\s*[+-]?\d+\s*$/.test(c) && ++seen === n ? ` ${Number(c) + delta} ` : c))
    .join('|');
}

function edit(lineIndex: number, n: number): string {
  const { lines } = tableLines(SEED);
  lines[lineIndex] = bump(lines[lineIndex]!, n, 1);
  return lines.join('\n');
}

describe('seed 003 (佳木斯市民政局 2019)', () => {
  it('passes with exit 0; the only finding is the missing section 六', async () => {
    const { result, exit } = await checkText(SEED);
    expect(exit).toBe(0);
    const r = checked(result);
    expect(r).toMatchObject({ year: 2019, format: '2019', agency: '佳木斯市民政局', verdict: 'pass' });
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['V11', 'warning']]);
    expect(r.findings[0]!.message).toContain('六、其他需要报告的事项');
  });

  it('reads the tables as printed', async () => {
    const r = checked((await checkText(SEED)).result);
    expect(Object.keys(r.tables.T3)).toEqual(t3RowIds(false));
    expect(r.tables.T3.R1).toEqual([6, 0, 0, 0, 0, 0, 6]);
    expect(r.tables.T3.R13).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.tables.T3.R15).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.tables.T3['R21-23']).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.tables.T3.R24).toEqual([6, 0, 0, 0, 0, 0, 6]);
    expect(Object.values(r.tables.T4)).toEqual(Array(15).fill(0));
    expect(r.tables.T2.licensing).toEqual({ lastYearItems: 6, change: -1, decisions: 54 });
    expect(r.tables.T2.penalties).toEqual({ lastYearItems: 23, change: 3, decisions: 2 });
    expect(r.tables.T2.fees).toEqual({ lastYearItems: 0, change: 0 });
    expect(r.tables.T2.procurement).toEqual({ projects: 0, amount: 0 });
  });

  const { t3, t4Line } = tableLines(SEED);
  const rows = t3RowIds(false);
  const t3Cases = rows.flatMap((row, ri) => [1, 2, 3, 4, 5, 6, 7].map((c) => ({ row, ri, c })));

  it('has 23 表三 lines and one 表四 line to edit', () => {
    expect(t3).toHaveLength(23);
    expect(t4Line).toBeGreaterThan(0);
  });

  it.each(t3Cases)('表三 $row C$c + 1 → exit 1 naming T3.$row.C$c', async ({ row, ri, c }) => {
    const { result, exit } = await checkText(edit(t3[ri]!, c));
    expect(exit).toBe(1);
    const cell = `T3.${row}.C${c}`;
    const expected = ['R1', 'R2', 'R25'].includes(row)
      ? ['V1', 'V3']
      : row === 'R24'
        ? ['V1', 'V2', 'V3']
        : ['V2', 'V3'];
    expect(rulesOf(result, 'error')).toEqual(expected);
    for (const f of checked(result).findings.filter((x) => x.severity === 'error'))
      expect(f.cells, `${f.rule}: ${f.message}`).toContain(cell);
  });

  it.each(Array.from({ length: 15 }, (_, i) => i + 1))(
    '表四 K%i + 1 → exit 1 (V4) naming the cell',
    async (k) => {
      const { result, exit } = await checkText(edit(t4Line, k));
      expect(exit).toBe(1);
      expect(rulesOf(result, 'error')).toEqual(['V4']);
      const errors = checked(result).findings.filter((f) => f.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.cells).toContain(`T4.K${k}`);
      // The narrative says 「没有收到行政复议」: changing the 复议 total contradicts it.
      if (k === 5) expect(rulesOf(result, 'warning')).toContain('V8');
    },
  );

  it('names the cells and the numbers in messages', async () => {
    const { result } = await checkText(edit(t3[0]!, 3));
    const v1 = checked(result).findings.find((f) => f.rule === 'V1')!;
    expect(v1.message).toContain('T3.R1.C3=1');
    expect(v1.message).toContain('T3.R24.C3=0');
    expect(v1.cells).toEqual(['T3.R1.C3', 'T3.R2.C3', 'T3.R24.C3', 'T3.R25.C3']);
  });
});

describe('seed 003: changes that only warn', () => {
  const warnings = async (text: string) => {
    const { result, exit } = await checkText(text);
    expect(exit).toBe(0);
    return checked(result).findings.filter((f) => f.rule !== 'V11');
  };

  it('表二 新公开 above 对外公开总数 → V7', async () => {
    const f = await warnings(SEED.replace('| 规范性文件 | 1 | 1 | 1 |', '| 规范性文件 | 1 | 3 | 1 |'));
    expect(f.map((x) => x.rule)).toEqual(['V7']);
    expect(f[0]!.cells).toEqual([
      'T2.normativeDocuments.newlyPublished',
      'T2.normativeDocuments.totalPublished',
    ]);
  });

  it('表二 上一年项目数量 + 本年增/减 below zero → V7', async () => {
    const f = await warnings(SEED.replace('| 行政许可 | 6 | -1 | 54 |', '| 行政许可 | 6 | -7 | 54 |'));
    expect(f.map((x) => x.rule)).toEqual(['V7']);
    expect(f[0]!.message).toContain('T2.licensing.change=-7');
  });

  it('表二 a changed decision count → no finding', async () => {
    expect(await warnings(SEED.replace('| 行政处罚 | 23 | +3 | 2 |', '| 行政处罚 | 23 | +3 | 5 |'))).toEqual(
      [],
    );
  });

  it('narrative quoting another number of applications → V8 naming T3.R1.C7', async () => {
    const f = await warnings(SEED.replace('收到依申请公开6件', '收到依申请公开8件'));
    expect(f.map((x) => x.rule)).toEqual(['V8']);
    expect(f[0]!.cells).toContain('T3.R1.C7');
    expect(f[0]!.message).toContain('8');
  });

  it('narrative claiming a reconsideration the table does not have → V8 naming T4.K5', async () => {
    const f = await warnings(SEED.replace('没有收到行政复议或投诉', '收到行政复议1件'));
    expect(f.map((x) => x.rule)).toEqual(['V8']);
    expect(f[0]!.cells).toEqual(['T4.K5']);
  });

  it('a missing section 五 is a hard error (V11)', async () => {
    const { result, exit } = await checkText(SEED.replace('五、存在的主要问题及改进情况', '存在问题'));
    expect(exit).toBe(1);
    expect(rulesOf(result, 'error')).toEqual(['V11']);
  });
});

describe('seed 004 (阿尔山市 2017)', () => {
  it('is older than the 2019 format: exit 2', async () => {
    const { result, exit } = await checkText(seedText('seed-004-2017'));
    expect(exit).toBe(2);
    expect(result).toEqual({ verdict: 'unreadable', reason: '格式早于2019年' });
  });
});
