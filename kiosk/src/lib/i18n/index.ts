export { I18n, getI18n, setI18n, isLocale, localeNames, matchLocale } from './i18n.svelte';
export type { MessageParams } from './i18n.svelte';
export type { MessageKey, Messages } from './en';
export { errorMessageKey } from './errors';
