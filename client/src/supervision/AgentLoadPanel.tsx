import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/api';
import { LANGUAGES, ROUTING_MODES, type Language, type RoutingMode } from '../../../shared/constants';
import type { AgentLoad, AgentSettingsRequest, RoutingOverviewResponse } from '../../../shared/supervision';
import { errorText } from '../api';
import { onConnected, onLoadChanged, onThreadUpdated } from '../socket';
import { getRoutingOverview, setAgentSettings, setTeamRouting } from './supervisionApi';

// Thread pushes come in bursts (a routing pass, a release): reload once they settle.
const RELOAD_AFTER_MS = 500;

/** Each agent's load (open threads / limit) and availability, live; admins set limits and team routing here. */
export function AgentLoadPanel({ agent }: { agent: AgentView }) {
  const [overview, setOverview] = useState<RoutingOverviewResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isAdmin = agent.role === 'admin';
  const { t } = useTranslation();

  const reload = useCallback(() => {
    getRoutingOverview().then(setOverview, (failure: unknown) => setError(errorText(failure)));
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reloadSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(reload, RELOAD_AFTER_MS);
    };
    reload();
    const stops = [onLoadChanged(reloadSoon), onThreadUpdated(reloadSoon), onConnected(reload)];
    return () => {
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }, [reload]);

  async function change(action: () => Promise<RoutingOverviewResponse>) {
    setError(null);
    try {
      setOverview(await action());
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  if (!overview) return error ? <p className="form-error" role="alert">{error}</p> : <p className="empty-state">{t('supervision.loadingLoad')}</p>;
  return (
    <section aria-labelledby="agent-load-title" data-testid="agent-load">
      <h3 id="agent-load-title">{t('supervision.loadTitle')}</h3>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <table className="agent-load-table">
        <thead>
          <tr>
            <th scope="col">{t('supervision.agent')}</th>
            <th scope="col">{t('supervision.openOfLimit')}</th>
            <th scope="col">{t('supervision.status')}</th>
            <th scope="col">{t('supervision.languages')}</th>
            <th scope="col">{t('supervision.needApproval')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.agents.map((load) => (
            <AgentRow key={load.id} load={load} isAdmin={isAdmin} onChange={(settings) => change(() => setAgentSettings(load.id, settings))} />
          ))}
        </tbody>
      </table>
      <h3>{t('supervision.routingTitle')}</h3>
      <ul className="team-routing-list">
        {overview.teams.map((team) => (
          <li key={team.id}>
            <label className="inline-select">
              <span>{team.name}</span>
              <select
                value={team.routingMode}
                disabled={!isAdmin}
                data-testid="team-routing"
                onChange={(event) => void change(() => setTeamRouting(team.id, event.target.value as RoutingMode))}
              >
                {ROUTING_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`supervision.mode.${mode}`)}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AgentRow({ load, isAdmin, onChange }: { load: AgentLoad; isAdmin: boolean; onChange: (settings: AgentSettingsRequest) => void }) {
  const { t } = useTranslation();
  const status = !load.isOnShift ? t('supervision.offShift') : load.isAway ? t('supervision.away') : t('supervision.available');
  const isFull = load.openThreads >= load.threadLimit;
  return (
    <tr data-testid="agent-load-row" data-agent-id={load.id}>
      <th scope="row">{load.name}</th>
      <td className={isFull ? 'agent-load-full' : undefined} data-testid="agent-load-figure">
        {load.openThreads} / {isAdmin ? (
          <input
            type="number"
            min={0}
            max={50}
            defaultValue={load.threadLimit}
            aria-label={t('supervision.limitFor', { name: load.name })}
            className="agent-limit-input"
            onBlur={(event) => {
              const limit = Number(event.target.value);
              if (Number.isInteger(limit) && limit !== load.threadLimit) onChange({ threadLimit: limit });
            }}
          />
        ) : (
          load.threadLimit
        )}
      </td>
      <td>{status}</td>
      <td>
        {isAdmin ? (
          <LanguageChoice load={load} onChange={(languages) => onChange({ languages })} />
        ) : (
          load.languages.map((language) => t(`supervision.languageName.${language}`)).join(', ')
        )}
      </td>
      <td>
        <input
          type="checkbox"
          checked={load.repliesNeedApproval}
          disabled={!isAdmin}
          aria-label={t('supervision.approvalFor', { name: load.name })}
          onChange={(event) => onChange({ repliesNeedApproval: event.target.checked })}
        />
      </td>
    </tr>
  );
}

/** The languages routing may give this agent threads in (at least one). */
function LanguageChoice({ load, onChange }: { load: AgentLoad; onChange: (languages: Language[]) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {LANGUAGES.map((language) => {
        const isChosen = load.languages.includes(language);
        return (
          <label key={language} className="agent-language">
            <input
              type="checkbox"
              checked={isChosen}
              disabled={isChosen && load.languages.length === 1}
              onChange={() => onChange(isChosen ? load.languages.filter((other) => other !== language) : [...load.languages, language])}
            />
            {t(`supervision.languageName.${language}`)}
            <span className="visually-hidden">{t('supervision.forName', { name: load.name })}</span>
          </label>
        );
      })}
    </>
  );
}
