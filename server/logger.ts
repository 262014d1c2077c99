import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs, one event per line. Message text and personal data never go in at info level:
 * log ids (thread, message, job), never what a member of the public wrote.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'social-desk' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.text'], remove: true },
  });
}
