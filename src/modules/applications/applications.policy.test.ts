/** The policy's reasons, in plain Chinese, for the buttons of the case page (pure: no database). */
import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../accounts/accounts.js';
import type { ApplicationCase, Letter } from './applications.js';
import { availableActions, failureReasons, NO_FACTS } from './applications.policy.js';

const AGENCY = 'agency-a';
const person = (userId: string, roles: Role[], agencyId = AGENCY): Principal => ({
  userId,
  username: userId,
  displayName: userId,
  agencyId,
  roles: new Set(roles),
  isPlatformAdmin: false,
});

function aCase(over: Partial<ApplicationCase> = {}): ApplicationCase {
  return {
    id: 'c1',
    agencyId: AGENCY,
    trackingNo: 'YSQ-2026-000001',
    channel: 'online',
    applicantKind: 'person',
    state: 'inProgress',
    version: 1,
    submittedAt: '2026-03-02T02:00:00.000Z',
    arrivedOn: '2026-03-02' as never,
    receivedOn: '2026-03-02' as never,
    confirmedAt: null,
    confirmedBy: null,
    clock: {
      startOn: null,
      dueOn: null,
      state: 'running',
      correctionDeadline: null,
      feePaymentDeadline: null,
      asOf: null,
      provisional: false,
    },
    outcome: null,
    outcomeBasis: null,
    closedOn: null,
    closureReason: null,
    handlerId: 'handler',
    assignedAt: null,
    info: {
      title: null,
      docNo: null,
      indexNo: null,
      description: '某文件',
      purpose: null,
      forms: [],
      deliveryMethods: ['email'],
      acceptOtherForm: false,
    },
    items: 1,
    possibleRepeatOf: null,
    notOurs: null,
    forwardedFromId: null,
    forwardedToId: null,
    replyRound: 0,
    redoDueOn: null,
    archivedAt: null,
    createdBy: null,
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

const draft = (draftedBy: string): Letter =>
  ({ id: 'l1', kind: 'reply', status: 'draft', draftedBy, replyRound: 0, superseded: false }) as Letter;

describe('failureReasons', () => {
  const handler = person('handler', ['caseHandler']);
  it('says what state and which role an action needs', () => {
    expect(failureReasons('approveReply', aCase(), handler)).toEqual([
      '当前状态为“办理中”，不能审签答复',
      '需要“审签领导”角色',
    ]);
    expect(
      failureReasons('claim', aCase({ state: 'received', handlerId: null }), person('x', ['editor'])),
    ).toEqual(['需要“依申请办理”角色']);
    expect(failureReasons('requestCorrection', aCase(), person('y', ['caseHandler'], 'agency-b'))).toEqual([
      '只有本单位工作人员可以办理',
    ]);
  });

  it('keeps the case with its handler, except for the office head', () => {
    const other = person('other', ['caseHandler']);
    expect(failureReasons('draftReply', aCase(), other)).toEqual([
      '本申请已分办给其他工作人员，只有承办人或公开办负责人可以办理',
    ]);
    expect(failureReasons('draftReply', aCase(), person('head', ['officeHead']))).toEqual([]);
    expect(failureReasons('draftReply', aCase(), handler)).toEqual([]);
  });

  it('never lets the drafter sign off the reply', () => {
    const c = aCase({ state: 'replyDrafted' });
    const facts = { ...NO_FACTS, reply: draft('both') };
    expect(failureReasons('approveReply', c, person('both', ['caseHandler', 'signer']), facts)).toEqual([
      '不能审核本人经手的内容：答复审签须由其他人员完成。',
    ]);
    expect(failureReasons('approveReply', c, person('signer', ['signer']), facts)).toEqual([]);
    expect(failureReasons('approveReply', c, person('signer', ['signer']))).toEqual(['没有待审签的答复稿']);
  });

  it('explains system and applicant actions, forwarding and 重新答复', () => {
    expect(failureReasons('closeFeeUnpaid', aCase({ state: 'awaitingFee' }), handler)).toEqual([
      '由系统自动执行',
    ]);
    expect(failureReasons('submitOnline', aCase(), handler)).toEqual(['由申请人办理']);
    expect(failureReasons('forward', aCase({ state: 'replied' }), handler)).toEqual([
      '只有答复“非本机关负责公开”的申请可以转送',
    ]);
    expect(
      failureReasons(
        'forward',
        aCase({ state: 'replied', notOurs: { agencyId: null, name: '某局', contact: '电话' } }),
        handler,
      ),
    ).toEqual(['负责公开的机关不在本平台，不能转送，请告知申请人向该机关申请']);
    expect(failureReasons('redoReply', aCase({ state: 'delivered' }), handler)).toEqual([
      '只有行政复议决定或判决予以纠正的，才需要重新答复：请先登记复议或诉讼结果',
    ]);
  });
});

describe('availableActions', () => {
  it('lists the staff actions with whether each is possible and why not', () => {
    const list = availableActions(aCase(), person('handler', ['caseHandler']), NO_FACTS);
    const allowed = list.filter((a) => a.allowed).map((a) => a.action);
    expect(allowed).toEqual([
      'requestCorrection',
      'closeNotOurs',
      'sendConsultation',
      'sendFeeNotice',
      'draftReply',
      'recordLetterDelivery',
      'withdraw',
      'recordAppeal',
    ]);
    expect(list.find((a) => a.action === 'grantExtension')).toEqual({
      action: 'grantExtension',
      label: '延长答复期限',
      allowed: false,
      reasons: ['需要“公开办负责人”角色'],
    });
    // Never offered: creation, the platform's own closures.
    for (const a of ['submitOnline', 'registerOffline', 'closeCorrectionOverdue', 'closeFeeUnpaid'])
      expect(list.map((x) => x.action)).not.toContain(a);
  });
});
