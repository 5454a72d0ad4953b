/** The state machine, pure: the declared table of transitions, routing by the round's steps, roles. */
import { describe, expect, it } from 'vitest';
import {
  effectiveSteps,
  fromStates,
  type Machine,
  nextState,
  rolesFor,
  type Transition,
} from './workflow.js';

const all = ['firstReview', 'secrecyReview', 'signOff'] as const;
const m = (
  state: Machine['state'],
  steps: Machine['steps'] = all,
  publishedVersion: number | null = null,
): Machine => ({
  state,
  steps,
  publishedVersion,
});

describe('workflow state machine', () => {
  it.each([
    [[], ['secrecyReview']],
    [
      ['firstReview', 'signOff'],
      ['firstReview', 'secrecyReview', 'signOff'],
    ],
    [
      ['signOff', 'firstReview'],
      ['firstReview', 'secrecyReview', 'signOff'],
    ],
    [['signOff'], ['secrecyReview', 'signOff']],
    [['bogus'], ['secrecyReview']],
  ])('configured steps %j run as %j (保密审查 can never be configured away)', (configured, steps) => {
    expect(effectiveSteps(configured)).toEqual(steps);
  });

  it.each<[Transition, Machine, Machine['state']]>([
    ['submit', m('draft'), 'firstReview'],
    ['approve', m('firstReview'), 'secrecyReview'],
    ['approve', m('secrecyReview'), 'signOff'],
    ['publish', m('signOff'), 'published'],
    ['schedule', m('signOff'), 'scheduled'],
    ['register', m('signOff'), 'registered'],
    ['sendBack', m('secrecyReview'), 'draft'],
    ['sendBack', m('scheduled'), 'draft'],
    ['unschedule', m('scheduled'), 'signOff'],
    ['publishScheduled', m('scheduled'), 'published'],
    ['amend', m('published', all, 1), 'draft'],
    ['withdraw', m('published', all, 1), 'withdrawn'],
    ['withdraw', m('firstReview', all, 2), 'withdrawn'],
    ['confirmRegistered', m('registered'), 'registered'],
    ['releaseRegistered', m('registered'), 'draft'],
    ['publish', m('secrecyReview', ['secrecyReview']), 'published'],
    ['unschedule', m('scheduled', ['secrecyReview']), 'secrecyReview'],
  ])('%s from %j → %s', (t, machine, to) => {
    expect(fromStates(t, machine)).toContain(machine.state);
    expect(nextState(t, machine, machine.steps)).toBe(to);
  });

  it.each<[Transition, Machine]>([
    ['approve', m('signOff')], // the last step publishes, schedules or registers instead
    ['publish', m('secrecyReview')], // not the last step
    ['submit', m('firstReview')],
    ['amend', m('draft', all, 1)],
    ['withdraw', m('draft')], // never published
    ['withdraw', m('withdrawn', all, 1)],
    ['sendBack', m('draft')],
    ['releaseRegistered', m('published', all, 1)],
  ])('%s is not allowed from %j', (t, machine) => {
    expect(fromStates(t, machine)).not.toContain(machine.state);
  });

  it('a submission routes by the steps configured at that moment', () => {
    expect(nextState('submit', m('draft', []), ['secrecyReview', 'signOff'])).toBe('secrecyReview');
  });

  it.each<[Transition, Machine, string[]]>([
    ['submit', m('draft'), ['editor']],
    ['approve', m('firstReview'), ['firstReviewer']],
    ['approve', m('secrecyReview'), ['secrecyReviewer']],
    ['publish', m('signOff'), ['signer']],
    ['sendBack', m('scheduled'), ['signer']],
    ['unschedule', m('scheduled', ['secrecyReview']), ['secrecyReviewer']],
    ['withdraw', m('published', all, 1), ['signer', 'agencyAdmin']],
    ['releaseRegistered', m('registered'), ['officeHead', 'signer']],
    ['publishScheduled', m('scheduled'), []],
  ])('%s at %j needs one of %j', (t, machine, roles) => {
    expect(rolesFor(t, machine)).toEqual(roles);
  });
});
