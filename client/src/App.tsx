import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { AgentView } from '../../shared/api';
import { errorText, getMe, isUnauthorised, logout } from './api';
import { BroadcastsPage } from './broadcasts/BroadcastsPage';
import { InboxPage } from './InboxPage';
import { LoginPage } from './LoginPage';
import { onConnectionStateChange } from './socket';
import { useTranslation } from 'react-i18next';
import { switchDeskLanguage } from './i18n';

const ReportsApp = lazy(() => import('./reports/ReportsApp'));
const WebhooksPage = lazy(() => import('./integrations/WebhooksPage'));
const ApiTokensPage = lazy(() => import('./admin/ApiTokensPage'));

type Session =
  | { kind: 'checking' }
  | { kind: 'signed-out'; notice: string | null }
  | { kind: 'signed-in'; agent: AgentView }
  | { kind: 'unreachable'; message: string };

/** Decides between the login page and the inbox, from the server's idea of who is signed in. */
export function App() {
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const [page, setPage] = useState<'inbox' | 'broadcasts'>('inbox');
  const { t, i18n } = useTranslation();
  const sessionEnded = t('app.sessionEnded');

  // The agent's own screen language, from their account, whichever machine they sign in on.
  // (react-i18next hands out a new i18n object on each language change: a ref keeps this callback,
  // and so the session check, from running again when the agent switches language.)
  const translations = useRef(i18n);
  translations.current = i18n;
  const signedIn = useCallback((agent: AgentView) => {
    void switchDeskLanguage(translations.current, agent.uiLanguage);
    setSession({ kind: 'signed-in', agent });
  }, []);

  const checkSession = useCallback((noticeIfSignedOut: string | null) => {
    getMe().then(
      ({ agent }) => signedIn(agent),
      (failure: unknown) => {
        if (isUnauthorised(failure)) {
          setSession({ kind: 'signed-out', notice: noticeIfSignedOut });
          return;
        }
        console.error('Could not check the session', failure);
        setSession({ kind: 'unreachable', message: errorText(failure) });
      },
    );
  }, [signedIn]);

  useEffect(() => checkSession(null), [checkSession]);

  // The socket handshake is refused when the session cookie is no longer valid.
  useEffect(
    () =>
      onConnectionStateChange((state) => {
        if (state === 'refused') checkSession(sessionEnded);
      }),
    [checkSession, sessionEnded],
  );

  const handleSessionExpired = useCallback(() => {
    setSession({ kind: 'signed-out', notice: sessionEnded });
  }, [sessionEnded]);

  const handleLogout = useCallback(async () => {
    try {
      await logout();
    } catch (failure) {
      // Leave the inbox anyway: staying signed in on a shared desk machine is the worse outcome.
      console.error('Logout request failed', failure);
    }
    setSession({ kind: 'signed-out', notice: null });
  }, []);

  switch (session.kind) {
    case 'checking':
      return <p className="page-status" role="status">{t('app.loading')}</p>;
    case 'unreachable':
      return (
        <div className="page-status" role="alert">
          <p>{session.message}</p>
          <button type="button" className="button" onClick={() => checkSession(null)}>
            {t('app.tryAgain')}
          </button>
        </div>
      );
    case 'signed-out':
      return (
        <LoginPage notice={session.notice} onSignedIn={signedIn} />
      );
    case 'signed-in':
      if (window.location.pathname.startsWith('/reports')) {
        return (
          <Suspense fallback={<p className="page-status" role="status">{t('app.loadingReports')}</p>}>
            <ReportsApp agent={session.agent} />
          </Suspense>
        );
      }
      if (window.location.pathname.startsWith('/integrations')) {
        return (
          <Suspense fallback={<p className="page-status" role="status">{t('app.loadingIntegrations')}</p>}>
            <WebhooksPage agent={session.agent} />
          </Suspense>
        );
      }
      if (window.location.pathname.startsWith('/admin/api-tokens')) {
        return (
          <Suspense fallback={<p className="page-status" role="status">{t('app.loadingApiTokens')}</p>}>
            <ApiTokensPage agent={session.agent} />
          </Suspense>
        );
      }
      if (page === 'broadcasts') return <BroadcastsPage agent={session.agent} onBack={() => setPage('inbox')} />;
      return (
        <InboxPage agent={session.agent} onLogout={handleLogout} onSessionExpired={handleSessionExpired} onOpenBroadcasts={() => setPage('broadcasts')} />
      );
  }
}
