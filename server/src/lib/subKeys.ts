import crypto from 'node:crypto';

const subKeys = new Map<string, Buffer>();

/**
 * A key of its own for each use of SESSION_SECRET, so no two uses share a MAC key (derived once
 * per purpose: order placement and booking are hot paths).
 */
export function subKey(secret: string, purpose: string): Buffer {
  const id = `${purpose}\0${secret}`;
  let k = subKeys.get(id);
  if (!k) subKeys.set(id, (k = crypto.createHmac('sha256', secret).update(`dinewire:${purpose}`).digest()));
  return k;
}
