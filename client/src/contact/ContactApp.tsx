import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../../../shared/public-contact';
import { AddToReportPage } from './AddToReportPage';
import { ChatPage } from './ChatPage';
import { PublicLayout } from './PublicLayout';
import { goWithoutHistory } from './quickExit';
import { ReportPage } from './ReportPage';

type PublicRoute = 'chat' | 'report' | 'add' | 'index';

export function routeOf(pathname: string): PublicRoute {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/contact/chat') return 'chat';
  if (path === '/contact/report') return 'report';
  if (path === '/contact/report/add') return 'add';
  return 'index';
}

const TITLES: Record<PublicRoute, string> = {
  chat: 'chat.title',
  report: 'report.title',
  add: 'add.title',
  index: 'common.chatLink',
};

/** The public pages, chosen by path: no router, no history entries of our own. */
export function ContactApp({ config }: { config: PublicConfig }) {
  const { t, i18n } = useTranslation();
  const route = routeOf(window.location.pathname);
  const isEmbedded = new URLSearchParams(window.location.search).has('embed');
  const title = t(TITLES[route]);
  document.title = title;

  return (
    <PublicLayout key={i18n.language} title={title} quickExitUrl={config.quickExitUrl} isEmbedded={isEmbedded}>
      {route === 'chat' && <ChatPage config={config} />}
      {route === 'report' && <ReportPage />}
      {route === 'add' && <AddToReportPage />}
      {route === 'index' && (
        <nav aria-label={t('common.chatLink')}>
          <ul className="public-links">
            {(['/contact/chat', '/contact/report', '/contact/report/add'] as const).map((path, index) => (
              <li key={path}>
                <a href={path} onClick={(event) => (event.preventDefault(), goWithoutHistory(path))}>
                  {t(['common.chatLink', 'common.reportLink', 'common.addLink'][index]!)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </PublicLayout>
  );
}
