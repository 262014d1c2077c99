import { HttpError } from '../http/errors';

/**
 * Words and phrases the force never wants said in its name (configured in BLOCKED_PHRASES).
 * Matched case-insensitively on word boundaries, before anything is stored or sent.
 */
export function refuseBlockedPhrases(text: string, blockedPhrases: readonly string[]): void {
  const lowered = text.toLowerCase();
  const found = blockedPhrases.find((phrase) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(phrase.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u').test(lowered));
  if (found) throw new HttpError(422, 'blocked_phrase', `“${found}” may not be used in a message from the force. Reword it and send again.`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
