/**
 * Back-office pages of 督办/意见. Thin: parse, call one command, render.
 * /admin/supervision lists what the viewer may see (a supervisor: its whole
 * subtree, with the post form; agency staff: the notes addressed to them);
 * a note's page carries the answer and close forms. Bad input re-renders the
 * form with what was typed (400); a refusal re-renders with its reason (422).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { chinaToday } from '../../../platform/legal-date.js';
import { sendPage } from '../../../platform/views/render.js';
import { canAct, readableAgencies } from '../../accounts/accounts.policy.js';
import { listAgencies } from '../../accounts/accounts.repository.js';
import { body, commandContext } from '../../accounts/routes/route-helpers.js';
import { answerNote } from '../commands/answer-note.js';
import { closeNote } from '../commands/close-note.js';
import { postNote } from '../commands/post-note.js';
import {
  ANSWER_ROLES,
  answerBlockers,
  closeBlockers,
  closeNeedsReason,
  NOTE_STATUSES,
  type NoteStatus,
  toNoteView,
} from '../supervision.js';
import { canAnswer, canClose, readableNote, supervisableAgencies } from '../supervision.policy.js';
import { findNoteWithNames, listNotes } from '../supervision.repository.js';
import { DONE_MESSAGES, NoteDetailPage, SupervisionListPage } from '../views/supervision.views.js';
import { attempt, noteAgency, noteIdOf, typedValues } from './route-helpers.js';

type Req = FastifyRequest;
const POST_FIELDS = ['agencyId', 'kind', 'subject', 'body', 'dueOn'] as const;

/** A failed submission: which form, what the user typed, and why it failed. */
interface Failed {
  form: 'post' | 'answer' | 'close';
  input: Record<string, unknown>;
  error: AppError;
}

const queryText = (req: Req, name: string) => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};
const doneMessage = (req: Req) => {
  const done = queryText(req, 'done');
  return Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
};
/** A refusal without field errors is shown as a notice. */
const noticeOf = (f?: Failed) => (f && f.error.fields.length === 0 ? f.error.message : undefined);
const formOf = (f: Failed | undefined, form: Failed['form'], fields: readonly string[]) =>
  f && f.form === form
    ? { values: typedValues(f.input, fields), errors: f.error.fields }
    : { values: {}, errors: [] };

async function showList(req: Req, reply: FastifyReply, f?: Failed) {
  const db = req.server.services.db;
  const p = req.principal!;
  const today = chinaToday(req.server.services.clock.now());
  const overseer = p.isPlatformAdmin || p.roles.has('supervisor');
  const scope = await readableAgencies(db, p);
  const inScope = (id: string) => scope === 'all' || scope.includes(id);
  const agencies = await listAgencies(db);
  const all = agencies.filter((a) => inScope(a.id)).map((a) => ({ id: a.id, name: a.name }));

  const status = queryText(req, 'status');
  const agencyId = queryText(req, 'agencyId');
  const filter = {
    status: (NOTE_STATUSES as readonly string[]).includes(status) ? status : '',
    overdue: queryText(req, 'overdue') === '1',
    agencyId: overseer && agencyId && inScope(agencyId) ? agencyId : '',
  };
  const rows = await listNotes(db, {
    agencyIds: filter.agencyId ? [filter.agencyId] : scope,
    status: (filter.status || null) as NoteStatus | null,
    overdueOn: filter.overdue ? today : null,
  });

  let post = null;
  if (p.roles.has('supervisor')) {
    const ids = new Set(await supervisableAgencies(db, p));
    const active = agencies.filter((a) => ids.has(a.id) && a.status === 'active');
    post = {
      agencies: active.map((a) => ({ id: a.id, name: a.name })),
      // The oversight table's 「发督办」 link prefills the agency and the kind.
      form: f
        ? formOf(f, 'post', POST_FIELDS)
        : {
            values: {
              agencyId: ids.has(agencyId) ? agencyId : '',
              kind: queryText(req, 'kind') === 'urge' ? 'urge' : '',
            },
            errors: [],
          },
    };
  }
  // Open notes this person answers for (its own agency, as agencyAdmin or officeHead), whatever the filter.
  const answersFor = p.agencyId && canAct(p, p.agencyId, ANSWER_ROLES) ? p.agencyId : null;
  const waiting = answersFor ? (await listNotes(db, { agencyIds: [answersFor], status: 'open' })).length : 0;
  return sendPage(req, reply, { title: '督办', area: 'admin', status: f?.error.status }, (ctx) => (
    <SupervisionListPage
      csrf={ctx.csrf}
      overseer={overseer}
      rows={rows.map(toNoteView)}
      today={today}
      filter={filter}
      filterAgencies={overseer ? all : null}
      post={post}
      waiting={waiting}
      message={f ? undefined : doneMessage(req)}
      notice={noticeOf(f)}
    />
  ));
}

