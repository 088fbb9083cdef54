import { createContext } from 'svelte';
import type { I18n } from './i18n.svelte';

const [getShared, setShared] = createContext<I18n>();

/** Makes an app's I18n the one its components (and the shared ones) read. */
export function setI18n<K extends string>(i18n: I18n<K>): I18n<K> {
  setShared(i18n as unknown as I18n);
  return i18n;
}

/** The I18n set above; an app names its own keys (`getI18n<MessageKey>()`). */
export function getI18n<K extends string = never>(): I18n<K> {
  return getShared() as unknown as I18n<K>;
}
