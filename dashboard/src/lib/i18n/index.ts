import type { Locale } from '@dinewire/protocol';
import { I18n, getI18n as getSharedI18n } from '@dinewire/ui/i18n';
import { en, type MessageKey, type Messages } from './en';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

export type { MessageKey, Messages } from './en';
export { setI18n } from '@dinewire/ui/i18n';

export type StaffI18n = I18n<MessageKey>;

const tables: Record<Locale, Messages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export function createI18n(locale: Locale): StaffI18n {
  return new I18n<MessageKey>(tables, locale);
}

/** The dashboard's I18n, with its own keys. */
export function getI18n(): StaffI18n {
  return getSharedI18n<MessageKey>();
}
