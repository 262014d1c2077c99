import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { AgentView } from '../../shared/api';
import { errorText, getMe, isUnauthorised, logout } from './api';
import { BroadcastsPage } from './broadcasts/BroadcastsPage';
import { InboxPage } from './InboxPage';
import { LoginPage } from './LoginPage';
import { onConnectionStateChange } from './socket';

const ReportsApp = lazy(() => import('./reports/ReportsApp'));
const WebhooksPage = lazy(() => import('./integrations/WebhooksPage'));
const ApiTokensPage = lazy(() => import('./ApiTokensPage'));

type Session =
  | { kind: 'checking' }
  | { kind: 'signed-out'; notice: string | null }
  | { kind: 'signed-in'; agent: AgentView }
  | { kind: 'unreachable'; message: string };

const SESSION_ENDED = 'Your session has ended. Sign in again to carry on.';

/** Decides between the login page and the inbox, from the server's idea of who is signed in. */
export function App() {
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  const [page, setPage] = useState<'inbox' | 'broadcasts'>('inbox');

  const checkSession = useCallback((noticeIfSignedOut: string | null) => {
    getMe().then(
      ({ agent }) => setSession({ kind: 'signed-in', agent }),
      (failure: unknown) => {
        if (isUnauthorised(failure)) {
          setSession({ kind: 'signed-out', notice: noticeIfSignedOut });
          return;
        }
        console.error('Could not check the session', failure);
        setSession({ kind: 'unreachable', message: errorText(failure) });
      },
    );
  }, []);

  useEffect(() => checkSession(null), [checkSession]);

  // The socket handshake is refused when the session cookie is no longer valid.
  useEffect(
    () =>
      onConnectionStateChange((state) => {
        if (state === 'refused') checkSession(SESSION_ENDED);
      }),
    [checkSession],
  );

  const handleSessionExpired = useCallback(() => {
    setSession({ kind: 'signed-out', notice: SESSION_ENDED });
  }, []);

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
      return <p className="page-status" role="status">Loading Social Desk…</p>;
    case 'unreachable':
      return (
        <div className="page-status" role="alert">
          <p>{session.message}</p>
          <button type="button" className="button" onClick={() => checkSession(null)}>
            Try again
          </button>
        </div>
      );
    case 'signed-out':
      return (
        <LoginPage notice={session.notice} onSignedIn={(agent) => setSession({ kind: 'signed-in', agent })} />
      );
    case 'signed-in':
      if (window.location.pathname.startsWith('/reports')) {
        return (
          <Suspense fallback={<p className="page-status" role="status">Loading reports…</p>}>
            <ReportsApp agent={session.agent} />
          </Suspense>
        );
      }
      if (window.location.pathname.startsWith('/integrations')) {
        return (
          <Suspense fallback={<p className="page-status" role="status">Loading integrations…</p>}>
            <WebhooksPage agent={session.agent} />
          </Suspense>
        );
      }
      if (window.location.pathname.startsWith('/admin/api-tokens')) {
        return (
          <Suspense fallback={<p className="page-status" role="status">Loading API tokens…</p>}>
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
