import crypto from 'node:crypto';
import { decryptPii, encryptPii, piiKeyId, retirePiiKeys } from './pii';

/** The format as it was before key ids: what rows written then hold. */
function sealV1(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

describe('personal data at rest', () => {
  const oldKey = crypto.randomBytes(32);
  const newKey = crypto.randomBytes(32);

  it('names the sealing key on every value, and a value opens only under its key', () => {
    const sealed = encryptPii(oldKey, 'ada@example.com')!;
    const [version, kid] = sealed.split(':');
    expect(version).toBe('v2');
    expect(kid).toBe(piiKeyId(oldKey));
    expect(piiKeyId(newKey)).not.toBe(piiKeyId(oldKey));
    expect(sealed).not.toContain('ada');
    expect(decryptPii(oldKey, sealed)).toBe('ada@example.com');
    expect(() => decryptPii(crypto.randomBytes(32), sealed)).toThrow(/neither PII_KEY nor in PII_RETIRED_KEYS/);
  });

  it('after a rotation seals under the new key and still opens what the retired key sealed, with or without a key id', () => {
    const beforeIds = sealV1(oldKey, '+85291234567');
    const withId = encryptPii(oldKey, 'ada@example.com')!;
    expect(() => decryptPii(newKey, withId)).toThrow();
    expect(() => decryptPii(newKey, beforeIds)).toThrow();
    retirePiiKeys(newKey, [oldKey]);
    expect(decryptPii(newKey, withId)).toBe('ada@example.com');
    expect(decryptPii(newKey, beforeIds)).toBe('+85291234567');
    expect(decryptPii(newKey, sealV1(newKey, 'current'))).toBe('current');
    expect(encryptPii(newKey, 'x')!.split(':')[1]).toBe(piiKeyId(newKey));
  });

  it('refuses a tampered value', () => {
    const sealed = encryptPii(oldKey, 'ada@example.com')!.split(':');
    sealed[4] = Buffer.from('bob@example.com').toString('base64url');
    expect(() => decryptPii(oldKey, sealed.join(':'))).toThrow();
  });
});
