import { Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../shared/api';
import { LanguageSwitch } from './LanguageSwitch';
import { useAwaySwitch } from './ShiftBar';

interface DeskMenuProps {
  agent: AgentView;
  onOpenBroadcasts?: () => void;
  onOpenCannedAdmin: () => void;
  onOpenShortcuts: () => void;
}

/** The desk's other pages and tools, one header button instead of a row that wrapped onto two lines. */
export function DeskMenu({ agent, onOpenBroadcasts, onOpenCannedAdmin, onOpenShortcuts }: DeskMenuProps) {
  const { t } = useTranslation();
  const isSupervisor = agent.role !== 'agent';
  const isAdmin = agent.role === 'admin';
  return (
    <Menu position="bottom-end" shadow="md" width={220}>
      <Menu.Target>
        <button type="button" className="button button-on-dark" data-testid="desk-menu">
          {t('inbox.deskMenu')} <span aria-hidden="true">▾</span>
        </button>
      </Menu.Target>
      <Menu.Dropdown>
        {onOpenBroadcasts && (
          <Menu.Item data-testid="open-broadcasts" onClick={onOpenBroadcasts}>
            {t('inbox.broadcasts')}
          </Menu.Item>
        )}
        {isSupervisor && (
          <Menu.Item data-testid="open-canned-admin" onClick={onOpenCannedAdmin}>
            {t('inbox.cannedResponses')}
          </Menu.Item>
        )}
        {isSupervisor && (
          <Menu.Item component="a" href="/reports">
            {t('inbox.reports')}
          </Menu.Item>
        )}
        {isAdmin && (
          <Menu.Item component="a" href="/integrations">
            {t('inbox.integrations')}
          </Menu.Item>
        )}
        {isAdmin && (
          <Menu.Item component="a" href="/admin/api-tokens">
            {t('inbox.apiTokens')}
          </Menu.Item>
        )}
        <Menu.Item data-testid="open-shortcuts" onClick={onOpenShortcuts} aria-keyshortcuts="?" rightSection={<kbd aria-hidden="true">?</kbd>}>
          {t('inbox.shortcuts')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

interface AccountMenuProps {
  agent: AgentView;
  isLoggingOut: boolean;
  onLogout: () => void;
}

/** The signed-in agent's name, and under it what concerns only them: language, away, sign out. */
export function AccountMenu({ agent, isLoggingOut, onLogout }: AccountMenuProps) {
  const { t } = useTranslation();
  const away = useAwaySwitch(agent.id);
  return (
    <Menu position="bottom-end" shadow="md" width={220}>
      <Menu.Target>
        <button type="button" className="button button-on-dark account-menu" data-testid="account-menu">
          <span className="agent-name">{agent.name}</span>
          {/* An away agent gets no new work: that must show without opening the menu. */}
          {away.isAway && <span className="away-badge" data-testid="away-badge">{t('shift.awayBadge')}</span>}
          <span aria-hidden="true">▾</span>
        </button>
      </Menu.Target>
      <Menu.Dropdown>
        <LanguageSwitch />
        <Menu.Item data-testid="away-toggle" disabled={away.isSaving} onClick={away.toggle}>
          {away.isAway ? t('shift.back') : t('shift.setAway')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item data-testid="log-out" disabled={isLoggingOut} onClick={onLogout}>
          {t('inbox.logOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
