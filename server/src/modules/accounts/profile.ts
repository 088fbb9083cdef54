import type { AccountExport, Profile } from '@dinewire/protocol';
import { fn } from 'sequelize';
import type { Ctx } from '../../context';
import { unauthenticated } from '../../errors';
import { encryptPii } from '../../lib/pii';
import { models, type User } from '../../models';
import { authorize } from '../../policies';
import { phoneColumns } from './accountEmail';
import { restaurantIdsOf } from './accounts.service';
import { verifyPassword } from './passwords';
import { withItems } from '../orders/orderReader';
import { presentOrderTo } from '../orders/order.presenter';
import { listMyReservations } from '../reservations/reservationLifecycle';
import { presentRestaurantRef } from '../restaurants/restaurant.presenter';
import { presentProfile, presentSessionRecord } from './profile.presenter';
import { consumeSignInCode } from './signInCodes';

async function own(ctx: Ctx): Promise<User> {
  const u = ctx.actor.kind === 'user' ? await models(ctx.sequelize).User.findByPk(ctx.actor.id) : null;
  if (!u || u.erasedAt) throw unauthenticated();
  return u;
}

/** GET /me: the account and its profile. */
export async function myProfile(ctx: Ctx): Promise<Profile> {
  authorize(ctx.actor, 'account.read', {});
  const u = await own(ctx);
  return presentProfile(u, await restaurantIdsOf(ctx.sequelize, u.id), ctx.config.piiKey);
}

/** PATCH /me: the fields given change (a phone encrypted, with its lookup hash); lists are kept once each, in order. */
export async function updateProfile(
  ctx: Ctx,
  body: { name?: string; phone?: string; allergies?: string[]; dietary?: string[] },
): Promise<Profile> {
  authorize(ctx.actor, 'account.update', {});
  const u = await own(ctx);
  await u.update({
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.phone !== undefined ? phoneColumns(ctx.config.piiKey, body.phone) : {}),
    ...(body.allergies !== undefined ? { allergies: [...new Set(body.allergies)] } : {}),
    ...(body.dietary !== undefined ? { dietary: [...new Set(body.dietary)] } : {}),
  });
  return presentProfile(u, await restaurantIdsOf(ctx.sequelize, u.id), ctx.config.piiKey);
}

/**
 * DELETE /me, with the password or a fresh sign-in code sent to the account's email: the
 * account's personal data is erased (name, email, phone, allergies; the row stays so its orders
 * keep their books, with no way to sign in) and every session ends. Its orders stay for the
 * restaurant's books, anonymous: unlinked from the account, the guest name cleared; so do its
 * bookings and waitlist places, without the contact, notes and allergies they were given (a
 * booking still ahead keeps its table under its code).
 */
export async function eraseAccount(ctx: Ctx, body: { password?: string; code?: string }): Promise<{ sessionIds: string[] }> {
  authorize(ctx.actor, 'account.erase', {});
  const u = await own(ctx);
  const key = ctx.config.piiKey;
  const { User, Order, Reservation, Session, WaitlistEntry } = models(ctx.sequelize);
  const proven = await ctx.sequelize.transaction(async (t) => {
    const ok =
      body.password !== undefined
        ? await verifyPassword(u.passwordHash, body.password)
        : (await consumeSignInCode(ctx, t, u.emailHash, body.code!)) === u.id;
    if (!ok) return null;
    await User.update(
      {
        name: '',
        emailEnc: encryptPii(key, '')!,
        // Unique and matching no address: the email is free for a new account.
        emailHash: `erased:${u.id}`,
        phoneEnc: null,
        phoneHash: null,
        allergies: [],
        dietary: [],
        passwordHash: '!erased',
        erasedAt: fn('now'),
      },
      { where: { id: u.id }, transaction: t },
    );
    await Order.update({ userId: null, guestNameEnc: null }, { where: { userId: u.id }, transaction: t });
    // Bookings and waitlist places keep their table and their code, without the guest's contact or allergies.
    const erased = encryptPii(key, '')!;
    const contact = { nameEnc: erased, phoneEnc: erased, emailEnc: erased, notes: null, userId: null };
    await Reservation.update({ ...contact, allergies: [] }, { where: { userId: u.id }, transaction: t });
    await WaitlistEntry.update(contact, { where: { userId: u.id }, transaction: t });
    await ctx.sequelize.query('DELETE FROM sign_in_codes WHERE user_id = $id', { bind: { id: u.id }, transaction: t });
    const live = await Session.findAll({ attributes: ['id'], where: { userId: u.id, revokedAt: null }, transaction: t });
    await Session.update({ revokedAt: fn('now') }, { where: { userId: u.id, revokedAt: null }, transaction: t });
    return { sessionIds: live.map((s) => s.id) };
  });
  if (!proven) throw unauthenticated(body.password !== undefined ? 'Wrong password.' : 'Wrong or expired code: ask for a new one.');
  ctx.revoked(proven);
  return proven;
}

/**
 * GET /me/export: everything held about the account, decrypted for its owner alone: the
 * profile, every order (all of them, not a page), its bookings, and the sessions (when, never a token).
 */
export async function exportAccount(ctx: Ctx): Promise<AccountExport> {
  authorize(ctx.actor, 'account.read', {});
  const u = await own(ctx);
  const m = models(ctx.sequelize);
  const [profile, list, sessions, bookings] = await Promise.all([
    myProfile(ctx),
    m.Order.findAll({ where: { userId: u.id }, order: [['placedAt', 'ASC']] }),
    m.Session.findAll({ where: { userId: u.id }, order: [['createdAt', 'ASC']] }),
    listMyReservations(ctx),
  ]);
  const restaurantIds = [...new Set([...list.map((o) => o.restaurantId), ...bookings.reservations.map((b) => b.restaurantId)])];
  const [orders, restaurants] = await Promise.all([
    withItems(ctx, list),
    restaurantIds.length ? m.Restaurant.findAll({ where: { id: restaurantIds } }) : Promise.resolve([]),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: { ...profile, createdAt: u.createdAt.toISOString() },
    orders: orders.map((o) => presentOrderTo(ctx.actor, o)),
    reservations: bookings.reservations,
    restaurants: restaurants.map(presentRestaurantRef),
    sessions: sessions.map(presentSessionRecord),
  };
}
