/** JSON API of 督办/意见. Thin: parse, call one command or query, present. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { access } from '../../../platform/http/access.js';
import { chinaToday } from '../../../platform/legal-date.js';
import { ErrorSchema } from '../../accounts/accounts.schemas.js';
import { body, commandContext } from '../../accounts/routes/route-helpers.js';
import { answerNote } from '../commands/answer-note.js';
import { closeNote } from '../commands/close-note.js';
import { postNote } from '../commands/post-note.js';
import { ANSWER_ROLES, type NoteStatus, toNoteView } from '../supervision.js';
import { presentNote } from '../supervision.presenter.js';
import { findNoteWithNames, listNotes } from '../supervision.repository.js';
import {
  AnswerInputSchema,
  CloseInputSchema,
  NoteInputSchema,
  NoteListQuerySchema,
  NoteSchema,
} from '../supervision.schemas.js';
import { noteAgency, noteIdOf } from './route-helpers.js';

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
};
const agencyParam = Type.Object({ agencyId: Type.String({ description: '被督办单位ID' }) });
const noteParam = Type.Object({ noteId: Type.String({ description: '意见或督办ID' }) });
const agencyOf = (req: FastifyRequest) => (req.params as { agencyId: string }).agencyId;

export async function supervisionApiRoutes(app: FastifyInstance) {
  const { services } = app;
  const tags = ['supervision'];
  const today = () => chinaToday(services.clock.now());
  const presented = async (id: string) =>
    presentNote(toNoteView((await findNoteWithNames(services.db, id))!), today());

  app.get(
    '/api/v1/agencies/:agencyId/supervision-notes',
    {
      config: { access: access.agency(agencyOf, 'read') },
      schema: {
        tags,
        summary: '单位收到的意见和督办（新的在前）',
        params: agencyParam,
        querystring: NoteListQuerySchema,
        response: { 200: Type.Object({ items: Type.Array(NoteSchema) }), ...errors },
      },
    },
    async (req) => {
      const q = req.query as { status?: NoteStatus; overdue?: boolean };
      const rows = await listNotes(services.db, {
        agencyIds: [agencyOf(req)],
        status: q.status ?? null,
        overdueOn: q.overdue ? today() : null,
      });
      return { items: rows.map((r) => presentNote(toNoteView(r), today())) };
    },
  );

  app.post(
    '/api/v1/agencies/:agencyId/supervision-notes',
    {
      config: { access: access.agency(agencyOf, 'supervise') },
      schema: {
        tags,
        summary: '主管部门向督导范围内的单位发出意见或督办',
        params: agencyParam,
        body: NoteInputSchema,
        response: { 201: NoteSchema, ...errors },
      },
    },
    async (req, reply) => {
      const note = await postNote(commandContext(req), { ...body(req), agencyId: agencyOf(req) });
      return reply.status(201).send(await presented(note.id));
    },
  );

  app.get(
    '/api/v1/supervision-notes/:noteId',
    {
      config: { access: access.agency(noteAgency, 'read') },
      schema: {
        tags,
        summary: '一项意见或督办',
        params: noteParam,
        response: { 200: NoteSchema, ...errors },
      },
    },
    async (req) => presented(noteIdOf(req)),
  );

  app.post(
    '/api/v1/supervision-notes/:noteId/answer',
    {
      config: { access: access.agency(noteAgency, ANSWER_ROLES) },
      schema: {
        tags,
        summary: '被督办单位答复（单位管理员或公开办负责人）',
        params: noteParam,
        body: AnswerInputSchema,
        response: { 200: NoteSchema, ...errors },
      },
    },
    async (req) => presented((await answerNote(commandContext(req), noteIdOf(req), body(req))).id),
  );

  app.post(
    '/api/v1/supervision-notes/:noteId/close',
    {
      config: { access: access.agency(noteAgency, 'supervise') },
      schema: {
        tags,
        summary: '主管部门办结（已答复的，或说明理由）',
        params: noteParam,
        body: CloseInputSchema,
        response: { 200: NoteSchema, ...errors },
      },
    },
    async (req) => presented((await closeNote(commandContext(req), noteIdOf(req), body(req))).id),
  );
}
