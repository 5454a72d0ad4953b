/**
 * 第四十四条: information an agency has disclosed on application may become proactive disclosure — when
 * several applicants ask for the same information (第一款), or when it concerns the public interest and
 * should be widely known (第二款, on an applicant's suggestion or the agency's own view). This command turns
 * a case's disclosed information into a draft publication of the case's agency, created by the publications
 * module's own command (`createPublication`), so it goes through the usual 初审 / 保密审查 / 审签 workflow
 * before anything is public. The draft is prefilled with the information's name and 文号 only — never the
 * applicant's description, which may carry personal details — and linked back to the case
 * (`application_publication_links`), with a 「转为主动公开」 event on the case's timeline and an audit event.
 *
 * Refused, with every reason in Chinese, when the case has no reply that discloses (予以公开 / 部分公开), or
 * when the user is not an editor of the case's agency. Several publications may come from one case (an
 * application may cover several documents); the same publication is linked once.
 */
import { randomUUID } from 'node:crypto';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { chinaToday } from '../../../platform/legal-date.js';
import { type Input, readChoice, readText } from '../../../platform/validate.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { createPublication } from '../../publications/commands/create-publication.js';
import type { ApplicationCase } from '../applications.js';
import { appendEvents, findCase, updateCaseIf } from '../applications.repository.js';
import type { OutcomeCode } from '../codes.js';
import { loadCase } from '../commands/run.js';
import type { CaseState } from '../workflow.js';

export type { CommandContext };

/** 第四十四条's two grounds. */
export const PROACTIVE_GROUNDS = {
  repeatedRequests: '多个申请人就相同政府信息提出申请（第四十四条第一款）',
  publicInterest: '涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策（第四十四条第二款）',
} as const;
export type ProactiveGround = keyof typeof PROACTIVE_GROUNDS;
export const PROACTIVE_GROUND_CODES = Object.keys(PROACTIVE_GROUNDS) as ProactiveGround[];

/** The outcomes that disclose information: 表三 rows R3 (予以公开) and R4 (部分公开). */
export const DISCLOSING_OUTCOMES: readonly OutcomeCode[] = ['disclosed', 'partlyDisclosed'];
/** The reply has been sent (and possibly delivered and archived). */
const REPLIED_STATES: readonly CaseState[] = ['replied', 'delivered', 'archived'];

export const TO_PROACTIVE_ACTION = 'toProactive';
export const TO_PROACTIVE_LABEL = '转为主动公开';

/**
 * Why the user cannot turn this case's information into a publication now; empty when they can. For the
 * case page's button (disabled with these reasons) as well as for the command.
 */
export function toProactiveReasons(c: ApplicationCase, p: CommandContext['principal']): string[] {
  const out: string[] = [];
  const disclosed =
    REPLIED_STATES.includes(c.state) &&
    c.closureReason === 'replied' &&
    c.outcome !== null &&
    DISCLOSING_OUTCOMES.includes(c.outcome);
  if (!disclosed)
    out.push('本申请没有已发出的“予以公开”或“部分公开”答复，只有已答复公开的信息才能转为主动公开');
  if (!canAct(p, c.agencyId, ['editor'])) out.push('只有本单位的编辑可以将答复公开的信息转为主动公开');
  return out;
}

/** 「示民发〔2025〕12号」 → its three parts, as the publications module keeps them; null when not of that shape. */
export function splitDocNo(
  docNo: string | null,
): { docNoPrefix: string; docNoYear: string; docNoNumber: string } | null {
  if (!docNo) return null;
  const m = docNo
    .trim()
    .match(
      /^(\S{1,30}?)\s*[〔［[(（【]\s*((?:19|20|21)\d{2})\s*[〕］\])）】]\s*第?\s*0*([1-9]\d{0,5})\s*号$/u,
    );
  if (!m) return null;
  return { docNoPrefix: m[1]!, docNoYear: m[2]!, docNoNumber: m[3]! };
}

/**
 * Input: `ground` (repeatedRequests | publicInterest, required), `title` (default: the information's name
 * from the application), `columnId` (a 栏目 of the agency, optional), `note` (optional, at most 500 字).
 */
