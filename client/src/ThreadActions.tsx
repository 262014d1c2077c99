import { useState } from 'react';
import type { AgentView, DeskDirectoryResponse, ThreadResponse, ThreadSummary } from '../../shared/api';
import { assignThread, errorText, setThreadStatus, takeThread } from './api';
import { useTranslation } from 'react-i18next';

interface ThreadActionsProps {
  thread: ThreadSummary;
  agent: AgentView;
  directory: DeskDirectoryResponse;
  onChanged: (thread: ThreadSummary) => void;
}

/** Take, assign and move the status of the open thread. Each answers with the thread as it now is. */
export function ThreadActions({ thread, agent, directory, onChanged }: ThreadActionsProps) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { t } = useTranslation();
  const isSupervisor = agent.role !== 'agent';
  const isMine = thread.assignee?.id === agent.id;

  async function run(action: () => Promise<ThreadResponse>) {
    setIsBusy(true);
    setError(null);
    try {
      onChanged((await action()).thread);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setIsBusy(false);
    }
  }

  const assignees = isSupervisor ? directory.agents : directory.agents.filter((candidate) => candidate.id === agent.id);

  return (
    <div className="thread-actions" data-testid="thread-actions">
      {!isMine && (
        <button type="button" className="button" data-testid="action-take" disabled={isBusy} onClick={() => run(() => takeThread(thread.id))}>
          {t('actions.take')} <kbd>a</kbd>
        </button>
      )}
      <label className="inline-select">
        <span>{t('actions.assignee')}</span>
        <select
          data-testid="action-assignee"
          value={thread.assignee?.id ?? ''}
          disabled={isBusy || (!isSupervisor && thread.assignee !== null && !isMine)}
          onChange={(event) => run(() => assignThread(thread.id, { assigneeId: event.target.value || null }))}
        >
          <option value="">{t('actions.nobody')}</option>
          {thread.assignee && !assignees.some((candidate) => candidate.id === thread.assignee?.id) && (
            <option value={thread.assignee.id}>{thread.assignee.name}</option>
          )}
          {assignees.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>{candidate.id === agent.id ? t('actions.me', { name: candidate.name }) : candidate.name}</option>
          ))}
        </select>
      </label>
      <label className="inline-select">
        <span>{t('actions.team')}</span>
        <select
          data-testid="action-team"
          value={thread.team?.id ?? ''}
          disabled={isBusy}
          onChange={(event) => run(() => assignThread(thread.id, { assigneeId: thread.assignee?.id ?? null, teamId: event.target.value || null }))}
        >
          <option value="">{t('actions.noTeam')}</option>
          {directory.teams.map((team) => (
            <option key={team.id} value={team.id}>{team.name}</option>
          ))}
        </select>
      </label>
      {thread.status === 'closed' ? (
        <button type="button" className="button" data-testid="action-reopen" disabled={isBusy} onClick={() => run(() => setThreadStatus(thread.id, 'open'))}>
          {t('actions.reopen')}
        </button>
      ) : thread.status !== 'escalated' ? (
        <>
          {thread.status !== 'pending' && (
            <button type="button" className="button" data-testid="action-pending" disabled={isBusy} onClick={() => run(() => setThreadStatus(thread.id, 'pending'))}>
              {t('actions.pending')}
            </button>
          )}
          <button type="button" className="button" data-testid="action-close" disabled={isBusy} onClick={() => run(() => setThreadStatus(thread.id, 'closed'))}>
            {t('actions.close')} <kbd>e</kbd>
          </button>
        </>
      ) : null}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
