import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('language')}
      size="small"
      value={i18n.language as Language}
      onChange={(language) => void changeLanguage(language)}
      suffixIcon={<GlobalOutlined />}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
      style={{ width: 104 }}
      data-testid="language-switch"
    />
  );
}
