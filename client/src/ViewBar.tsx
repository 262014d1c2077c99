import { useEffect, useState, type ReactNode } from 'react';
import type { DeskDirectoryResponse, ThreadListQuery } from '../../shared/api';
import { CHANNEL_TYPES, LANGUAGES, RISK_LEVELS, THREAD_STATUSES } from '../../shared/constants';
import { CHANNEL_LABELS, RISK_LABELS, STATUS_LABELS } from './threadLabels';

interface ViewBarProps {
  query: ThreadListQuery;
  onChange: (query: ThreadListQuery) => void;
  directory: DeskDirectoryResponse;
  agentId: string;
  searchRef: React.RefObject<HTMLInputElement | null>;
}

const LANGUAGE_LABELS = { en: 'English', cy: 'Welsh' } as const;

interface ViewChoice {
  key: string;
  label: string;
  query: Pick<ThreadListQuery, 'view' | 'teamId'>;
}

function viewChoices(directory: DeskDirectoryResponse): ViewChoice[] {
  return [
    { key: 'attention', label: 'Needs attention', query: { view: 'attention' } },
    { key: 'mine', label: 'Mine', query: { view: 'mine' } },
    ...directory.teams.map((team) => ({ key: `team:${team.id}`, label: team.name, query: { view: 'team' as const, teamId: team.id } })),
    { key: 'escalated', label: 'Escalated', query: { view: 'escalated' } },
    { key: 'closed', label: 'Closed', query: { view: 'closed' } },
    { key: 'all', label: 'All', query: { view: 'all' } },
  ];
}

export function viewKey(query: Pick<ThreadListQuery, 'view' | 'teamId'>): string {
  return query.view === 'team' ? `team:${query.teamId}` : query.view;
}

/** Views, filters and search above the thread list. */
export function ViewBar({ query, onChange, directory, agentId, searchRef }: ViewBarProps) {
  const [search, setSearch] = useState(query.q ?? '');
  const current = viewKey(query);

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
      <nav aria-label="Views">
        <ul className="view-tabs">
          {viewChoices(directory).map((choice) => (
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
          Search messages, names and references
        </label>
        <input
          id="thread-search"
          ref={searchRef}
          type="search"
          className="search-input"
          data-testid="search-input"
          placeholder="Search (press /)"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </form>
      <details className="filters">
        <summary>Filters</summary>
        <div className="filter-grid">
          <Filter label="Channel" value={query.channel?.[0]} onChange={(value) => setFilter('channel', value)}>
            {CHANNEL_TYPES.map((channel) => (
              <option key={channel} value={channel}>{CHANNEL_LABELS[channel]}</option>
            ))}
          </Filter>
          <Filter label="Status" value={query.status?.[0]} onChange={(value) => setFilter('status', value)}>
            {THREAD_STATUSES.map((status) => (
              <option key={status} value={status}>{STATUS_LABELS[status]}</option>
            ))}
          </Filter>
          <Filter label="Risk" value={query.risk?.[0]} onChange={(value) => setFilter('risk', value)}>
            {RISK_LEVELS.map((risk) => (
              <option key={risk} value={risk}>{RISK_LABELS[risk]}</option>
            ))}
          </Filter>
          <Filter label="Language" value={query.language?.[0]} onChange={(value) => setFilter('language', value)}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>{LANGUAGE_LABELS[language]}</option>
            ))}
          </Filter>
          <Filter label="Assignee" value={query.assignee?.[0]} onChange={(value) => setFilter('assignee', value)}>
            <option value="none">Unassigned</option>
            <option value={agentId}>Me</option>
            {directory.agents.filter((agent) => agent.id !== agentId).map((agent) => (
              <option key={agent.id} value={agent.id}>{agent.name}</option>
            ))}
          </Filter>
          <TextFilter label="Category" value={query.category?.[0]} onChange={(value) => setFilter('category', value)} />
          <TextFilter label="Tag" value={query.tag?.[0]} onChange={(value) => setFilter('tag', value)} />
        </div>
      </details>
    </div>
  );
}

function Filter({ label, value, onChange, children }: { label: string; value: string | undefined; onChange: (value: string) => void; children: ReactNode }) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value)} data-testid={`filter-${label.toLowerCase()}`}>
        <option value="">Any</option>
        {children}
      </select>
    </label>
  );
}

function TextFilter({ label, value, onChange }: { label: string; value: string | undefined; onChange: (value: string) => void }) {
  const [text, setText] = useState(value ?? '');
  return (
    <label className="filter">
      <span>{label}</span>
      <input
        type="text"
        value={text}
        data-testid={`filter-${label.toLowerCase()}`}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => onChange(text.trim())}
        onKeyDown={(event) => event.key === 'Enter' && onChange(text.trim())}
      />
    </label>
  );
}
