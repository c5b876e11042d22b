import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { formatDate, formatDateTime } from './dates.js';
import { type Lang, type MessageKey, translate } from './dictionary.js';

const STORAGE = 'sinergi.lang';

let current: Lang = 'id';
/** The language the API client sends (Accept-Language), kept in step with the screen. */
export const currentLanguage = (): Lang => current;

const initial = (): Lang => {
  try {
    return localStorage.getItem(STORAGE) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
};

interface LanguageContext {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  dateTime(iso: string): string;
  date(iso: string): string;
}

const Context = createContext<LanguageContext | null>(null);

export const LanguageProvider = ({ children }: { children: ReactNode }) => {
  const [lang, setLangState] = useState<Lang>(initial);
  current = lang;
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    current = next;
    try {
      localStorage.setItem(STORAGE, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setLangState(next);
  }, []);
  const value = useMemo<LanguageContext>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      dateTime: (iso) => formatDateTime(iso, lang),
      date: (iso) => formatDate(iso, lang),
    }),
    [lang, setLang],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
};

export const useLanguage = (): LanguageContext => {
  const value = useContext(Context);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
};