async function showNote(req: Req, reply: FastifyReply, f?: Failed) {
  const db = req.server.services.db;
  const p = req.principal!;
  const note = await readableNote(db, p, noteIdOf(req));
  const view = toNoteView((await findNoteWithNames(db, note.id))!);
  const answerReasons = [
    ...(note.authorId === p.userId ? ['不能答复本人发出的意见或督办。'] : []),
    ...answerBlockers(note),
  ];
  const answer = canAnswer(p, note)
    ? { blockers: answerReasons, form: formOf(f, 'answer', ['answer']) }
    : null;
  const close = (await canClose(db, p, note))
    ? {
        blockers: closeBlockers(note),
        needsReason: closeNeedsReason(note),
        form: formOf(f, 'close', ['reason']),
      }
    : null;
  return sendPage(req, reply, { title: view.subject, area: 'admin', status: f?.error.status }, (ctx) => (
    <NoteDetailPage
      csrf={ctx.csrf}
      note={view}
      today={chinaToday(req.server.services.clock.now())}
      answer={answer}
      close={close}
      message={f ? undefined : doneMessage(req)}
      notice={noticeOf(f)}
    />
  ));
}

export async function supervisionAdminRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const noteRule = (need: 'read' | 'supervise' | typeof ANSWER_ROLES) => ({
    config: { access: access.agency(noteAgency, need) },
    schema: hide,
  });

  // Filters by the viewer's own scope, so any signed-in person may open it.
  app.get('/admin/supervision', { config: { access: access.signedIn }, schema: hide }, (req, reply) =>
    showList(req, reply),
  );

  // The target agency is a form field: the command checks it lies in the poster's subtree (else 404), so a
  // missing choice can come back as a field error instead of a bare 404.
  app.post(
    '/admin/supervision/notes',
    { config: { access: access.signedIn }, schema: hide },
    async (req, reply) => {
      const r = await attempt(() => postNote(commandContext(req), body(req)));
      if (!r.ok) return showList(req, reply, { form: 'post', input: body(req), error: r.error });
      return reply.redirect(`/admin/supervision/notes/${r.value.id}?done=posted`, 303);
    },
  );

  app.get('/admin/supervision/notes/:noteId', noteRule('read'), (req, reply) => showNote(req, reply));

  app.post('/admin/supervision/notes/:noteId/answer', noteRule(ANSWER_ROLES), async (req, reply) => {
    const r = await attempt(() => answerNote(commandContext(req), noteIdOf(req), body(req)));
    if (!r.ok) return showNote(req, reply, { form: 'answer', input: body(req), error: r.error });
    return reply.redirect(`/admin/supervision/notes/${r.value.id}?done=answered`, 303);
  });

  app.post('/admin/supervision/notes/:noteId/close', noteRule('supervise'), async (req, reply) => {
    const r = await attempt(() => closeNote(commandContext(req), noteIdOf(req), body(req)));
    if (!r.ok) return showNote(req, reply, { form: 'close', input: body(req), error: r.error });
    return reply.redirect(`/admin/supervision/notes/${r.value.id}?done=closed`, 303);
  });
}
