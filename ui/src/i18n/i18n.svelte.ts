import type { Locale, LocalizedText } from '@dinewire/protocol';
import { formatMessage, type Message, type MessageParams, type Messages } from './format';
import { uiMessages, type UiMessageKey } from './messages';

/**
 * The current language with its string table (the shared components' strings under the app's
 * own, which may reword them) and its number and date formats. `K` is the app's own keys.
 */
export class I18n<K extends string = never> {
  #locale = $state<Locale>('en');
  readonly #tables: Record<Locale, Readonly<Record<string, Message>>>;
  readonly #numberFormats = new Map<string, { format: Intl.NumberFormat; minorDigits: number }>();

  constructor(tables: Record<Locale, Messages<K>>, initial: Locale) {
    this.#tables = {
      en: { ...uiMessages.en, ...tables.en },
      'zh-Hant': { ...uiMessages['zh-Hant'], ...tables['zh-Hant'] },
      'zh-Hans': { ...uiMessages['zh-Hans'], ...tables['zh-Hans'] },
    };
    this.setLocale(initial);
  }

  get locale(): Locale {
    return this.#locale;
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    // `<html lang>` is the screen's language (CONTRACT.md); absent where there is no page (unit tests).
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }

  /** A message; plural ones take their count as `params.n`. */
  t(key: K | UiMessageKey, params?: MessageParams): string {
    return this.lookup(key, params) ?? key;
  }

  /** A key built from API data (an event type, a code): its text, or null when the table has none. */
  lookup(key: string, params?: MessageParams): string | null {
    const message = this.#tables[this.#locale][key];
    return message === undefined ? null : formatMessage(message, this.#locale, params);
  }

  /**
   * A code from the API (a tag, an allergen, a cuisine, an area) in the current language; the
   * code itself when the table has no entry (`gluten-free` and `Level 3` look up `gluten_free`, `level_3`).
   */
  code(prefix: string, code: string): string {
    return this.lookup(`${prefix}.${code.toLowerCase().replace(/[\s-]+/g, '_')}`) ?? code;
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

  /** Wall-clock time, hh:mm (24-hour, unambiguous in every language), or hh:mm:ss. */
  time(date: Date | string, withSeconds = false): string {
    return new Intl.DateTimeFormat(this.#locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(withSeconds ? { second: '2-digit' } : {}),
    }).format(new Date(date));
  }

  /** A date and time in this language (a past order's), in `timeZone` when given (the restaurant's). */
  dateTime(date: Date | string, timeZone?: string): string {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' };
    try {
      return new Intl.DateTimeFormat(this.#locale, { ...options, timeZone }).format(new Date(date));
    } catch {
      // An unknown time zone: the device's own.
      return new Intl.DateTimeFormat(this.#locale, options).format(new Date(date));
    }
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
