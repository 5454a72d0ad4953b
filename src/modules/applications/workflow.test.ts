/**
 * The declared state machine: every terminal transition lands in exactly one 表三 row, for each of the six
 * applicant kinds; the declaration is complete (every state reachable, every unfinished state can end).
 */
import { describe, expect, it } from 'vitest';
import { APPLICANT_KINDS, CLOSURE_OUTCOMES, OUTCOMES, type ReportRowId, reportCell } from './codes.js';
import {
  ACTION_SPECS,
  ACTIONS,
  CASE_STATES,
  type CaseState,
  EDGES,
  fromStates,
  nextState,
  OPEN_STATES,
  REPLY_OUTCOMES,
  targets,
  terminalTransitions,
  UNFINISHED_STATES,
} from './workflow.js';

const ROWS = Array.from({ length: 21 }, (_, i) => `R${i + 3}` as ReportRowId);

describe('terminal transitions × applicant kinds', () => {
  const terminals = terminalTransitions();

  it('are derived from the declaration: sendReply (one per reply outcome), withdraw, the two closures', () => {
    const actions = [...new Set(terminals.map((t) => t.action))].sort();
    expect(actions).toEqual(['closeCorrectionOverdue', 'closeFeeUnpaid', 'sendReply', 'withdraw']);
    expect(terminals.filter((t) => t.action === 'sendReply').map((t) => t.outcome)).toEqual([
      ...REPLY_OUTCOMES,
    ]);
    // withdraw from every unfinished state, each with the one outcome R23.
    expect(terminals.filter((t) => t.action === 'withdraw').map((t) => t.from)).toEqual([
      ...UNFINISHED_STATES,
    ]);
    expect(new Set(terminals.filter((t) => t.action === 'withdraw').map((t) => t.outcome))).toEqual(
      new Set([CLOSURE_OUTCOMES.withdrawn]),
    );
  });

  it('each carries exactly one outcome, which is exactly one row of 表三', () => {
    for (const t of terminals) expect(OUTCOMES.filter((o) => o.code === t.outcome)).toHaveLength(1);
  });

  for (const kind of APPLICANT_KINDS)
    it(`each lands in exactly one cell for ${kind.fullLabel} (column ${kind.column})`, () => {
      for (const t of terminals) {
        const cell = reportCell(t.outcome, kind.code);
        expect(cell.column).toBe(kind.column);
        expect(ROWS.filter((r) => r === cell.row)).toHaveLength(1);
      }
      // Together the terminal transitions reach every row R3–R23, and nothing else.
      expect(new Set(terminals.map((t) => reportCell(t.outcome, kind.code).row))).toEqual(new Set(ROWS));
    });

  it('the two automatic closures are R21 and R22, withdrawal R23', () => {
    const rowOf = (action: string) =>
      new Set(terminals.filter((t) => t.action === action).map((t) => reportCell(t.outcome, 'person').row));
    expect(rowOf('closeCorrectionOverdue')).toEqual(new Set(['R21']));
    expect(rowOf('closeFeeUnpaid')).toEqual(new Set(['R22']));
    expect(rowOf('withdraw')).toEqual(new Set(['R23']));
    expect(REPLY_OUTCOMES).not.toContain(CLOSURE_OUTCOMES.correctionOverdue);
    expect(REPLY_OUTCOMES).not.toContain(CLOSURE_OUTCOMES.feeUnpaid);
  });

  it('every terminal transition leads to a closed state, and only terminals decide an outcome', () => {
    const closedBy = new Set(terminals.map((t) => t.to));
    expect(closedBy).toEqual(new Set(['replied', 'withdrawn', 'closedCorrectionOverdue', 'closedFeeUnpaid']));
    for (const e of EDGES)
      if (e.to !== 'same' && closedBy.has(e.to as CaseState))
        expect(ACTION_SPECS[e.action].outcomes).toBeDefined();
  });
});

describe('the declaration', () => {
  it('declares edges for every action, and roles for every staff action', () => {
    for (const a of ACTIONS) {
      expect(fromStates(a).length, a).toBeGreaterThan(0);
      const spec = ACTION_SPECS[a];
      if (spec.actors.includes('staff')) expect(spec.roles.length, a).toBeGreaterThan(0);
    }
  });

  it('reaches every state from creation', () => {
    const seen = new Set<CaseState>();
    const queue: (CaseState | 'none')[] = ['none'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const e of EDGES.filter((x) => x.from === s)) {
        const to = e.to === 'same' ? (s as CaseState) : e.to;
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATES].sort());
  });

  it('lets every unfinished state end (withdraw), and every open state reach a reply', () => {
    for (const s of UNFINISHED_STATES) expect(targets('withdraw', s)).toEqual(['withdrawn']);
    const canReach = (from: CaseState, goal: CaseState): boolean => {
      const seen = new Set<CaseState>([from]);
      const queue = [from];
      while (queue.length) {
        const s = queue.shift()!;
        if (s === goal) return true;
        for (const e of EDGES.filter((x) => x.from === s && x.to !== 'same' && x.action !== 'withdraw')) {
          const to = e.to as CaseState;
          if (!seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
      return false;
    };
    for (const s of OPEN_STATES) expect(canReach(s, 'replied'), s).toBe(true);
  });

  it('nextState follows the edges, picks among declared targets and refuses anything else', () => {
    expect(nextState('assign', 'received')).toBe('inProgress');
    expect(nextState('assign', 'awaitingFee')).toBe('awaitingFee');
    expect(nextState('registerOffline', 'none', 'submitted')).toBe('submitted');
    expect(() => nextState('registerOffline', 'none')).toThrow('undeclared');
    expect(() => nextState('approveReply', 'inProgress')).toThrow('undeclared');
    expect(() => nextState('registerOffline', 'none', 'replied')).toThrow('undeclared');
  });
});
