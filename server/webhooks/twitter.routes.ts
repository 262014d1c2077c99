import express, { Router } from 'express';
import { crcResponseToken, isSignedByX, MalformedActivityError, normaliseAccountActivity } from '../../connectors/twitter';
import type { PlatformEvent } from '../../shared/inbound';
import type { TwitterConfig } from '../config';
import { readWebhookBody } from './webhook-body';
import { crcQuerySchema } from './webhook-queries';
import { parseRequest } from '../http/validation';
import { HttpError } from '../http/errors';
import type { Logger } from '../logger';

/**
 * X Account Activity webhooks (contracts/platforms.md §6). Like every webhook handler: verify,
 * normalise, enqueue, answer; never the database. X gives up after 3 s and retries only on
 * Enterprise, so the poller is what catches a delivery missed here.
 */
export function createTwitterWebhookRoutes(
  config: TwitterConfig,
  enqueueInbound: (events: PlatformEvent[]) => Promise<void>,
  logger: Logger,
  bodyLimit: string,
): Router {
  const router = Router();

  router.get('/', (request, response) => {
    const { crc_token: crcToken } = parseRequest(crcQuerySchema, request.query);
    response.json({ response_token: crcResponseToken(crcToken, config.consumerSecret) });
  });

  router.post('/', express.raw({ type: () => true, limit: bodyLimit }), async (request, response) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!isSignedByX(rawBody, request.get('x-twitter-webhooks-signature'), config.consumerSecret)) {
      logger.warn({ bytes: rawBody.length }, 'x webhook refused: bad signature');
      throw new HttpError(403, 'bad_signature', 'x-twitter-webhooks-signature does not match the body.');
    }
    const normalised = readWebhookBody(
      rawBody,
      (payload) => normaliseAccountActivity(payload, config.userId),
      (error) => error instanceof MalformedActivityError,
    );
    if (normalised.skipped.length > 0 || normalised.ownSends.length > 0) {
      logger.info({ skipped: normalised.skipped, ownSends: normalised.ownSends.length }, 'x webhook events skipped');
    }
    try {
      await enqueueInbound(normalised.events);
    } catch (error) {
      // Not 200: the poller reads the same DM again, and an Enterprise account is redelivered.
      logger.error({ err: error, events: normalised.events.length }, 'x webhook not enqueued');
      throw new HttpError(503, 'queue_unavailable', 'Could not queue the events; deliver again.');
    }
    response.status(200).end();
  });

  return router;
}
