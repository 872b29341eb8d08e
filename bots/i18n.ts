// Messages in the user's language, shared by both bots: Fluent files in bots/locales.
import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", es: "Español" };

export type TranslateArgs = Record<string, FluentVariable>;
export type Translate = (key: string, args?: TranslateArgs) => string;

/** The supported locale closest to a platform's language code ("es-419" → "es"). */
export function pickLocale(code: string | null | undefined): Locale {
  const base = (code ?? "").toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? "") ? (base as Locale) : DEFAULT_LOCALE;
}

function loadBundle(locale: Locale): FluentBundle {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const source = readFileSync(new URL(`./locales/${locale}.ftl`, import.meta.url), "utf8");
  const errors = bundle.addResource(new FluentResource(source));
  if (errors.length) throw new Error(`bots/locales/${locale}.ftl: ${errors.map(String).join("; ")}`);
  return bundle;
}

export interface I18n {
  t(locale: Locale, key: string, args?: TranslateArgs): string;
  translator(locale: Locale): Translate;
  /** Every message id of the default locale (for tests: each locale must have them all). */
  keys(locale: Locale): string[];
}

export function createI18n(): I18n {
  const bundles = new Map(LOCALES.map((l) => [l, loadBundle(l)]));
  const fallback = bundles.get(DEFAULT_LOCALE)!;
  /**
   * Messages formatted without arguments, by locale then key: the same text every time (a button's
   * label, a heading), so formatted once. Only keys a bundle has are kept: a bounded set.
   */
  const plain = new Map(LOCALES.map((l) => [l, new Map<string, string>()]));
  const formatIn = (bundle: FluentBundle, key: string, args?: TranslateArgs): string | undefined => {
    const message = bundle.getMessage(key);
    return message?.value ? bundle.formatPattern(message.value, args) : undefined;
  };
  const format = (locale: Locale, key: string, args?: TranslateArgs): string => {
    const cache = args ? undefined : plain.get(locale);
    const cached = cache?.get(key);
    if (cached !== undefined) return cached;
    const bundle = bundles.get(locale) ?? fallback;
    const text = formatIn(bundle, key, args) ?? (bundle === fallback ? undefined : formatIn(fallback, key, args));
    if (text === undefined) return key;
    cache?.set(key, text);
    return text;
  };
  return {
    t: format,
    translator: (locale) => (key, args) => format(locale, key, args),
    keys: (locale) => {
      const source = readFileSync(new URL(`./locales/${locale}.ftl`, import.meta.url), "utf8");
      return [...source.matchAll(/^([a-z][\w-]*)\s*=/gm)].map((m) => m[1]!);
    },
  };
}
