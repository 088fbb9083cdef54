import crypto from 'node:crypto';

/** Personal data at rest: AES-256-GCM with PII_KEY; `v1:<iv>:<tag>:<ciphertext>` in base64url. */
export function encryptPii(key: Buffer, plain: string | null | undefined): string | null {
  if (plain === null || plain === undefined) return null;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export function decryptPii(key: Buffer, stored: string | null | undefined): string | null {
  if (!stored) return null;
  const [v, iv, tag, data] = stored.split(':');
  if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown PII format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** Subkeys of PII_KEY (HKDF-SHA256), one per purpose, so a lookup hash never reuses the encryption key. */
function derivedKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), `dinewire:${purpose}`, 32));
}

const emailKeys = new WeakMap<Buffer, Buffer>();

/** An email as one account holds it: trimmed, Unicode-normalised, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * The lookup key of an encrypted email: HMAC-SHA256 of the normalised address under a key
 * derived from PII_KEY. Deterministic, so login and uniqueness can use an index; keyed, so a
 * leaked table cannot be searched by hashing a list of addresses.
 */
export function emailLookupHash(key: Buffer, email: string): string {
  let hmacKey = emailKeys.get(key);
  if (!hmacKey) {
    hmacKey = derivedKey(key, 'email-lookup');
    emailKeys.set(key, hmacKey);
  }
  return crypto.createHmac('sha256', hmacKey).update(normaliseEmail(email), 'utf8').digest('base64url');
}
