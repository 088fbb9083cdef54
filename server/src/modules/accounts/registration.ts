import type { User } from '@dinewire/protocol';
import { fn, Op, UniqueConstraintError } from 'sequelize';
import type { Ctx } from '../../context';
import { conflict, fieldError } from '../../errors';
import { decryptPii, emailLookupHash, encryptPii, phoneLookupHash } from '../../lib/pii';
import { models } from '../../models';
import { authorize } from '../../policies';
import { enqueueMessage } from '../notifications/outbox';
import { emailColumns } from './accountEmail';
import { passwordProblem } from './passwordPolicy';
import { hashPassword } from './passwords';
import { newToken, sha256, signIn } from './sessions';
import type { SignUpMailThrottle } from './signUpMailThrottle';
import { presentUser } from './user.presenter';

/** How long the emailed code finishes a sign-up. */
export const REGISTRATION_CODE_MINUTES = 60;

/**
 * Sign-up, step one. The answer is the same whether or not the address has an account (no
 * enumeration oracle), and so is the work before it: the password is hashed either way and one
 * message goes into the outbox, sent after commit. A new address gets the code that finishes
 * signing up; an existing one is told it already has an account.
 */
export async function register(
  ctx: Ctx,
  props: { name: string; email: string; phone: string; password: string },
  throttle: SignUpMailThrottle | null,
): Promise<{ status: 'verification_sent' }> {
  authorize(ctx.actor, 'account.register', {});
  const problem = await passwordProblem(props.password);
  if (problem) throw fieldError('password', problem);
  const key = ctx.config.piiKey;
  const { User, Registration } = models(ctx.sequelize);
  const emailHash = emailLookupHash(key, props.email);
  const passwordHash = await hashPassword(props.password);
  const existing = await User.findOne({ attributes: ['id', 'name'], where: { emailHash } });
  // Past the address's hourly messages nothing is written or sent, for a new address as for a known one.
  if (throttle && !(await throttle.allow(emailHash))) return { status: 'verification_sent' };
  await ctx.sequelize.transaction(async (t) => {
    // The same writes for a known address as for a new one, so the answer's timing tells nothing:
    // for a known address the code is never sent, and its row only waits to be pruned.
    const code = newToken('rg');
    await Registration.create(
      {
        codeHash: sha256(code),
        ...emailColumns(key, props.email),
        nameEnc: encryptPii(key, props.name)!,
        phoneEnc: encryptPii(key, props.phone)!,
        passwordHash,
        expiresAt: new Date(Date.now() + REGISTRATION_CODE_MINUTES * 60_000),
      },
      { transaction: t },
    );
    if (existing) {
      // The account's own name: nothing the caller typed reaches a stranger's inbox.
      await enqueueMessage(ctx, t, { to: props.email, template: 'registration.exists', payload: { name: existing.name } });
    } else {
      await enqueueMessage(ctx, t, {
        to: props.email,
        template: 'registration.code',
        payload: { code, minutes: REGISTRATION_CODE_MINUTES },
      });
    }
  });
  return { status: 'verification_sent' };
}

/**
 * Sign-up, step two: the emailed code (used once, before it expires) becomes a guest account
 * and a session, as a login answers. Only whoever reads that mailbox holds the code.
 */
export async function verifyRegistration(ctx: Ctx, props: { code: string }): Promise<{ user: User; token: string }> {
  authorize(ctx.actor, 'account.register', {});
  const key = ctx.config.piiKey;
  const { User, Registration } = models(ctx.sequelize);
  try {
    return await ctx.sequelize.transaction(async (t) => {
      const r = await Registration.findOne({
        where: { codeHash: sha256(props.code), expiresAt: { [Op.gt]: fn('now') } },
        lock: t.LOCK.UPDATE,
        transaction: t,
      });
      if (!r) throw fieldError('code', 'unknown, already used or expired');
      await r.destroy({ transaction: t });
      const u = await User.create(
        {
          emailEnc: r.emailEnc,
          emailHash: r.emailHash,
          name: decryptPii(key, r.nameEnc)!,
          phoneEnc: r.phoneEnc,
          phoneHash: phoneLookupHash(key, decryptPii(key, r.phoneEnc)!),
          passwordHash: r.passwordHash,
          role: 'guest',
        },
        { transaction: t },
      );
      const { token } = await signIn(ctx, u.id, t);
      return { user: presentUser(u, [], key), token };
    });
  } catch (err) {
    // Another sign-up for the address finished first; only the mailbox's holder learns this.
    if (err instanceof UniqueConstraintError) throw conflict('This address already has an account: sign in.');
    throw err;
  }
}
