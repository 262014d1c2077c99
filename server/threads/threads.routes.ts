import { Router } from 'express';
import { z } from 'zod';
import { replyRequestSchema, threadListQuerySchema, type ReplyResponse, type ThreadListResponse } from '../../shared/api';
import type { ThreadAccess } from '../access/thread-access';
import { recordAudit } from '../audit/audit';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import type { Logger } from '../logger';
import type { DeskQueues } from '../queues/queues';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { refuseBlockedPhrases } from '../policy/blocked-phrases';
import { createReply } from '../replies/create-reply';
import { announceApproval } from '../replies/approvals.routes';
import type { TriageCategory } from '../../shared/constants';
import { listThreadPage, loadMessageView, loadThreadSummary, openThread } from './threads.service';

const threadIdSchema = z.string().uuid('not a thread id');

export interface ThreadRoutesDependencies {
  db: Database;
  queues: DeskQueues;
  notifier: AgentNotifier;
  access: ThreadAccess;
  /** Words and phrases no reply may contain (BLOCKED_PHRASES). */
  blockedPhrases: string[];
  /** Categories whose threads' replies wait for approval (APPROVAL_CATEGORIES). */
  approvalCategories?: TriageCategory[];
  logger: Logger;
}

export function createThreadRoutes({ db, queues, notifier, access, blockedPhrases, approvalCategories = [], logger }: ThreadRoutesDependencies): Router {
  const router = Router();

  router.get('/', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const query = parseRequest(threadListQuerySchema, request.query);
    if (query.view === 'team' && !query.teamId) throw new HttpError(400, 'invalid_request', 'teamId: required for the team view');
    response.json((await listThreadPage(db, agent.id, access, query)) satisfies ThreadListResponse);
  });

  router.get('/:threadId', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(threadIdSchema, request.params.threadId);
    const detail = await openThread(db, threadId, agent.id);
    if (!detail) throw new HttpError(404, 'thread_not_found', 'No such thread.');
    // Every reading of a restricted thread is on the record.
    if (detail.thread.restricted) await recordAudit(db, { action: 'thread.restricted_viewed', actorAgentId: agent.id, threadId });
    response.json(detail);
  });

  router.post('/:threadId/replies', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const threadId = parseRequest(threadIdSchema, request.params.threadId);
    const replyRequest = parseRequest(replyRequestSchema, request.body);
    refuseBlockedPhrases(replyRequest.text, blockedPhrases);
    const reply = await createReply(db, threadId, agent.id, replyRequest, approvalCategories);
    if (reply.isAwaitingSend) {
      // The job id makes a retried request (same client id) enqueue the send once.
      try {
        await queues.outbound.add('send-reply', { messageId: reply.messageId }, { jobId: `reply__${reply.messageId}` });
      } catch (error) {
        logger.error({ err: error, threadId, messageId: reply.messageId }, 'reply stored but not queued');
        throw new HttpError(503, 'queue_unavailable', 'The reply is saved but could not be queued; send it again.');
      }
    }
    const message = await loadMessageView(db, reply.messageId);
    if (!message) throw new Error('Stored reply could not be read back');
    if (reply.isNew) {
      notifier.messageCreated(message);
      const thread = await loadThreadSummary(db, threadId, false);
      if (thread) notifier.threadUpdated(thread);
      if (reply.isAwaitingApproval) await announceApproval(db, notifier, reply.messageId);
    }
    response.status(reply.isNew ? 201 : 200).json({ message } satisfies ReplyResponse);
  });

  return router;
}
