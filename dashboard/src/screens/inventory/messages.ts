import type { Messages } from '@dinewire/ui/i18n';

/** The inventory screen's strings, spread into the app's tables (lib/i18n); the others must have exactly these keys. */
export const en = {} satisfies Messages<string>;

export type Key = keyof typeof en;

export const zhHant: Messages<Key> = {};

export const zhHans: Messages<Key> = {};
