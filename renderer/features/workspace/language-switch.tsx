import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useT } from '../../lib/use-t.js';
import { isLanguage, supportedLanguages } from '../../../shared/i18n/languages.js';

const LANGUAGE_NAMES = { en: 'common:language.en', 'zh-CN': 'common:language.zh-CN' } as const;

/** Chooses the window's language; the choice applies at once. Memoised: the status bar around it renders with every batch's counts. */
export const LanguageSwitch = memo(function LanguageSwitch() {
  const t = useT();
  const { i18n } = useTranslation();
  return (
    <select
      className="language-switch"
      aria-label={t('common:language.label')}
      value={i18n.language}
      onChange={(event) => {
        if (isLanguage(event.target.value)) void i18n.changeLanguage(event.target.value);
      }}
    >
      {supportedLanguages.map((language) => (
        <option key={language} value={language}>
          {t(LANGUAGE_NAMES[language])}
        </option>
      ))}
    </select>
  );
});
