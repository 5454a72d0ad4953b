/** The 督办 state machine and the overdue rule, as pure functions (no database). */
import { describe, expect, it } from 'vitest';
import { FieldErrors } from '../../platform/errors.js';
import { legalDate } from '../../platform/legal-date.js';
import { readDueOn } from './commands/post-note.js';
import {
  answerBlockers,
  closeBlockers,
  closeNeedsReason,
  isOverdue,
  type NoteStatus,
} from './supervision.js';
import { dueText } from './views/supervision.views.js';

const today = legalDate('2026-03-02');

describe('isOverdue: open and due before today (China date)', () => {
  const rows: [NoteStatus, string | null, boolean][] = [
    ['open', '2026-03-01', true],
    ['open', '2026-03-02', false], // due today: still in time
    ['open', '2026-03-03', false],
    ['open', null, false], // a comment without a due date is never overdue
    ['answered', '2026-02-01', false],
    ['closed', '2026-02-01', false],
  ];
  it.each(rows)('%s due %s → %s', (status, due, expected) => {
    expect(isOverdue({ status, dueOn: due ? legalDate(due) : null }, today)).toBe(expected);
  });
});

describe('transitions list their reasons first', () => {
  it('answers only an open note', () => {
    expect(answerBlockers({ status: 'open' })).toEqual([]);
    expect(answerBlockers({ status: 'answered' })).toEqual(['该事项已经答复，等待主管部门办结。']);
    expect(answerBlockers({ status: 'closed' })).toEqual(['该事项已办结，不能再答复。']);
  });
  it('closes an open note with a reason, an answered one without', () => {
    expect(closeBlockers({ status: 'open' })).toEqual([]);
    expect(closeNeedsReason({ status: 'open' })).toBe(true);
    expect(closeBlockers({ status: 'answered' })).toEqual([]);
    expect(closeNeedsReason({ status: 'answered' })).toBe(false);
    expect(closeBlockers({ status: 'closed' })).toEqual(['该事项已经办结。']);
  });
});

describe('readDueOn (办理期限)', () => {
  const read = (dueOn: unknown, required: boolean) => {
    const fe = new FieldErrors();
    const value = readDueOn(fe, { dueOn }, required, today);
    return { value, errors: fe.list.map((e) => `${e.field}:${e.message}`) };
  };
  it.each([
    ['', true, null, ['dueOn:请填写办理期限（督办须规定办理期限）']],
    ['', false, null, []],
    [undefined, false, null, []],
    ['2026-02-30', true, null, ['dueOn:办理期限应为有效日期，格式如 2026-03-31']],
    ['3/10/2026', true, null, ['dueOn:办理期限应为有效日期，格式如 2026-03-31']],
    ['2026-03-02', true, '2026-03-02', ['dueOn:办理期限应晚于今天']],
    ['2026-03-03', true, '2026-03-03', []],
    [' 2026-04-01 ', false, '2026-04-01', []],
  ])('%j (required %s) → %s %j', (input, required, value, errors) => {
    expect(read(input, required)).toEqual({ value, errors });
  });
});

describe('dueText', () => {
  it.each([
    ['open', '2026-03-05', '2026年3月5日（剩余3天）'],
    ['open', '2026-03-02', '2026年3月2日（今日到期）'],
    ['open', '2026-02-27', '2026年2月27日（已逾期3天）'],
    ['answered', '2026-02-27', '2026年2月27日'],
    ['open', null, '未设期限'],
  ] as [NoteStatus, string | null, string][])('%s due %s → %s', (status, due, text) => {
    expect(dueText({ status, dueOn: due ? legalDate(due) : null }, today)).toBe(text);
  });
});
