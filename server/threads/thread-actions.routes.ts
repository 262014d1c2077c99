import { Router } from 'express';
import { z } from 'zod';
import { assignmentRequestSchema, mergeRequestSchema, noteRequestSchema, statusRequestSchema, tagsRequestSchema, type ReplyResponse, type ThreadListResponse, type ThreadResponse } from '../../shared/api';
import { assignThread } from '../assignment/assign-thread';
import type { ThreadAccess } from '../access/thread-access';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import { addNote } from '../notes/add-note';
import { notifyMentioned } from '../notes/notify-mentioned';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { changeThreadStatus } from './change-status';
import type { ThreadRouting } from '../routing/thread-routing';
import { mergeThreads } from './merge-threads';
import { setThreadTags } from './set-tags';
import { listContactHistory, loadMessageView, loadThreadSummary } from './threads.service';

const threadIdSchema = z.string().uuid('not a thread id');

/** Tells every agent about the thread as it now is, and answers with it. */
export async function publishThread(db: Database, notifier: AgentNotifier, threadId: string): Promise<ThreadResponse> {
  const thread = await loadThreadSummary(db, threadId, false);
  if (!thread) throw new HttpError(404, 'thread_not_found', 'No such thread.');
  notifier.threadUpdated(thread);
  return { thread };
}

/** What agents do to a thread besides replying: take or assign it, move its status, note, tag; and the contact's history. */
export function createThreadActionRoutes(db: Database, notifier: AgentNotifier, access: ThreadAccess, routing?: ThreadRouting): Router {
  const router = Router();

  router.post('/:threadId/take', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(threadIdSchema, request.params.threadId);
    await assignThread(db, agent, threadId, { assigneeId: agent.id });
    response.json(await publishThread(db, notifier, threadId));
  });

  router.post('/:threadId/assignment', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(threadIdSchema, request.params.threadId);
    await assignThread(db, agent, threadId, parseRequest(assignmentRequestSchema, request.body));
    response.json(await publishThread(db, notifier, threadId));
    void routing?.routeWaiting(); // a thread back in the queue, or capacity freed
  });

  router.post('/:threadId/status', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(threadIdSchema, request.params.threadId);
    await changeThreadStatus(db, agent, threadId, parseRequest(statusRequestSchema, request.body));
    response.json(await publishThread(db, notifier, threadId));
    void routing?.routeWaiting(); // a closed or pending thread frees a place
  });

  router.post('/:threadId/notes', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(threadIdSchema, request.params.threadId);
    const note = await addNote(db, threadId, agent.id, parseRequest(noteRequestSchema, request.body));
    const message = await loadMessageView(db, note.messageId);
    if (!message) throw new Error('Stored note could not be read back');
    if (note.isNew) {
      notifier.messageCreated(message);
      await notifyMentioned(db, notifier, access, { message, authorId: agent.id, authorName: agent.name });
    }
    response.status(note.isNew ? 201 : 200).json({ message } satisfies ReplyResponse);
  });

  router.put('/:threadId/tags', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(threadIdSchema, request.params.threadId);
    await setThreadTags(db, agent.id, threadId, parseRequest(tagsRequestSchema, request.body));
    response.json(await publishThread(db, notifier, threadId));
  });

  router.post('/:threadId/merge', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const sourceId = parseRequest(threadIdSchema, request.params.threadId);
    const { intoThreadId } = parseRequest(mergeRequestSchema, request.body);
    const systemMessageId = await mergeThreads(db, agent.id, sourceId, intoThreadId);
    const message = await loadMessageView(db, systemMessageId);
    if (message) notifier.messageCreated(message);
    await publishThread(db, notifier, sourceId);
    response.json(await publishThread(db, notifier, intoThreadId));
  });

  /** The same person's other threads. */
  router.get('/:threadId/history', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threads = await listContactHistory(db, parseRequest(threadIdSchema, request.params.threadId), agent.id, access);
    if (!threads) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    response.json({ threads } satisfies ThreadListResponse);
  });

  return router;
}
