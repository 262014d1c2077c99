import { dictionary } from '@zxcvbn-ts/language-common';

// NCSC password guidance (ncsc.gov.uk/collection/passwords): a minimum length, a deny-list of the
// most common and breached passwords, no composition rules (they push people to predictable
// patterns), no forced expiry, and room for long passphrases such as three random words.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// zxcvbn-ts ships ~49,000 of the passwords seen most often in breach corpora.
const commonPasswords = new Set(dictionary['passwords-common']);

/** Why this password may not be used, in words an agent understands; null when it may. */
export function passwordProblem(password: string, account: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters. Three random words make a strong password that is easy to remember.`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const folded = password.toLowerCase();
  const squeezed = folded.replace(/[\s._-]+/g, '');
  // "password2026!" is "password" with the digits and symbols people add to pass composition rules.
  const stem = squeezed.replace(/[^a-z]+$/, '').replace(/^[^a-z]+/, '');
  const isCommon = [folded, squeezed, stem].some((candidate) => commonPasswords.has(candidate));
  if (isCommon || /^(.)\1+$/.test(folded) || /^\d+$/.test(squeezed)) {
    return 'That password is one of the most common or breached passwords. Choose another.';
  }
  const personal = [account.email?.split('@')[0], account.email, account.name]
    .map((value) => value?.toLowerCase().replace(/[\s._-]+/g, ''))
    .filter((value): value is string => Boolean(value && value.length >= 4));
  if (personal.some((value) => squeezed.includes(value))) return 'Do not use your name or email address in your password.';
  return null;
}
