import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { AuthenticatedLocals } from '../auth/session';
import { HttpError } from '../http/errors';
import type { ThreadAccess } from './thread-access';

const threadIdSchema = z.string().uuid();

/**
 * Guards every `/threads/:threadId…` route at once — reading, replying, notes, assignment, tags,
 * escalation, history — so no new route can forget need-to-know. 404 for a thread that does not
 * exist, 403 for a restricted one the agent is not cleared for.
 */
export function requireReadableThread(access: ThreadAccess): RequestHandler {
  return async (request, _response, next) => {
    const { agent } = _response.locals as AuthenticatedLocals;
    const threadId = threadIdSchema.safeParse(request.params.threadId);
    if (!threadId.success) return next(); // the route answers 400 for a malformed id
    const verdict = await access.verdict(agent.id, threadId.data);
    if (verdict === 'missing') return next(new HttpError(404, 'thread_not_found', 'No such thread.'));
    if (verdict === 'forbidden') {
      return next(
        new HttpError(403, 'thread_restricted', 'This thread is restricted: only its assignee, its team and the team cleared for its category can read it.'),
      );
    }
    next();
  };
}
