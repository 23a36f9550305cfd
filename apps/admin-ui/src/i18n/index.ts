import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messageBundles } from './bundles';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'unioncase.language';

export function storedLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

const resources: Record<Language, Record<string, object>> = { 'zh-CN': {}, en: {} };
for (const [namespace, bundle] of Object.entries(messageBundles)) {
  resources['zh-CN'][namespace] = bundle.zh;
  resources.en[namespace] = bundle.en;
}

void i18next.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: Object.keys(messageBundles),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function changeLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  return i18next.changeLanguage(language);
}
document.documentElement.lang = storedLanguage();

export default i18next;
