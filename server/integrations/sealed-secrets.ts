import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// A secret the desk must read back (a webhook subscription's signing secret) is stored sealed with
// AES-256-GCM under DATA_ENCRYPTION_KEY, so a copy of the database alone does not give it away.
// Stored form: the prefix, then base64url of IV (12 bytes) ‖ auth tag (16 bytes) ‖ ciphertext.
const SEALED_PREFIX = 'aes256gcm:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** Rows stored before secrets were sealed hold the secret as it was given. */
export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

/** The secret as given; throws when it was sealed under another key (or altered). */
export function openSecret(key: Buffer, stored: string): string {
  if (!isSealed(stored)) return stored;
  const sealed = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
