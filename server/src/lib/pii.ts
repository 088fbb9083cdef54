import crypto from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM under PII_KEY, stored as `v2:<key id>:<iv>:<tag>:<ciphertext>`
 * (base64url). The key id names the key that sealed the value, so PII_KEY can rotate: the old key
 * goes to PII_RETIRED_KEYS (retirePiiKeys) and what it sealed still opens. Values written before
 * key ids (`v1:<iv>:<tag>:<ciphertext>`) open under the current key or, failing it, a retired one:
 * GCM's tag tells which key is right.
 */
export function encryptPii(key: Buffer, plain: string | null | undefined): string | null {
  if (plain === null || plain === undefined) return null;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v2', piiKeyId(key), iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export function decryptPii(key: Buffer, stored: string | null | undefined): string | null {
  if (!stored) return null;
  const parts = stored.split(':');
  const keys = [key, ...(retired.get(key) ?? [])];
  if (parts[0] === 'v2' && parts.length === 5) {
    const [, kid, iv, tag, data] = parts;
    const k = keys.find((candidate) => piiKeyId(candidate) === kid);
    if (!k) throw new Error(`PII sealed under key ${kid}, which is neither PII_KEY nor in PII_RETIRED_KEYS`);
    return open(k, iv, tag, data);
  }
  if (parts[0] === 'v1' && parts.length === 4) {
    const [, iv, tag, data] = parts;
    for (const k of keys.slice(0, -1)) {
      try {
        return open(k, iv, tag, data);
      } catch {
        // Not this key (the tag does not verify): try the next one.
      }
    }
    return open(keys[keys.length - 1], iv, tag, data);
  }
  throw new Error('unknown PII format');
}

function open(key: Buffer, iv: string, tag: string, data: string): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

const keyIds = new WeakMap<Buffer, string>();

/** A key's public name: 8 characters derived from it (HKDF), so no id needs configuring and none reveals the key. */
export function piiKeyId(key: Buffer): string {
  let id = keyIds.get(key);
  if (!id) {
    id = derivedKey(key, 'key-id').subarray(0, 6).toString('base64url');
    keyIds.set(key, id);
  }
  return id;
}

const retired = new WeakMap<Buffer, Buffer[]>();

/**
 * The keys PII_KEY replaced (config PII_RETIRED_KEYS): values they sealed still decrypt under
 * `current`, while everything new is sealed under `current` alone.
 */
export function retirePiiKeys(current: Buffer, old: Buffer[]): void {
  retired.set(
    current,
    old.filter((k) => !k.equals(current)),
  );
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

const phoneKeys = new WeakMap<Buffer, Buffer>();

/** A phone number as a lookup compares it: digits only, with its leading `+` if typed (spaces, dashes and brackets dropped). */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}

/** The lookup key of an encrypted phone number, as emailLookupHash but under its own derived key. */
export function phoneLookupHash(key: Buffer, phone: string): string {
  let hmacKey = phoneKeys.get(key);
  if (!hmacKey) {
    hmacKey = derivedKey(key, 'phone-lookup');
    phoneKeys.set(key, hmacKey);
  }
  return crypto.createHmac('sha256', hmacKey).update(normalisePhone(phone), 'utf8').digest('base64url');
}

const codeKeys = new WeakMap<Buffer, Buffer>();

/**
 * A one-time sign-in code as stored: HMAC-SHA256 under a key derived from PII_KEY, bound to the
 * contact's lookup hash. A six-digit code has only a million values, so a plain hash of it would
 * fall to a leaked table at once; without the key nothing can be tried.
 */
export function signInCodeHash(key: Buffer, contactHash: string, code: string): string {
  let hmacKey = codeKeys.get(key);
  if (!hmacKey) {
    hmacKey = derivedKey(key, 'sign-in-code');
    codeKeys.set(key, hmacKey);
  }
  return crypto.createHmac('sha256', hmacKey).update(`${contactHash}:${code}`, 'utf8').digest('base64url');
}
