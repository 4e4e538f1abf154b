import { type Language, type MessageKey, messages } from './messages';

export type { Language, MessageKey };

const storageKey = 'citybrain.cockpit.language';
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  if (stored === 'zh' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current: Language = initialLanguage();

export const i18n = {
  get language(): Language {
    return current;
  },
  /** The locale for numbers and dates. */
  get locale(): string {
    return current === 'zh' ? 'zh-CN' : 'en-GB';
  },
  set(language: Language): void {
    if (language === current) return;
    current = language;
    localStorage.setItem(storageKey, language);
    document.documentElement.lang = i18n.locale;
    listeners.forEach((listener) => listener());
  },
  onChange(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The message in the current language, with {placeholders} filled in. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  const text = messages[current][key];
  return values ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? '')) : text;
}

/** A place's name in the current language. */
export function placeName(place: { name: string; nameZh: string }): string {
  return current === 'zh' ? place.nameZh : place.name;
}
