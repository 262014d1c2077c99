import { randomBytes } from 'node:crypto';

/**
 * A Graph API error as the fake answers it. Contract §2: HTTP 400 for nearly every error, the
 * meaning is in `code` / `error_subcode` only (message texts are not parseable, §11).
 */
export class GraphApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly subcode?: number,
    readonly httpStatus = 400,
    readonly type = 'OAuthException',
    /** Extra response headers, e.g. usage headers on a rate-limit answer. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphApiError';
  }
}

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    is_transient?: boolean;
    fbtrace_id: string;
  };
}

// Codes Meta marks `is_transient: true` (temporary failures, §2 table).
const TRANSIENT_CODES = new Set([1, 2, 1200]);

export function graphErrorBody(error: GraphApiError, fbtraceId: string): GraphErrorBody {
  return {
    error: {
      message: error.message,
      type: error.type,
      code: error.code,
      ...(error.subcode === undefined ? {} : { error_subcode: error.subcode }),
      ...(TRANSIENT_CODES.has(error.code) ? { is_transient: true } : {}),
      fbtrace_id: fbtraceId,
    },
  };
}

/** Like Meta's (`BLBz/WZt8dN`): standard base64, so it may contain `/`, which raw bodies escape (§11). */
export function newFbtraceId(): string {
  return randomBytes(8).toString('base64').slice(0, 11);
}

export const invalidAccessToken = (): GraphApiError =>
  new GraphApiError(190, 'Error validating access token: Session has expired', 463);

export const invalidParameter = (message: string): GraphApiError =>
  new GraphApiError(100, `(#100) ${message}`);

export const noMatchingUser = (): GraphApiError =>
  new GraphApiError(100, '(#100) No matching user found', 2018001);

export const outsideMessagingWindow = (): GraphApiError =>
  new GraphApiError(10, '(#10) This message is sent outside of allowed window.', 2018278);

/** Graph's answer for an id it does not know or an edge the node does not have. */
export const unsupportedRequest = (method: string, objectId: string): GraphApiError =>
  new GraphApiError(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, ` +
      'cannot be loaded due to missing permissions, or does not support this operation.',
    33,
    400,
    'GraphMethodException',
  );

export const unknownPath = (path: string): GraphApiError =>
  new GraphApiError(2500, `Unknown path components: ${path}`);

export const unknownError = (): GraphApiError =>
  new GraphApiError(1, 'An unknown error has occurred.', undefined, 500);

// §2: app / user / page / custom / Messenger business-use-case rate limits.
export const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80006]);

/**
 * `X-Business-Use-Case-Usage` as Page tokens get it (§2; the layout is from memory in the
 * contract, so the connector reads it defensively): usage over 100 % and the minutes to wait.
 */
export function businessUseCaseUsageHeader(pageId: string, minutesToRegainAccess: number): string {
  return JSON.stringify({
    [pageId]: [{ type: 'pages', call_count: 100, total_cputime: 100, total_time: 100, estimated_time_to_regain_access: minutesToRegainAccess }],
  });
}
