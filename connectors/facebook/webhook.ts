import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs the raw body bytes as sent (non-ASCII escaped as \uXXXX), so the signature must be
 * checked over those bytes, never over re-serialised JSON (contracts/platforms.md §1).
 */
export function isSignedByMeta(rawBody: Buffer, signatureHeader: string | undefined, appSecret: string): boolean {
  if (!signatureHeader?.startsWith('sha256=')) return false;
  const received = Buffer.from(signatureHeader.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** The subscription handshake: echo `hub.challenge` when the verify token matches. */
export function answerSubscriptionChallenge(
  query: Record<string, unknown>,
  verifyToken: string,
): { accepted: true; challenge: string } | { accepted: false } {
  const challenge = query['hub.challenge'];
  const isSubscribe = query['hub.mode'] === 'subscribe';
  const tokenMatches = typeof query['hub.verify_token'] === 'string' && safeEqual(query['hub.verify_token'], verifyToken);
  if (isSubscribe && tokenMatches && typeof challenge === 'string' && challenge.length > 0) {
    return { accepted: true, challenge };
  }
  return { accepted: false };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
