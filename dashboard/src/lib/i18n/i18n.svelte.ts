import { createContext } from 'svelte';
import { Locales, type Locale, type LocalizedText } from '@dinewire/protocol';
import { en, type MessageKey, type Messages } from './en';
import { zhHant } from './zh-Hant';
import { zhHans } from './zh-Hans';

const tables: Record<Locale, Messages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

/** Each language named in itself, as a switcher shows it whatever the current language. */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  'zh-Hant': '繁體中文',
  'zh-Hans': '简体中文',
};

export type MessageParams = Record<string, string | number>;

/** The current language, its string table and its number and date formats. */
export class I18n {
  #locale = $state<Locale>('en');
  readonly #numberFormats = new Map<string, { format: Intl.NumberFormat; minorDigits: number }>();

  constructor(initial: Locale) {
    this.setLocale(initial);
  }

  get locale(): Locale {
    return this.#locale;
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    document.documentElement.lang = locale;
  }

  t(key: MessageKey, params?: MessageParams): string {
    const text = tables[this.#locale][key];
    return params ? interpolate(text, params) : text;
  }

  /** A key built from API data (an event type...), when the table has it. */
  has(key: string): key is MessageKey {
    return key in tables[this.#locale];
  }

  /** A code from the API (a cuisine, an area) in the current language; the code itself when unknown. */
  code(prefix: 'cuisine' | 'area', code: string): string {
    const key = `${prefix}.${code.toLowerCase().replace(/[\s-]+/g, '_')}`;
    return this.has(key) ? this.t(key) : code;
  }

  /** Text the API gives in every language (an order item's dish name), in the current one. */
  pick(text: Partial<LocalizedText> | null | undefined, fallback: string): string {
    return text?.[this.#locale] || fallback;
  }

  /** An amount in minor units (cents), in the currency's own precision. */
  money(minorUnits: number, currency: string): string {
    const key = `${this.#locale}|${currency}`;
    let entry = this.#numberFormats.get(key);
    if (!entry) {
      try {
        const format = new Intl.NumberFormat(this.#locale, { style: 'currency', currency });
        entry = { format, minorDigits: format.resolvedOptions().maximumFractionDigits ?? 2 };
      } catch {
        // Not an ISO 4217 code: show the number with the code beside it.
        return `${(minorUnits / 100).toFixed(2)} ${currency}`;
      }
      this.#numberFormats.set(key, entry);
    }
    return entry.format.format(minorUnits / 10 ** entry.minorDigits);
  }

  /** Wall-clock time: hh:mm, or hh:mm:ss. */
  time(date: Date | string, withSeconds = false): string {
    return new Intl.DateTimeFormat(this.#locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(withSeconds ? { second: '2-digit' } : {}),
    }).format(new Date(date));
  }

  /** An elapsed time as m:ss, or h:mm:ss from an hour on. */
  duration(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  }
}

function interpolate(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The best of our languages for a list of BCP 47 tags (e.g. `navigator.languages`). */
export function matchLocale(tags: readonly string[], fallback: Locale = 'en'): Locale {
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if ((Locales as readonly string[]).includes(tag)) return tag as Locale;
    if (lower.startsWith('zh')) {
      return /hant|-tw|-hk|-mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
    }
    if (lower.startsWith('en')) return 'en';
  }
  return fallback;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (Locales as readonly string[]).includes(value);
}

export const [getI18n, setI18n] = createContext<I18n>();
