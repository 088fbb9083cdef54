import { Locales, type Locale } from '@dinewire/protocol';

/** Each language named in itself, as a switcher shows it whatever the current language. */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  'zh-Hant': '繁體中文',
  'zh-Hans': '简体中文',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (Locales as readonly string[]).includes(value);
}

/** The best of our languages for a list of BCP 47 tags (e.g. `navigator.languages`). */
export function matchLocale(tags: readonly string[], fallback: Locale = 'en'): Locale {
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (isLocale(tag)) return tag;
    if (lower.startsWith('zh')) {
      return /hant|-tw|-hk|-mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
    }
    if (lower.startsWith('en')) return 'en';
  }
  return fallback;
}
