export { I18n } from './i18n.svelte';
export { getI18n, setI18n } from './context';
export { errorMessage } from './errors';
export type { ErrorMessage } from './errors';
export { formatMessage, interpolate, pluralForm } from './format';
export type { Message, MessageParams, Messages, PluralMessage } from './format';
export { isLocale, localeNames, matchLocale } from './locale';
export { uiMessages } from './messages';
export type { UiMessageKey } from './messages';
