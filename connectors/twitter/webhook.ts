import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Account Activity API (contracts/platforms.md §6): the CRC answer and the POST signature are
 * both `sha256=` + base64 HMAC-SHA256 keyed with the app's consumer secret.
 */
export function crcResponseToken(crcToken: string, consumerSecret: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(crcToken).digest('base64')}`;
}

/** Checks `x-twitter-webhooks-signature` over the raw body bytes, never re-serialised JSON. */
export function isSignedByX(rawBody: Buffer, signatureHeader: string | undefined, consumerSecret: string): boolean {
  if (!signatureHeader?.startsWith('sha256=')) return false;
  const received = Buffer.from(signatureHeader.slice('sha256='.length), 'base64');
  const expected = createHmac('sha256', consumerSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
