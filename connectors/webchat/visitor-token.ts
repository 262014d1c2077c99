import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A visitor has no account: the browser keeps a token that names its conversation and proves the
 * desk issued it. `v1.<conversation id>.<HMAC-SHA256 of the id>` — nothing to store server-side,
 * and a token made up or edited by anyone without the secret is refused.
 */
const VERSION = 'v1';

export interface VisitorTokens {
  issue(): { token: string; conversationId: string };
  /** The conversation the token names, or null when the desk did not issue it. */
  verify(token: unknown): string | null;
  /** The code a reporter needs, with the reference, to add to an online report. */
  reportCode(conversationId: string): string;
  isReportCode(conversationId: string, code: string): boolean;
}

// No 0/O, 1/I/L, U: easy to read out over the phone and to type from a note.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export function createVisitorTokens(secret: string): VisitorTokens {
  // Derived, so one configured secret never signs two kinds of thing with the same key.
  const tokenKey = createHmac('sha256', secret).update('social-desk/webchat-visitor-token').digest();
  const codeKey = createHmac('sha256', secret).update('social-desk/report-code').digest();
  const sign = (conversationId: string) => createHmac('sha256', tokenKey).update(conversationId).digest();

  return {
    issue() {
      const conversationId = randomBytes(16).toString('base64url');
      return { token: `${VERSION}.${conversationId}.${sign(conversationId).toString('base64url')}`, conversationId };
    },
    verify(token) {
      if (typeof token !== 'string' || token.length > 200) return null;
      const [version, conversationId, signature, ...rest] = token.split('.');
      if (version !== VERSION || !conversationId || !signature || rest.length > 0) return null;
      if (!/^[A-Za-z0-9_-]{22}$/.test(conversationId)) return null;
      const received = Buffer.from(signature, 'base64url');
      const expected = sign(conversationId);
      return received.length === expected.length && timingSafeEqual(received, expected) ? conversationId : null;
    },
    reportCode(conversationId) {
      const digest = createHmac('sha256', codeKey).update(conversationId).digest();
      const letters = Array.from(digest.subarray(0, 8), (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
      return `${letters.slice(0, 4)}-${letters.slice(4)}`;
    },
    isReportCode(conversationId, code) {
      const expected = Buffer.from(this.reportCode(conversationId).replace('-', ''));
      const received = Buffer.from(code.toUpperCase().replace(/[\s-]/g, ''));
      return received.length === expected.length && timingSafeEqual(received, expected);
    },
  };
}
