import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AgentView, ThreadListQuery } from '../../shared/api';
import { setThreadStatus, takeThread } from './api';
import type { ComposerMode } from './Composer';
import { CannedAdmin } from './CannedAdmin';
import { AccountsAdminButton } from './admin/AccountsAdmin';
import { EscalationAlerts } from './EscalationAlerts';
import { MentionAlerts } from './MentionAlerts';
import { useRefetchOnReconnect, useSocketUpdatesCache } from './queries';
import { ShortcutHelp } from './ShortcutHelp';
import { useCannedResponses } from './useCannedResponses';
import {
  connectSocket,
  disconnectSocket,
  getConnectionState,
  onConnectionStateChange,
  type ConnectionState,
} from './socket';
import { EmergencyAlert } from './EmergencyAlert';
import { ShiftBar } from './ShiftBar';
import { SupervisionButton } from './supervision/SupervisionButton';
import { ThreadList } from './ThreadList';
import { ThreadView } from './ThreadView';
import { useDirectory } from './useDirectory';
import { useThreads } from './useThreads';
import { ViewBar } from './ViewBar';
import { useTranslation } from 'react-i18next';
import { AccountMenu, DeskMenu } from './HeaderMenus';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

interface InboxPageProps {
  agent: AgentView;
  onLogout: () => Promise<void>;
  onSessionExpired: () => void;
  /** Shows the Broadcasts page (road closures and appeals to Facebook and X). */
  onOpenBroadcasts?: () => void;
}

/** Said across the page, because a desk that silently stops updating misses emergencies. */
const CONNECTION_WARNINGS: Record<ConnectionState, 'inbox.reconnectingWarning' | 'inbox.refusedWarning' | null> = {
  connecting: null,
  connected: null,
  reconnecting: 'inbox.reconnectingWarning',
  refused: 'inbox.refusedWarning',
};

function useConnectionState(): ConnectionState {
  return useSyncExternalStore(onConnectionStateChange, getConnectionState);
}

