import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import type { UploadResponse } from '../../shared/media';
import type { AuthenticatedLocals } from '../auth/session';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { parseRequest } from '../http/validation';
import { loadUpload, storeUpload, threadsShowingUpload, tooLarge } from './uploads.service';
import type { ThreadAccess } from '../access/thread-access';
import { recordAudit } from '../audit/audit';

const idSchema = z.string().uuid('not an id');

/**
 * `/api/uploads`: an agent sends an image's bytes as the request body (any Content-Type; the
 * bytes decide), and gets back the id a reply or broadcast names. Staff read it back by id.
 */
export function createUploadRoutes(db: Database, access: ThreadAccess, options: { maxBytes: number }): Router {
  const router = Router();
  // One byte over the limit is enough to know it is too large; body-parser stops reading there.
  const readBytes = express.raw({ type: () => true, limit: options.maxBytes + 1 });
  const explainTooLarge: ErrorRequestHandler = (error: { type?: string }, _request, _response, next) => {
    next(error?.type === 'entity.too.large' ? tooLarge(options.maxBytes) : error);
  };

  router.post('/', readBytes, explainTooLarge, async (request: Request, response: Response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const upload = await storeUpload(db, agent.id, bytes, options.maxBytes);
    response.status(201).json({ upload } satisfies UploadResponse);
  });
  router.get('/:id', async (request, response) => {
    const { agent } = response.locals as AuthenticatedLocals;
    const uploadId = parseRequest(idSchema, request.params.id);
    const image = await loadUpload(db, uploadId);
    if (!image) throw new HttpError(404, 'upload_not_found', 'No such image.');
    // An image sent on a restricted thread is as need-to-know as the thread's words.
    for (const { threadId, restricted } of await threadsShowingUpload(db, uploadId)) {
      if ((await access.verdict(agent.id, threadId)) !== 'readable') throw new HttpError(403, 'thread_restricted', 'This image belongs to a restricted thread.');
      if (restricted) await recordAudit(db, { action: 'thread.restricted_viewed', actorAgentId: agent.id, threadId, details: { uploadId } });
    }
    response.setHeader('Content-Type', image.contentType);
    // Served as exactly the type its bytes were checked to be, never sniffed into HTML by a browser.
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'");
    response.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    response.end(image.data);
  });
  return router;
}
