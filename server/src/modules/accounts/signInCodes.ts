import crypto from 'node:crypto';
import type { User } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import type { Ctx } from '../../context';
import { exec, one } from '../../db/sql';
import { unauthenticated } from '../../errors';
import { emailLookupHash, normaliseEmail, normalisePhone, phoneLookupHash, signInCodeHash } from '../../lib/pii';
import { models } from '../../models';
import { authorize } from '../../policies';
import type { MessageKind } from '../notifications/notifier';
import { enqueueMessage } from '../notifications/outbox';
import { restaurantIdsOf } from './accounts.service';
import { signIn } from './sessions';
import type { SignInCodeThrottle } from './signInCodeThrottle';
import { presentUser } from './user.presenter';

/** How long a sign-in code works. */
export const SIGN_IN_CODE_MINUTES = 10;
/** Wrong tries a code survives: the next one finds it dead. */
export const SIGN_IN_CODE_TRIES = 5;

type ContactBody = { email?: string; phone?: string };

/** Where the code goes and the contact's lookup hash: an email, or a phone by SMS. */
function contactOf(key: Buffer, body: ContactBody): { kind: MessageKind; to: string; hash: string; column: 'emailHash' | 'phoneHash' } {
  if (body.email !== undefined)
    return { kind: 'email', to: normaliseEmail(body.email), hash: emailLookupHash(key, body.email), column: 'emailHash' };
  return { kind: 'sms', to: normalisePhone(body.phone!), hash: phoneLookupHash(key, body.phone!), column: 'phoneHash' };
}

/**
 * Step one: a six-digit code to the email or phone. The answer is the same whether or not an
 * account has that contact (no enumeration), and so is the work: one code row and one message
 * either way. A contact without an account (or a phone several accounts share, which could not
 * say whom to sign in) gets a message saying so, and its row can never sign in. A new code
 * ends the contact's earlier ones, so the tries never add up across codes.
 */
export async function requestSignInCode(
  ctx: Ctx,
  body: ContactBody,
  guard: { throttle: SignInCodeThrottle; ip: string },
): Promise<{ status: 'code_sent' }> {
  authorize(ctx.actor, 'account.signInByCode', {});
  const key = ctx.config.piiKey;
  const contact = contactOf(key, body);
  await guard.throttle.request(contact.hash, guard.ip);
  const holders = await models(ctx.sequelize).User.findAll({ attributes: ['id'], where: { [contact.column]: contact.hash }, limit: 2 });
  const userId = holders.length === 1 ? holders[0].id : null;
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  await ctx.sequelize.transaction(async (t) => {
    const bind = { hash: contact.hash, userId, codeHash: signInCodeHash(key, contact.hash, code), minutes: SIGN_IN_CODE_MINUTES };
    await exec(
      ctx.sequelize,
      `UPDATE sign_in_codes SET expires_at = now() WHERE contact_hash = $hash AND used_at IS NULL AND expires_at > now()`,
      { hash: contact.hash },
      t,
    );
    await exec(
      ctx.sequelize,
      `INSERT INTO sign_in_codes (contact_hash, user_id, code_hash, expires_at)
       VALUES ($hash, $userId, $codeHash, now() + make_interval(mins => $minutes::int))`,
      bind,
      t,
    );
    if (userId) {
      await enqueueMessage(ctx, t, {
        kind: contact.kind,
        to: contact.to,
        template: 'signin.code',
        payload: { code, minutes: SIGN_IN_CODE_MINUTES },
      });
    } else {
      await enqueueMessage(ctx, t, { kind: contact.kind, to: contact.to, template: 'signin.unknown', payload: {} });
    }
  });
  return { status: 'code_sent' };
}

/**
 * Step two: the contact's newest live code, once, before it expires and while it has tries
 * left, becomes a session, as a password login answers. A wrong code counts a try (committed
 * even though the answer is a refusal); every refusal reads alike.
 */
export async function verifySignInCode(
  ctx: Ctx,
  body: ContactBody & { code: string },
  guard: { throttle: SignInCodeThrottle; ip: string },
): Promise<{ user: User; token: string }> {
  authorize(ctx.actor, 'account.signInByCode', {});
  await guard.throttle.attempt(guard.ip);
  const key = ctx.config.piiKey;
  const contact = contactOf(key, body);
  const signedIn = await ctx.sequelize.transaction(async (t) => {
    const userId = await consumeSignInCode(ctx, t, contact.hash, body.code);
    if (!userId) return null;
    const { token } = await signIn(ctx, userId, t);
    return { userId, token };
  });
  if (!signedIn) throw unauthenticated('Wrong or expired code: ask for a new one.');
  const u = await models(ctx.sequelize).User.findByPk(signedIn.userId);
  if (!u) throw unauthenticated('Wrong or expired code: ask for a new one.');
  return { user: presentUser(u, await restaurantIdsOf(ctx.sequelize, u.id), key), token: signedIn.token };
}

/**
 * Uses up the contact's newest live code if `code` is it, in `t`: the account it signs in, or
 * null. A wrong code counts a try, committed with `t` (so `t` must commit on a refusal too).
 */
export async function consumeSignInCode(ctx: Ctx, t: Transaction, contactHash: string, code: string): Promise<string | null> {
  const row = await one<{ id: string; user_id: string | null; code_hash: string }>(
    ctx.sequelize,
    `SELECT id, user_id, code_hash FROM sign_in_codes
      WHERE contact_hash = $hash AND used_at IS NULL AND expires_at > now() AND attempts < $tries
      ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    { hash: contactHash, tries: SIGN_IN_CODE_TRIES },
    t,
  );
  if (!row) return null;
  const given = Buffer.from(signInCodeHash(ctx.config.piiKey, contactHash, code));
  const right = row.user_id !== null && crypto.timingSafeEqual(given, Buffer.from(row.code_hash));
  if (!right) {
    await exec(ctx.sequelize, 'UPDATE sign_in_codes SET attempts = attempts + 1 WHERE id = $id', { id: row.id }, t);
    return null;
  }
  await exec(ctx.sequelize, 'UPDATE sign_in_codes SET used_at = now() WHERE id = $id', { id: row.id }, t);
  return row.user_id;
}
