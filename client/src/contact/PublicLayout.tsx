import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberLanguage, type ContactLanguage } from './i18n';
import { quickExit, useEscapeToExit } from './quickExit';

interface PublicLayoutProps {
  title: string;
  quickExitUrl: string;
  /** Inside the website's widget frame: a tighter header. */
  isEmbedded: boolean;
  children: ReactNode;
}

/** Every public page: quick exit first, the language switch, the 999 warning, then the page. */
export function PublicLayout({ title, quickExitUrl, isEmbedded, children }: PublicLayoutProps) {
  const { t, i18n } = useTranslation();
  useEscapeToExit(quickExitUrl);
  const otherLanguage: ContactLanguage = i18n.language === 'cy' ? 'en' : 'cy';

  function switchLanguage() {
    void i18n.changeLanguage(otherLanguage);
    rememberLanguage(otherLanguage);
  }

  return (
    <div className={isEmbedded ? 'public-page is-embedded' : 'public-page'}>
      <header className="public-header">
        <button
          type="button"
          className="quick-exit"
          data-testid="quick-exit"
          onClick={() => quickExit(quickExitUrl)}
          aria-describedby="quick-exit-hint"
        >
          {t('common.quickExit')}
        </button>
        <span id="quick-exit-hint" className="visually-hidden">
          {t('common.quickExitHint')}
        </span>
        <button type="button" className="language-switch" data-testid="language-switch" lang={otherLanguage} onClick={switchLanguage}>
          {t('common.switchTo')}
        </button>
      </header>
      <main className="public-main" id="main">
        <h1 className="public-title">{title}</h1>
        <aside className="emergency" aria-labelledby="emergency-title" data-testid="emergency-warning">
          <h2 id="emergency-title" className="emergency-title">
            {t('common.emergencyTitle')}
          </h2>
          <p>{t('common.emergencyBody')}</p>
          <p>{t('common.nonEmergency')}</p>
        </aside>
        {children}
      </main>
    </div>
  );
}
