import type { Locale } from '@dinewire/protocol';

/** Every message the system sends, and what each one's payload holds. */
export interface Templates {
  /** A new address: the code that finishes signing up. */
  'registration.code': { code: string; minutes: number };
  /** An address that already has an account: registering again only tells its owner so. */
  'registration.exists': { name: string };
  /** A sign-in code asked for an email or phone of an account. */
  'signin.code': { code: string; minutes: number };
  /** A sign-in code asked for an address or phone no account has: its owner learns nobody signs in with it. */
  'signin.unknown': Record<string, never>;
  /** A booking coming up: when (already in the restaurant's local time), where, for how many, and its code. */
  'reservation.reminder': { name: string; restaurant: string; when: string; partySize: number; code: string };
  /** A table came free for a guest on the waitlist: held for them until `expiresAt` (local times). */
  'waitlist.offered': {
    lang: Locale;
    name: string;
    restaurant: string;
    partySize: number;
    date: string;
    startsAt: string;
    expiresAt: string;
    minutes: number;
  };
}

export type TemplateName = keyof Templates;

/** The subject and text of a message (English: accounts have no language yet). */
export function render<T extends TemplateName>(template: T, payload: Templates[T]): { subject: string; text: string } {
  switch (template) {
    case 'registration.code': {
      const p = payload as Templates['registration.code'];
      return {
        subject: 'Finish signing up for Dinewire',
        text: `Finish signing up: ${p.code}\n\nThe code works once, for ${p.minutes} minutes. If you did not sign up, ignore this message.`,
      };
    }
    case 'registration.exists': {
      const p = payload as Templates['registration.exists'];
      return {
        subject: 'Your Dinewire account',
        text: `Hello ${p.name},\n\nYou already have an account; sign in or reset your password.\n\nIf this was not you, you can ignore this message.`,
      };
    }
    case 'signin.code': {
      const p = payload as Templates['signin.code'];
      return {
        subject: `Your Dinewire sign-in code: ${p.code}`,
        text: `Your Dinewire sign-in code is ${p.code}. It works once, for ${p.minutes} minutes. Never share it; if you did not ask for it, ignore this message.`,
      };
    }
    case 'signin.unknown':
      return {
        subject: 'Signing in to Dinewire',
        text: 'Someone asked to sign in to Dinewire with this address, but no account has it. If this was you, sign up first; if not, ignore this message.',
      };
    case 'reservation.reminder': {
      const p = payload as Templates['reservation.reminder'];
      return {
        subject: `Your table at ${p.restaurant}: ${p.when}`,
        text: `Hello ${p.name},\n\nA reminder of your booking at ${p.restaurant} for ${p.partySize} on ${p.when}. Your confirmation code is ${p.code}.\n\nIf your plans changed, please change or cancel the booking from its page so the table can go to someone else.`,
      };
    }
    case 'waitlist.offered':
      return waitlistOffered(payload as Templates['waitlist.offered']);
  }
  throw new Error(`unknown template ${String(template)}`);
}

/** The offer in the language the guest joined the line in. */
function waitlistOffered(p: Templates['waitlist.offered']): { subject: string; text: string } {
  switch (p.lang) {
    case 'zh-Hant':
      return {
        subject: `${p.restaurant}：您候補的座位已有空位`,
        text: `${p.name} 您好：\n\n${p.restaurant} 於 ${p.date} ${p.startsAt} 有一張可供 ${p.partySize} 位的餐桌，已為您保留至 ${p.expiresAt}（${p.minutes} 分鐘）。請打開您的候補頁面確認訂位；逾時未確認，座位將讓給下一位客人。`,
      };
    case 'zh-Hans':
      return {
        subject: `${p.restaurant}：您候补的座位已有空位`,
        text: `${p.name} 您好：\n\n${p.restaurant} 于 ${p.date} ${p.startsAt} 有一张可供 ${p.partySize} 位的餐桌，已为您保留至 ${p.expiresAt}（${p.minutes} 分钟）。请打开您的候补页面确认订位；逾时未确认，座位将让给下一位客人。`,
      };
    default:
      return {
        subject: `A table at ${p.restaurant} is free for you`,
        text: `Hello ${p.name},\n\nA table for ${p.partySize} at ${p.restaurant} on ${p.date} at ${p.startsAt} is held for you until ${p.expiresAt} (${p.minutes} minutes). Open your waitlist page to book it; after that it goes to the next guest in line.`,
      };
  }
}
