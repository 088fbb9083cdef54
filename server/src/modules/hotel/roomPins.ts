import crypto from 'node:crypto';

/**
 * A stay's check-in PIN is stored only as HMAC-SHA256 under a key derived from PII_KEY (HKDF, its own
 * label). A PIN has at most 10^8 values, so no hash of it survives an offline search by whoever holds
 * the hash and what it was made with: a secret key kept out of the database is what protects it (a
 * database dump alone reveals nothing), not a slow hash; and a fast one keeps the order path cheap
 * and gives a flood of guesses no CPU to burn. Online guessing is for the throttle and the room lock.
 */
const derived = new WeakMap<Buffer, Buffer>();

function pinKey(piiKey: Buffer): Buffer {
  let key = derived.get(piiKey);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync('sha256', piiKey, Buffer.alloc(0), 'dinewire room pin v1', 32));
    derived.set(piiKey, key);
  }
  return key;
}

function mac(piiKey: Buffer, stayId: string, pin: string): Buffer {
  // The stay id in the message: the same PIN of two stays hashes differently.
  return crypto.createHmac('sha256', pinKey(piiKey)).update(`${stayId}:${pin}`).digest();
}

/** The stored form of a stay's PIN: `v1:<hex>`. */
export function hashRoomPin(piiKey: Buffer, stayId: string, pin: string): string {
  return `v1:${mac(piiKey, stayId, pin).toString('hex')}`;
}

/** Whether `pin` is the stay's PIN, compared in constant time. */
export function roomPinMatches(piiKey: Buffer, stayId: string, pin: string, stored: string | null): boolean {
  if (!stored?.startsWith('v1:')) return false;
  const expected = Buffer.from(stored.slice(3), 'hex');
  const given = mac(piiKey, stayId, pin);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
