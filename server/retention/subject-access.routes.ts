import { Router } from 'express';
import { z } from 'zod';
import type { ThreadAccess } from '../access/thread-access';
import { recordAudit } from '../audit/audit';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { parseRequest } from '../http/validation';
import { exportSubjectAccess } from './subject-access';

/** Subject-access exports, for supervisors and admins (mounted behind requireRole); each one is audited. */
export function createSubjectAccessRoutes(db: Database, access: ThreadAccess): Router {
  const router = Router();
  router.get('/:contactId/subject-access', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const contactId = parseRequest(z.string().uuid(), request.params.contactId);
    const bundle = await exportSubjectAccess(db, access, contactId, agent.id);
    await recordAudit(db, {
      action: 'contact.subject_access_exported',
      actorAgentId: agent.id,
      details: {
        contactId,
        threads: bundle.threads.length,
        messages: bundle.threads.reduce((sum, thread) => sum + thread.messages.length, 0),
        withheldRestrictedThreads: bundle.withheldRestrictedThreads,
      },
    });
    response.attachment(`subject-access-${contactId}.json`).json(bundle);
  });
  return router;
}
