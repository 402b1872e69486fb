/**
 * The language choice (zh-CN by default, en-US on request), kept in localStorage so a reload keeps it.
 * `t(key, vars)` fills `{name}` placeholders; `pick(zh, en)` chooses between bilingual data fields
 * the server sends (nameZh / name, detailZh / detail).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { zhCN, type MessageKey } from './zh-CN.ts';
import { enUS } from './en-US.ts';

export type Lang = 'zh-CN' | 'en-US';
const STORAGE_KEY = 'plaint.lang';
const CATALOGS = { 'zh-CN': zhCN, 'en-US': enUS } as const;

export type Vars = Record<string, string | number>;
export type TFunction = (key: MessageKey, vars?: Vars) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
  /** Has the key (for data-driven keys such as `event.<type>`, which may be new to the client). */
  has: (key: string) => key is MessageKey;
  pick: (zh: string | null | undefined, en: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return v === 'en-US' ? 'en-US' : 'zh-CN';
}

export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  // The page's language for screen readers and the browser, from the first render (a stored English choice too).
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const catalog = CATALOGS[lang];
    return {
      lang,
      setLang,
      t: (key, vars) => format(catalog[key] ?? key, vars),
      has: (key): key is MessageKey => key in catalog,
      pick: (zh, en) => (lang === 'zh-CN' ? zh || en || '' : en || zh || ''),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): TFunction {
  return useI18n().t;
}
