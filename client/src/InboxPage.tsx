import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { AgentView } from '../../shared/api';
import {
  connectSocket,
  disconnectSocket,
  getConnectionState,
  onConnectionStateChange,
  type ConnectionState,
} from './socket';
import { EmergencyAlert } from './EmergencyAlert';
import { ThreadList } from './ThreadList';
import { ThreadView } from './ThreadView';
import { useThreads } from './useThreads';

interface InboxPageProps {
  agent: AgentView;
  onLogout: () => Promise<void>;
  onSessionExpired: () => void;
}

const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Offline',
};

/** Said across the page, because a desk that silently stops updating misses emergencies. */
const CONNECTION_WARNINGS: Record<ConnectionState, string> = {
  connecting: '',
  connected: '',
  reconnecting: 'Connection lost. Reconnecting… new messages may arrive late.',
  refused: 'Live updates are off: the server refused the connection. Retrying…',
};

function useConnectionState(): ConnectionState {
  return useSyncExternalStore(onConnectionStateChange, getConnectionState);
}

/** The signed-in agent's desk: thread list on the left, the open thread on the right. */
export function InboxPage({ agent, onLogout, onSessionExpired }: InboxPageProps) {
  const [openThreadId, setOpenThreadId] = useState<string | null>(null);
  const [isLoggingOut, setIsLoggingOut] = useState(false);
  const { threads, isLoading, error, reload, markRead } = useThreads(openThreadId, onSessionExpired);
  const connection = useConnectionState();

  useEffect(() => {
    connectSocket();
    return () => disconnectSocket();
  }, []);

  const unreadCount = threads.filter((t) => t.unread).length;
  useEffect(() => {
    // Desk staff keep other tabs open; the tab title is the one thing they see from there.
    document.title = unreadCount > 0 ? `(${unreadCount}) Social Desk` : 'Social Desk';
  }, [unreadCount]);

  const openThread = useCallback(
    (threadId: string) => {
      setOpenThreadId(threadId);
      markRead(threadId);
    },
    [markRead],
  );

  async function handleLogout() {
    setIsLoggingOut(true);
    await onLogout();
  }

  return (
    <div className="inbox" data-testid="inbox" data-thread-open={openThreadId !== null}>
      <header className="inbox-header">
        <h1 className="inbox-title">Social Desk</h1>
        <p className={`connection connection-${connection}`}>
          <span className="connection-dot" aria-hidden="true" />
          {CONNECTION_LABELS[connection]}
        </p>
        <p className="agent-name">{agent.name}</p>
        <button type="button" className="button button-on-dark" onClick={handleLogout} disabled={isLoggingOut}>
          Log out
        </button>
      </header>
      <p className="connection-warning" role="status">
        {CONNECTION_WARNINGS[connection]}
      </p>

      <EmergencyAlert onOpen={openThread} />

      <div className="inbox-body">
        <section className="inbox-list" aria-labelledby="thread-list-title">
          <h2 id="thread-list-title" className="pane-title">
            Conversations
            {unreadCount > 0 && <span className="unread-count">{unreadCount} unread</span>}
          </h2>
          {error && (
            <div className="pane-error" role="alert">
              <p>{error}</p>
              <button type="button" className="button" onClick={reload}>
                Try again
              </button>
            </div>
          )}
          <ThreadList threads={threads} isLoading={isLoading} openThreadId={openThreadId} onOpen={openThread} />
        </section>

        <div className="inbox-thread">
          {openThreadId === null ? (
            <p className="empty-state">Choose a conversation from the list to read and reply.</p>
          ) : (
            <ThreadView
              key={openThreadId}
              threadId={openThreadId}
              agentName={agent.name}
              onBack={() => setOpenThreadId(null)}
              onSessionExpired={onSessionExpired}
            />
          )}
        </div>
      </div>
    </div>
  );
}
