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
  }
  throw new Error(`unknown template ${String(template)}`);
}