/** The signed-in agent's desk: thread list on the left, the open thread on the right. */
export function InboxPage({ agent, onLogout, onSessionExpired, onOpenBroadcasts }: InboxPageProps) {
  const [openThreadId, setOpenThreadId] = useState<string | null>(null);
  const [isLoggingOut, setIsLoggingOut] = useState(false);
  const [query, setQuery] = useState<ThreadListQuery>({ view: 'attention' });
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const [composerRequest, setComposerRequest] = useState<{ mode: ComposerMode; at: number } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const directory = useDirectory();
  const canned = useCannedResponses();
  const [isCannedAdminOpen, setIsCannedAdminOpen] = useState(false);
  const { threads, isLoading, isLoadingMore, error, reload, markRead } = useThreads(openThreadId, onSessionExpired, query, agent.id);
  const connection = useConnectionState();
  useRefetchOnReconnect();
  useSocketUpdatesCache();
  const { t } = useTranslation();
  const connectionWarning = CONNECTION_WARNINGS[connection];

  useEffect(() => {
    connectSocket();
    return () => disconnectSocket();
  }, []);

  const unreadCount = threads.filter((t) => t.unread).length;
  useEffect(() => {
    // Desk staff keep other tabs open; the tab title is the one thing they see from there.
    document.title = unreadCount > 0 ? t('inbox.tabTitleUnread', { count: unreadCount }) : t('app.name');
  }, [unreadCount, t]);

  const openThread = useCallback(
    (threadId: string) => {
      setOpenThreadId(threadId);
      markRead(threadId);
    },
    [markRead],
  );

  // Whole-shift work: everything common is one key away (listed under `?`).
  useEffect(() => {
    function handleKey(event: KeyboardEvent) {
      if (event.key === 'Escape' && isTyping(event.target)) {
        (event.target as HTMLElement).blur();
        return;
      }
      // In an open header menu the keys belong to the menu (arrows, letters jump to items).
      if (event.target instanceof Element && event.target.closest('[role="menu"]')) return;
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey || isHelpOpen || isCannedAdminOpen) return;
      const index = threads.findIndex((thread) => thread.id === openThreadId);
      const act = (action: () => Promise<unknown>) => action().catch((failure: unknown) => console.error('Shortcut action failed', failure));
      const handlers: Record<string, () => void> = {
        j: () => threads[Math.min(threads.length - 1, index + 1)] && openThread(threads[Math.min(threads.length - 1, index + 1)]!.id),
        k: () => threads[Math.max(0, index - 1)] && openThread(threads[Math.max(0, index - 1)]!.id),
        '/': () => searchRef.current?.focus(),
        '?': () => setIsHelpOpen(true),
        r: () => openThreadId && setComposerRequest({ mode: 'reply', at: Date.now() }),
        n: () => openThreadId && setComposerRequest({ mode: 'note', at: Date.now() }),
        a: () => openThreadId && act(() => takeThread(openThreadId)),
        e: () => openThreadId && act(() => setThreadStatus(openThreadId, 'closed')),
      };
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    }
    document.addEventListener('keydown', handleKey);
    return () => document.removeEventListener('keydown', handleKey);
  }, [threads, openThreadId, openThread, isHelpOpen, isCannedAdminOpen]);

  async function handleLogout() {
    setIsLoggingOut(true);
    await onLogout();
  }

  return (
    <div className="inbox" data-testid="inbox" data-thread-open={openThreadId !== null}>
      <header className="inbox-header">
        <h1 className="inbox-title">{t('app.name')}</h1>
        <p className={`connection connection-${connection}`}>
          <span className="connection-dot" aria-hidden="true" />
          {t(`inbox.${connection}`)}
        </p>
        <ShiftBar />
        <div className="header-actions">
          {agent.role !== 'agent' && <SupervisionButton agent={agent} onOpenThread={openThread} />}
          {agent.role === 'admin' && <AccountsAdminButton currentAgentId={agent.id} teams={directory.teams} />}
          <DeskMenu agent={agent} onOpenBroadcasts={onOpenBroadcasts} onOpenCannedAdmin={() => setIsCannedAdminOpen(true)} onOpenShortcuts={() => setIsHelpOpen(true)} />
          <AccountMenu agent={agent} isLoggingOut={isLoggingOut} onLogout={() => void handleLogout()} />
        </div>
      </header>
      <p className="connection-warning" role="status">
        {connectionWarning ? t(connectionWarning) : ''}
      </p>

      <EmergencyAlert onOpen={openThread} />
      <EscalationAlerts agentId={agent.id} directory={directory} onOpen={openThread} />
      <MentionAlerts onOpen={openThread} />

      <div className="inbox-body">
        <section className="inbox-list" aria-labelledby="thread-list-title">
          <ViewBar query={query} onChange={setQuery} directory={directory} agentId={agent.id} searchRef={searchRef} />
          <h2 id="thread-list-title" className="pane-title">
            {t('inbox.conversations')}
            {/* Always in the page, so screen readers hear the count change as threads arrive. */}
            <span aria-live="polite">{unreadCount > 0 && <span className="unread-count">{t('inbox.unreadCount', { count: unreadCount })}</span>}</span>
          </h2>
          {error && (
            <div className="pane-error" role="alert">
              <p>{error}</p>
              <button type="button" className="button" onClick={reload}>
                {t('app.tryAgain')}
              </button>
            </div>
          )}
          {/* A new view, filter or search starts at its top, not where the last one was scrolled to. */}
          <ThreadList key={JSON.stringify(query)} threads={threads} isLoading={isLoading} isLoadingMore={isLoadingMore} openThreadId={openThreadId} onOpen={openThread} />
        </section>

        <div className="inbox-thread">
          {openThreadId === null ? (
            <p className="empty-state">{t('inbox.chooseConversation')}</p>
          ) : (
            <ThreadView
              key={openThreadId}
              threadId={openThreadId}
              agentName={agent.name}
              onBack={() => setOpenThreadId(null)}
              onSessionExpired={onSessionExpired}
              agent={agent}
              directory={directory}
              composerRequest={composerRequest}
              cannedResponses={canned.cannedResponses}
              onOpenThread={openThread}
            />
          )}
        </div>
      </div>
      <ShortcutHelp opened={isHelpOpen} onClose={() => setIsHelpOpen(false)} />
      {isCannedAdminOpen && (
        <CannedAdmin cannedResponses={canned.cannedResponses} onChanged={canned.reload} onClose={() => setIsCannedAdminOpen(false)} />
      )}
    </div>
  );
}
