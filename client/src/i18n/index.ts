import { createInstance, type i18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/constants';
import { cy } from './cy';
import { en } from './en';
import { pagesCy } from './pages.cy';
import { pagesEn } from './pages.en';

export const DESK_LANGUAGES: readonly Language[] = ['en', 'cy'];
const LAST_LANGUAGE_KEY = 'social-desk.desk.language';

/**
 * The desk's own i18next instance (the public pages have theirs). The agent's choice is kept on
 * the server; this machine only remembers the last one, so the sign-in page speaks it too.
 */
export function createDeskTranslations(language: Language = rememberedLanguage()): i18n {
  const instance = deskTranslations(language);
  showLanguage(language);
  return instance;
}

/** The inbox's words (en.ts) and the other pages' (pages.en.ts), in one language; no page touched. */
export function deskTranslations(language: Language): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: { ...en, ...pagesEn } }, cy: { translation: { ...cy, ...pagesCy } } },
    lng: language,
    fallbackLng: 'en',
    initAsync: false, // resources are bundled: ready before the first render
    interpolation: { escapeValue: false }, // React escapes
  });
  return instance;
}

export async function switchDeskLanguage(instance: i18n, language: Language): Promise<void> {
  if (instance.language !== language) await instance.changeLanguage(language);
  showLanguage(language);
  try {
    window.localStorage.setItem(LAST_LANGUAGE_KEY, language);
  } catch {
    // storage blocked: the server still has the choice
  }
}

function rememberedLanguage(): Language {
  try {
    return window.localStorage.getItem(LAST_LANGUAGE_KEY) === 'cy' ? 'cy' : 'en';
  } catch {
    return 'en';
  }
}

/** Screen readers pick their voice from the page's lang. */
function showLanguage(language: Language): void {
  document.documentElement.lang = language === 'cy' ? 'cy' : 'en-GB';
}

/** Locale for dates and numbers in the current screen language. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.language === 'cy' ? 'cy-GB' : 'en-GB';
}
