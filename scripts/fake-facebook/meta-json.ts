import { createHmac } from 'node:crypto';

/**
 * JSON exactly as Meta writes it: every non-ASCII UTF-16 code unit escaped as a lowercase
 * `\uXXXX` (so emoji become surrogate pairs) and `/` escaped as `\/`.
 * Contract §1/§11: Meta signs these bytes, so a receiver that re-serialises with
 * `JSON.stringify` computes a different signature for "café" or "🚓" — the fake must send them.
 */
export function serialiseLikeMeta(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('serialiseLikeMeta: value has no JSON form');
  // Non-ASCII characters and '/' can only occur inside JSON strings, so a global replace is safe.
  // Lone surrogates are already escaped (lowercase) by JSON.stringify since ES2019.
  return json.replace(/[\u0080-\uffff/]/g, (char) =>
    char === '/' ? '\\/' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `X-Hub-Signature-256` value: HMAC-SHA256 of the exact body bytes, keyed by the app secret (§1). */
export function signMetaBody(rawBody: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Legacy `X-Hub-Signature` (SHA-1). Meta still sends it beside the SHA-256 one; don't rely on it (§1). */
export function signMetaBodyLegacySha1(rawBody: string | Buffer, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(rawBody).digest('hex')}`;
}
