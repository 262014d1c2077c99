import { useState } from 'react';
import { Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/constants';
import { setUiLanguage } from './api';
import { switchDeskLanguage } from './i18n';

/** Each language's name in itself, so an agent who cannot read the current one still finds theirs. */
const OWN_NAMES: Record<Language, string> = { en: 'English', cy: 'Cymraeg' };

/** English ⇄ Cymraeg for the desk's screens, an item of the account menu; stored on the agent, so it follows them to any machine. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const [isSaving, setIsSaving] = useState(false);
  const other: Language = i18n.language === 'cy' ? 'en' : 'cy';

  async function switchTo(language: Language) {
    setIsSaving(true);
    try {
      const { agent } = await setUiLanguage(language);
      await switchDeskLanguage(i18n, agent.uiLanguage);
    } catch (failure) {
      console.error('Could not save the screen language', failure);
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <Menu.Item data-testid="ui-language" disabled={isSaving} onClick={() => void switchTo(other)}>
      <span className="visually-hidden">{t('inbox.language')}: </span>
      <span lang={other}>{OWN_NAMES[other]}</span>
    </Menu.Item>
  );
}
