import { useState } from 'react';
import { Button, Menu, Select } from '@mantine/core';
import type { AgentView, DeskDirectoryResponse, ThreadResponse, ThreadSummary } from '../../shared/api';
import { assignThread, errorText, setThreadStatus, takeThread } from './api';
import { useTranslation } from 'react-i18next';

interface ThreadActionsProps {
  thread: ThreadSummary;
  agent: AgentView;
  directory: DeskDirectoryResponse;
  onChanged: (thread: ThreadSummary) => void;
}

// Mantine's Select takes strings only: these stand for "no assignee" and "no team" (ids are UUIDs).
const NOBODY = 'nobody';
const NO_TEAM = 'no-team';

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
  const assigneeOptions = [
    { value: NOBODY, label: t('actions.nobody') },
    ...(thread.assignee && !assignees.some((candidate) => candidate.id === thread.assignee?.id) ? [{ value: thread.assignee.id, label: thread.assignee.name }] : []),
    ...assignees.map((candidate) => ({ value: candidate.id, label: candidate.id === agent.id ? t('actions.me', { name: candidate.name }) : candidate.name })),
  ];
  const teamOptions = [{ value: NO_TEAM, label: t('actions.noTeam') }, ...directory.teams.map((team) => ({ value: team.id, label: team.name }))];
  const statusButton = { variant: 'default', size: 'xs', disabled: isBusy } as const;

  return (
    <div className="thread-actions" data-testid="thread-actions">
      {!isMine && (
        <Button {...statusButton} variant="filled" data-testid="action-take" onClick={() => run(() => takeThread(thread.id))} rightSection={<kbd>a</kbd>}>
          {t('actions.take')}
        </Button>
      )}
      <Select
        size="xs"
        className="inline-field"
        label={t('actions.assignee')}
        data={assigneeOptions}
        value={thread.assignee?.id ?? NOBODY}
        allowDeselect={false}
        disabled={isBusy || (!isSupervisor && thread.assignee !== null && !isMine)}
        data-testid="action-assignee"
        onChange={(value) => value && run(() => assignThread(thread.id, { assigneeId: value === NOBODY ? null : value }))}
      />
      <Select
        size="xs"
        className="inline-field"
        label={t('actions.team')}
        data={teamOptions}
        value={thread.team?.id ?? NO_TEAM}
        allowDeselect={false}
        disabled={isBusy}
        data-testid="action-team"
        onChange={(value) => value && run(() => assignThread(thread.id, { assigneeId: thread.assignee?.id ?? null, teamId: value === NO_TEAM ? null : value }))}
      />
      {thread.status === 'closed' ? (
        <Button {...statusButton} data-testid="action-reopen" onClick={() => run(() => setThreadStatus(thread.id, 'open'))}>
          {t('actions.reopen')}
        </Button>
      ) : thread.status !== 'escalated' ? (
        <>
          {thread.status !== 'pending' && (
            <Button {...statusButton} data-testid="action-pending" onClick={() => run(() => setThreadStatus(thread.id, 'pending'))}>
              {t('actions.pending')}
            </Button>
          )}
          <Button {...statusButton} data-testid="action-close" onClick={() => run(() => setThreadStatus(thread.id, 'closed'))} rightSection={<kbd>e</kbd>}>
            {t('actions.close')}
          </Button>
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

interface ThreadMoreMenuProps {
  thread: ThreadSummary;
  agent: AgentView;
  onChangeRisk: () => void;
  /** Absent where the view cannot open the merged thread afterwards. */
  onMerge?: () => void;
}

/** What an agent does to a thread now and then, out of the way of take, assign, status and escalate. */
export function ThreadMoreMenu({ thread, agent, onChangeRisk, onMerge }: ThreadMoreMenuProps) {
  const { t } = useTranslation();
  const canMerge = onMerge && thread.status !== 'closed';
  // Supervisors and admins download everything held about the sender (a subject-access request); each download is audited.
  const canExportSubjectAccess = agent.role !== 'agent' && !thread.isRedacted;
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <Button variant="default" size="xs" data-testid="thread-more" rightSection={<span aria-hidden="true">▾</span>}>
          {t('thread.more')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item data-testid="change-risk" onClick={onChangeRisk}>
          {t('triage.changeRisk')}
        </Menu.Item>
        {canMerge && (
          <Menu.Item data-testid="merge-open" onClick={onMerge}>
            {t('merge.summary')}
          </Menu.Item>
        )}
        {canExportSubjectAccess && (
          <Menu.Item component="a" href={`/api/contacts/${encodeURIComponent(thread.contact.id)}/subject-access`} download data-testid="subject-access-export">
            {t('thread.subjectAccessExport')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