export async function draftPublicationFromCase(
  ctx: CommandContext,
  caseId: string,
  input: Input,
): Promise<{ publicationId: string }> {
  const lc = await loadCase(ctx, caseId);
  const c = lc.case;
  const reasons = toProactiveReasons(c, ctx.principal);
  if (reasons.length > 0)
    throw new AppError(
      'refused',
      `不能${TO_PROACTIVE_LABEL}：${reasons.join('；')}`,
      reasons.map((message) => ({ field: TO_PROACTIVE_ACTION, message })),
    );

  const fe = new FieldErrors();
  const ground = readChoice(fe, input, 'ground', '转为主动公开的理由', PROACTIVE_GROUND_CODES);
  const note = readText(fe, input, 'note', '说明', { max: 500 }) || null;
  const title = readText(fe, input, 'title', '标题', { max: 200 }) || c.info.title || '';
  if (!title) fe.add('title', '申请未写明所需信息的名称，请填写标题');
  const columnId = readText(fe, input, 'columnId', '栏目', { max: 64 }) || null;
  fe.throwIfAny();

  const docNo = splitDocNo(c.info.docNo);
  const pub = await createPublication(ctx, c.agencyId, {
    title,
    ...(docNo ?? {}),
    ...(columnId ? { columnId } : {}),
  });

  const { services } = ctx;
  const actor = auditActor(ctx);
  const now = services.clock.now().toISOString();
  const today = chinaToday(services.clock.now());
  const text = `${TO_PROACTIVE_LABEL}：已新建主动公开信息草稿“${title}”，经初审、保密审查和审签后发布（${PROACTIVE_GROUNDS[ground!]}）。${note ? `说明：${note}` : ''}`;
  // The case may be changed by a colleague at this very moment: its version moves, we read it again.
  for (let attempt = 0; ; attempt++) {
    const row = attempt === 0 ? lc.row : await findCase(services.db, caseId);
    try {
      await services.db.transaction().execute(async (trx) => {
        if (!row || !(await updateCaseIf(trx, caseId, Number(row.version), { updated_at: now })))
          throw new AppError('conflict', '该申请刚刚已被他人处理，请刷新后重试。');
        await trx
          .insertInto('application_publication_links')
          .values({
            id: randomUUID(),
            case_id: caseId,
            publication_id: pub.id,
            agency_id: c.agencyId,
            ground: ground!,
            note,
            created_by: ctx.principal.userId,
            created_at: now,
          })
          .execute();
        await appendEvents(trx, caseId, [
          {
            action: TO_PROACTIVE_ACTION,
            kind: TO_PROACTIVE_ACTION,
            clock: 0,
            on_date: today,
            data_json: JSON.stringify({ publicationId: pub.id, ground }),
            from_state: row.state,
            to_state: row.state,
            actor_id: actor.actorId,
            actor_label: actor.actorLabel,
            note: text,
            at: now,
          },
        ]);
        await services.audit.record(trx, actor, {
          agencyId: c.agencyId,
          action: 'application.to_proactive',
          targetType: 'application',
          targetId: caseId,
          after: { trackingNo: c.trackingNo, state: row.state, publicationId: pub.id, ground },
        });
      });
      return { publicationId: pub.id };
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict' && attempt < 3) continue;
      await discardDraft(ctx, pub.id, c.agencyId);
      throw err;
    }
  }
}

/**
 * The link could not be written: the draft just created is removed again if nobody touched it yet (still
 * the first draft version), so a retry does not leave a second, unlinked draft behind. Audited.
 */
async function discardDraft(ctx: CommandContext, publicationId: string, agencyId: string): Promise<void> {
  await ctx.services.db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('publications')
      .where('id', '=', publicationId)
      .where('state', '=', 'draft')
      .where('version', '=', 1)
      .where('round', '=', 0)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return;
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'publication.discard_draft',
      targetType: 'publication',
      targetId: publicationId,
      after: { reason: 'application link failed' },
    });
  });
}

/** The publications that came from a case, newest last (for the case page). */
export function listPublicationsFromCase(services: CommandContext['services'], caseId: string) {
  return services.db
    .selectFrom('application_publication_links')
    .innerJoin('publications', 'publications.id', 'application_publication_links.publication_id')
    .select([
      'application_publication_links.publication_id as publicationId',
      'application_publication_links.ground',
      'application_publication_links.created_at as createdAt',
      'publications.title',
      'publications.state',
    ])
    .where('application_publication_links.case_id', '=', caseId)
    .orderBy('application_publication_links.created_at')
    .orderBy('application_publication_links.id')
    .execute();
}
