import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Credentials by the names they have in the configuration and in HTTP clients' error objects.
const SECRET_KEYS = [
  'password',
  'secret',
  'pageAccessToken',
  'appSecret',
  'verifyToken',
  'consumerKey',
  'consumerSecret',
  'accessToken',
  'accessTokenSecret',
  'clientSecret',
  'access_token',
  'client_secret',
];

/**
 * Structured logs, one event per line. Message text and personal data never go in at info level:
 * log ids (thread, message, job), never what a member of the public wrote. Credentials never go in
 * at all: secret-named fields are removed, and an HTTP client's error (axios keeps the request's
 * headers, with the Page token, and its body, with the reply text) is cut down to what it means.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'social-desk' },
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', '*.text', ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`])],
        remove: true,
      },
      serializers: { err: serializeError },
    },
    destination,
  );
}

const HTTP_CLIENT_FIELDS = new Set(['config', 'request', 'response', 'headers']);

function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  const safe = Object.fromEntries(Object.entries(serialized).filter(([key]) => !HTTP_CLIENT_FIELDS.has(key)));
  const status = (serialized.response as { status?: number } | undefined)?.status;
  return status === undefined ? safe : { ...safe, status };
}
