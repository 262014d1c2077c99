import express, { Router } from 'express';
import { answerSubscriptionChallenge, isSignedByMeta, MalformedWebhookError, normaliseWebhook } from '../../connectors/facebook';
import type { PlatformEvent } from '../../shared/inbound';
import type { FacebookConfig } from '../config';
import { readWebhookBody } from './webhook-body';
import { subscriptionChallengeQuerySchema } from './webhook-queries';
import { parseRequest } from '../http/validation';
import { HttpError } from '../http/errors';
import type { Logger } from '../logger';

/**
 * Messenger webhooks. The handler only verifies, normalises, enqueues and answers: it never
 * touches the database, so it stays fast and a slow database never makes Meta retry.
 */
export function createFacebookWebhookRoutes(
  config: FacebookConfig,
  enqueueInbound: (events: PlatformEvent[]) => Promise<void>,
  logger: Logger,
  bodyLimit: string,
): Router {
  const router = Router();

  router.get('/', (request, response) => {
    const answer = answerSubscriptionChallenge(parseRequest(subscriptionChallengeQuerySchema, request.query), config.verifyToken);
    if (!answer.accepted) throw new HttpError(403, 'verification_failed', 'Verify token does not match.');
    response.type('text/plain').send(answer.challenge);
  });

  router.post('/', express.raw({ type: () => true, limit: bodyLimit }), async (request, response) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!isSignedByMeta(rawBody, request.get('x-hub-signature-256'), config.appSecret)) {
      logger.warn({ bytes: rawBody.length }, 'facebook webhook refused: bad signature');
      throw new HttpError(403, 'bad_signature', 'X-Hub-Signature-256 does not match the body.');
    }
    const normalised = readWebhookBody(rawBody, normaliseWebhook, (error) => error instanceof MalformedWebhookError);
    if (normalised.skipped.length > 0) logger.info({ skipped: normalised.skipped }, 'facebook webhook events skipped');
    try {
      await enqueueInbound(normalised.events);
    } catch (error) {
      // Not 200, so Meta delivers the event again later: nothing is lost.
      logger.error({ err: error, events: normalised.events.length }, 'facebook webhook not enqueued');
      throw new HttpError(503, 'queue_unavailable', 'Could not queue the events; deliver again.');
    }
    response.status(200).type('text/plain').send('EVENT_RECEIVED');
  });

  return router;
}
