import express, { Router, type Request } from 'express';
import { normaliseReport, normaliseReportAddition, WEBSITE_ACCOUNT_ID, type VisitorTokens } from '../../connectors/webchat';
import { inboundJobId, type InboundEvent } from '../../shared/inbound';
import {
  reportAdditionRequestSchema,
  reportLookupRequestSchema,
  reportRequestSchema,
  type ChatHistory,
  type ChatSessionResponse,
  type PublicConfig,
  type ReportReceipt,
} from '../../shared/public-contact';
import type { DeskConfig } from '../config';
import type { Database } from '../db/database';
import { isWithinDeskHours } from './desk-hours';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import type { Logger } from '../logger';
import type { DeskQueues } from '../queues/queues';
import { findReportByReference, loadPublicLines, waitForConversationThread } from './public-threads';
import type { PublicRateLimits, RateLimitName } from './rate-limits';

export interface PublicRoutesDependencies {
  db: Database;
  queues: DeskQueues;
  tokens: VisitorTokens;
  limits: PublicRateLimits;
  publicContact: DeskConfig['publicContact'];
  logger: Logger;
}

/** Small bodies only: the longest report is a few pages of text. */
export const PUBLIC_BODY_LIMIT = '32kb';

/**
 * `/api/public`: what the force's web chat and report form call, without a session. Like a
 * webhook, a submission is validated and queued; the worker stores it and opens the thread.
 */
export function createPublicRoutes(dependencies: PublicRoutesDependencies): Router {
  const { db, tokens, publicContact } = dependencies;
  const router = Router();
  router.use(express.json({ limit: PUBLIC_BODY_LIMIT }));
  router.use((_request, response, next) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/config', (_request, response) => {
    response.json({
      quickExitUrl: publicContact.quickExitUrl,
      deskHours: publicContact.deskHours,
      isOpenNow: isWithinDeskHours(publicContact.deskHours, new Date()),
      outOfHoursMessage: publicContact.outOfHoursMessage,
    } satisfies PublicConfig);
  });

  router.post('/chat/session', async (request, response) => {
    await requireAllowance(dependencies.limits, 'chatSessionsPerIp', clientAddress(request));
    const { token } = tokens.issue();
    response.status(201).json({ token } satisfies ChatSessionResponse);
  });

  router.post('/reports', async (request, response) => {
    await requireAllowance(dependencies.limits, 'reportsPerIp', clientAddress(request));
    const report = parseRequest(reportRequestSchema, request.body);
    const { conversationId } = tokens.issue();
    const teamName = publicContact.reportTeams[report.type];
    await enqueue(dependencies, normaliseReport(WEBSITE_ACCOUNT_ID, conversationId, report, new Date(), teamName));
    const thread = await waitForConversationThread(db, 'report_form', conversationId);
    if (!thread) {
      // Queued, so not lost: the desk will see it. But the reporter needs a reference now.
      dependencies.logger.warn({ conversationId }, 'online report queued but its thread did not appear in time');
      throw new HttpError(503, 'reference_delayed', 'Your report was received but we could not give you a reference yet.');
    }
    response.status(201).json({ reference: thread.reference, code: tokens.reportCode(conversationId) } satisfies ReportReceipt);
  });

  router.post('/reports/lookup', async (request, response) => {
    const thread = await findReportWithCode(dependencies, request, request.body);
    response.json({ reference: thread.reference, lines: await loadPublicLines(db, thread.id) } satisfies ChatHistory);
  });

  router.post('/reports/additions', async (request, response) => {
    const addition = parseRequest(reportAdditionRequestSchema, request.body);
    const thread = await findReportWithCode(dependencies, request, addition);
    await enqueue(dependencies, normaliseReportAddition(WEBSITE_ACCOUNT_ID, thread.conversationId, addition, new Date()));
    response.status(202).json({ reference: thread.reference });
  });

  return router;
}

async function findReportWithCode(dependencies: PublicRoutesDependencies, request: Request, body: unknown) {
  await requireAllowance(dependencies.limits, 'reportAccessPerIp', clientAddress(request));
  const { reference, code } = parseRequest(reportLookupRequestSchema, body);
  const thread = await findReportByReference(dependencies.db, reference);
  // One answer for "no such reference" and "wrong code": neither tells a guesser which was wrong.
  if (!thread || !dependencies.tokens.isReportCode(thread.conversationId, code)) {
    throw new HttpError(404, 'report_not_found', 'No report matches that reference and code.');
  }
  return thread;
}

async function enqueue(dependencies: PublicRoutesDependencies, event: InboundEvent) {
  try {
    await dependencies.queues.inbound.add(`${event.channel}-message`, event, { jobId: inboundJobId(event) });
  } catch (error) {
    dependencies.logger.error({ err: error, channel: event.channel }, 'public submission not enqueued');
    throw new HttpError(503, 'queue_unavailable', 'We could not take this just now; please try again.');
  }
}

async function requireAllowance(limits: PublicRateLimits, name: RateLimitName, key: string) {
  if (!(await limits.allows(name, key))) {
    throw new HttpError(429, 'rate_limited', 'Too many attempts. Please wait a few minutes and try again.');
  }
}

function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
