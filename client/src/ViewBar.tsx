import { useEffect, useState, type ReactNode } from 'react';
import type { DeskDirectoryResponse, ThreadListQuery } from '../../shared/api';
import { CHANNEL_TYPES, LANGUAGES, RISK_LEVELS, THREAD_STATUSES } from '../../shared/constants';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

interface ViewBarProps {
  query: ThreadListQuery;
  onChange: (query: ThreadListQuery) => void;
  directory: DeskDirectoryResponse;
  agentId: string;
  searchRef: React.RefObject<HTMLInputElement | null>;
}

interface ViewChoice {
  key: string;
  label: string;
  query: Pick<ThreadListQuery, 'view' | 'teamId'>;
}

function viewChoices(directory: DeskDirectoryResponse, t: TFunction): ViewChoice[] {
  return [
    { key: 'attention', label: t('views.attention'), query: { view: 'attention' } },
    { key: 'mine', label: t('views.mine'), query: { view: 'mine' } },
    ...directory.teams.map((team) => ({ key: `team:${team.id}`, label: team.name, query: { view: 'team' as const, teamId: team.id } })),
    { key: 'escalated', label: t('views.escalated'), query: { view: 'escalated' } },
    { key: 'closed', label: t('views.closed'), query: { view: 'closed' } },
    { key: 'all', label: t('views.all'), query: { view: 'all' } },
  ];
}

export function viewKey(query: Pick<ThreadListQuery, 'view' | 'teamId'>): string {
  return query.view === 'team' ? `team:${query.teamId}` : query.view;
}

/** Views, filters and search above the thread list. */
export function ViewBar({ query, onChange, directory, agentId, searchRef }: ViewBarProps) {
  const [search, setSearch] = useState(query.q ?? '');
  const current = viewKey(query);
  const { t } = useTranslation();

  // Search as the agent types, once they pause: one request per pause, not per key.
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((query.q ?? '') !== search.trim()) onChange({ ...query, q: search.trim() || undefined });
    }, 250);
    return () => clearTimeout(timer);
  }, [search, query, onChange]);

  function setFilter<K extends keyof ThreadListQuery>(key: K, value: string) {
    onChange({ ...query, [key]: value ? [value] : undefined });
  }

  return (
    <div className="view-bar">
      <nav aria-label={t('views.label')}>
        <ul className="view-tabs">
          {viewChoices(directory, t).map((choice) => (
            <li key={choice.key}>
              <button
                type="button"
                className={choice.key === current ? 'view-tab is-current' : 'view-tab'}
                aria-current={choice.key === current ? 'page' : undefined}
                data-testid={`view-${choice.key.startsWith('team:') ? 'team' : choice.key}`}
                onClick={() => onChange({ ...query, ...choice.query, teamId: choice.query.teamId })}
              >
                {choice.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <form className="search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="thread-search" className="visually-hidden">
          {t('views.searchLabel')}
        </label>
        <input
          id="thread-search"
          ref={searchRef}
          type="search"
          className="search-input"
          data-testid="search-input"
          placeholder={t('views.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </form>
      <details className="filters">
        <summary>{t('views.filters')}</summary>
        <div className="filter-grid">
          <Filter name="channel" label={t('views.channel')} value={query.channel?.[0]} onChange={(value) => setFilter('channel', value)}>
            {CHANNEL_TYPES.map((channel) => (
              <option key={channel} value={channel}>{t(`channel.${channel}`)}</option>
            ))}
          </Filter>
          <Filter name="status" label={t('views.status')} value={query.status?.[0]} onChange={(value) => setFilter('status', value)}>
            {THREAD_STATUSES.map((status) => (
              <option key={status} value={status}>{t(`status.${status}`)}</option>
            ))}
          </Filter>
          <Filter name="risk" label={t('views.risk')} value={query.risk?.[0]} onChange={(value) => setFilter('risk', value)}>
            {RISK_LEVELS.map((risk) => (
              <option key={risk} value={risk}>{t(`risk.${risk}`)}</option>
            ))}
          </Filter>
          <Filter name="language" label={t('views.language')} value={query.language?.[0]} onChange={(value) => setFilter('language', value)}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>{t(`language.${language}`)}</option>
            ))}
          </Filter>
          <Filter name="assignee" label={t('views.assignee')} value={query.assignee?.[0]} onChange={(value) => setFilter('assignee', value)}>
            <option value="none">{t('views.unassigned')}</option>
            <option value={agentId}>{t('views.me')}</option>
            {directory.agents.filter((agent) => agent.id !== agentId).map((agent) => (
              <option key={agent.id} value={agent.id}>{agent.name}</option>
            ))}
          </Filter>
          <TextFilter name="category" label={t('views.category')} value={query.category?.[0]} onChange={(value) => setFilter('category', value)} />
          <TextFilter name="tag" label={t('views.tag')} value={query.tag?.[0]} onChange={(value) => setFilter('tag', value)} />
        </div>
      </details>
    </div>
  );
}

function Filter({ name, label, value, onChange, children }: { name: string; label: string; value: string | undefined; onChange: (value: string) => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value)} data-testid={`filter-${name}`}>
        <option value="">{t('views.any')}</option>
        {children}
      </select>
    </label>
  );
}

function TextFilter({ name, label, value, onChange }: { name: string; label: string; value: string | undefined; onChange: (value: string) => void }) {
  const [text, setText] = useState(value ?? '');
  return (
    <label className="filter">
      <span>{label}</span>
      <input
        type="text"
        value={text}
        data-testid={`filter-${name}`}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => onChange(text.trim())}
        onKeyDown={(event) => event.key === 'Enter' && onChange(text.trim())}
      />
    </label>
  );
}
