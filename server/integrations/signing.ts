import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../shared/integrations';

// Every outbound request is signed like this (docs/integrations.md): the receiver recomputes
// HMAC-SHA256(secret, "<timestamp>.<raw body>") and compares; the timestamp lets it refuse replays.

export function signatureOf(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export function signedHeaders(secret: string, rawBody: string, now = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signatureOf(secret, timestamp, rawBody) };
}

/** What a receiver does: the signature matches and the timestamp is recent (5 minutes by default). */
export function isValidSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  { now = new Date(), toleranceSeconds = 300 } = {},
): boolean {
  if (!headers.timestamp || !headers.signature) return false;
  const age = Math.abs(now.getTime() / 1000 - Number(headers.timestamp));
  if (!Number.isFinite(age) || age > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, headers.timestamp, rawBody));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
