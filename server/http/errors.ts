import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorResponse } from '../../shared/api';
import type { Logger } from '../logger';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: string, message: string): ErrorResponse {
  return { error: { code, message } };
}

export const notFoundHandler: RequestHandler = (_request, response) => {
  response.status(404).json(errorBody('not_found', 'No such route'));
};

/** Every error leaves as `{ error: { code, message } }` with its status; unexpected ones are logged once. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    if (error instanceof HttpError) {
      response.status(error.status).json(errorBody(error.code, error.message));
      return;
    }
    // body-parser's errors carry a status and a type (entity.too.large, entity.parse.failed…)
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 400 && status < 500) {
      response.status(status).json(errorBody(String(error.type ?? 'bad_request').replace(/\./g, '_'), error.message));
      return;
    }
    logger.error({ err: error, method: request.method, path: request.path }, 'request failed');
    response.status(500).json(errorBody('internal_error', 'Something went wrong; it has been logged.'));
  };
}
