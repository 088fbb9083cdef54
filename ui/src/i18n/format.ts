import type { Locale } from '@dinewire/protocol';

/** A form for each plural category the language has (CLDR), `=N` for an exact count, `other` always. */
export type PluralMessage = { readonly other: string } & {
  readonly [form in Exclude<Intl.LDMLPluralRule, 'other'> | `=${number}`]?: string;
};
/** A table entry: plain text, or forms chosen by the count in `params.n`. */
export type Message = string | PluralMessage;
export type Messages<K extends string> = { readonly [P in K]: Message };
export type MessageParams = Record<string, string | number>;

const pluralRules = new Map<Locale, Intl.PluralRules>();

function rulesFor(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

/** The form of a plural message for `n` in a language: an exact `=n` form first, then its category. */
export function pluralForm(message: PluralMessage, n: number, locale: Locale): string {
  return message[`=${n}`] ?? message[rulesFor(locale).select(n)] ?? message.other;
}

/** `{name}` placeholders filled from params; an unknown one stays as written, to be seen and fixed. */
export function interpolate(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message as text: its plural form for `params.n` (a count is required by plural messages), filled in. */
export function formatMessage(message: Message, locale: Locale, params?: MessageParams): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const n = params?.n;
    text = typeof n === 'number' ? pluralForm(message, n, locale) : message.other;
  }
  return params ? interpolate(text, params) : text;
}
