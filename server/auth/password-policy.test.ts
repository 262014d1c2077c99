import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';

describe('the password rules (NCSC guidance)', () => {
  it('accepts a long passphrase of three random words, with no digits or symbols required', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('kettle lighthouse mango')).toBeNull();
  });

  it('accepts a very long passphrase', () => {
    expect(passwordProblem('the quick brown fox jumps over the lazy dog near the old stone bridge at dawn'.repeat(2))).toBeNull();
  });

  it('refuses a password shorter than the minimum and says how long it must be', () => {
    expect(passwordProblem('kettle moon')).toMatch(new RegExp(`at least ${MIN_PASSWORD_LENGTH} characters`));
  });

  it('refuses common and breached passwords from the deny-list, whatever their case or spacing', () => {
    for (const password of ['password1234', 'QWERTY123456', 'Qazwsxedc123', 'iloveyou2026!', 'Liverpool 1892', '1234567890123', 'aaaaaaaaaaaaaa']) {
      expect(passwordProblem(password), password).toMatch(/common or breached/);
    }
  });

  it('refuses a password made of the account’s own name or email', () => {
    expect(passwordProblem('jane.doe.2026!!', { email: 'jane.doe@force.police.uk', name: 'Jane Doe' })).toMatch(/name or email/);
  });
});
