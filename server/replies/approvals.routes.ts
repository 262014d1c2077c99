import { Router } from 'express';
import { z } from 'zod';
import type { ReplyResponse } from '../../shared/api';
import {
  approveReplyRequestSchema,
  resubmitReplyRequestSchema,
  returnReplyRequestSchema,
  type ApprovalListResponse,
} from '../../shared/supervision';
import type { ThreadAccess } from '../access/thread-access';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import type { Logger } from '../logger';
import type { DeskQueues } from '../queues/queues';
import type { AgentNotifier } from '../realtime/agent-notifier';
import { loadMessageView, loadThreadSummary } from '../threads/threads.service';
import { approveReply, listAwaitingApproval, loadApprovalView, resubmitReply, returnReply } from './reply-approval';

const messageIdSchema = z.string().uuid('not a message id');

export interface ApprovalRoutesDependencies {
  db: Database;
  queues: DeskQueues;
  notifier: AgentNotifier;
  access: ThreadAccess;
  blockedPhrases: string[];
  logger: Logger;
}

/** Tells supervisors and the author where a held reply stands. */
export async function announceApproval(db: Database, notifier: AgentNotifier, messageId: string): Promise<void> {
  const approval = await loadApprovalView(db, messageId);
  if (approval) notifier.approvalUpdated(approval);
}

/**
 * Replies held for approval: supervisors list them, approve (as written or edited) or return
 * them with a comment; the author edits a returned reply and resubmits it.
 */
export function createApprovalRoutes({ db, queues, notifier, access, blockedPhrases, logger }: ApprovalRoutesDependencies): Router {
  const router = Router();

  // A supervisor decides only on replies in threads they may read.
  const refuseUnreadable = async (agentId: string, messageId: string) => {
    const message = await loadMessageView(db, messageId);
    if (!message) throw new HttpError(404, 'reply_not_found', 'No such reply.');
    if ((await access.verdict(agentId, message.threadId)) !== 'readable') throw new HttpError(403, 'forbidden', 'This thread is restricted.');
  };

  // Supervisors and the author hear of the decision; everyone reading the thread sees the reply change.
  const respond = async (messageId: string, threadId: string) => {
    await announceApproval(db, notifier, messageId);
    const message = await loadMessageView(db, messageId);
    if (!message) throw new Error('Reviewed reply could not be read back');
    notifier.messageUpdated(message);
    const thread = await loadThreadSummary(db, threadId, false);
    if (thread) notifier.threadUpdated(thread);
    return { message } satisfies ReplyResponse;
  };

  router.get('/', async (_request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    response.json({ approvals: await listAwaitingApproval(db, agent.id, access) } satisfies ApprovalListResponse);
  });

  router.post('/:messageId/approve', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const messageId = parseRequest(messageIdSchema, request.params.messageId);
    const { text } = parseRequest(approveReplyRequestSchema, request.body ?? {});
    await refuseUnreadable(agent.id, messageId);
    const { threadId } = await approveReply(db, agent, messageId, text, blockedPhrases);
    try {
      await queues.outbound.add('send-reply', { messageId }, { jobId: `reply__${messageId}` });
    } catch (error) {
      // Stored as queued: the stuck-reply sweep enqueues it once Redis answers again.
      logger.error({ err: error, threadId, messageId }, 'approved reply not queued; the sweep will retry');
    }
    response.json(await respond(messageId, threadId));
  });

  router.post('/:messageId/return', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const messageId = parseRequest(messageIdSchema, request.params.messageId);
    const { comment } = parseRequest(returnReplyRequestSchema, request.body);
    await refuseUnreadable(agent.id, messageId);
    const { threadId } = await returnReply(db, agent, messageId, comment);
    response.json(await respond(messageId, threadId));
  });

  router.post('/:messageId/resubmit', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const messageId = parseRequest(messageIdSchema, request.params.messageId);
    const { text } = parseRequest(resubmitReplyRequestSchema, request.body);
    const { threadId } = await resubmitReply(db, agent, messageId, text, blockedPhrases);
    response.json(await respond(messageId, threadId));
  });

  return router;
}
