/** Every message the system sends, and what each one's payload holds. */
export interface Templates {
  /** A new address: the code that finishes signing up. */
  'registration.code': { code: string; minutes: number };
  /** An address that already has an account: registering again only tells its owner so. */
  'registration.exists': { name: string };
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
  }
  throw new Error(`unknown template ${String(template)}`);
}
