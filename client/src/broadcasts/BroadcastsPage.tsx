import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/api';
import type { BroadcastSettings, BroadcastView } from '../../../shared/broadcasts';
import { errorText } from '../api';
import { connectSocket, onBroadcastUpdated, onConnected } from '../socket';
import { BroadcastCard } from './BroadcastCard';
import { BroadcastComposer } from './BroadcastComposer';
import { listBroadcasts } from './broadcastsApi';
import './broadcasts.css';

interface BroadcastsPageProps {
  agent: AgentView;
  onBack(): void;
}

/** Road closures and appeals to Facebook and X: compose, approve, follow each channel live, withdraw. */
export function BroadcastsPage({ agent, onBack }: BroadcastsPageProps) {
  const [broadcasts, setBroadcasts] = useState<BroadcastView[]>([]);
  const [settings, setSettings] = useState<BroadcastSettings | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [isComposing, setIsComposing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { t } = useTranslation();

  const reload = useCallback(() => {
    listBroadcasts(area).then(
      (response) => {
        setBroadcasts(response.broadcasts);
        setSettings(response.settings);
        setProblem(null);
      },
      (failure: unknown) => setProblem(errorText(failure)),
    );
  }, [area]);

  useEffect(reload, [reload]);
  useEffect(() => {
    connectSocket();
    const stopReloading = onConnected(reload);
    const stopListening = onBroadcastUpdated((updated) => {
      if (area && !updated.areaTags.includes(area)) return;
      setBroadcasts((current) =>
        current.some((item) => item.id === updated.id) ? current.map((item) => (item.id === updated.id ? updated : item)) : [updated, ...current],
      );
    });
    return () => {
      stopReloading();
      stopListening();
    };
  }, [reload, area]);

  const replace = (updated: BroadcastView) => setBroadcasts((current) => current.map((item) => (item.id === updated.id ? updated : item)));
  const staleCount = broadcasts.filter((item) => item.isStale).length;

  return (
    <div className="broadcasts-page" data-testid="broadcasts-page">
      <header className="inbox-header">
        <h1 className="inbox-title">{t('broadcasts.title')}</h1>
        <p className="agent-name">{agent.name}</p>
        <button type="button" className="button button-on-dark" data-testid="back-to-inbox" onClick={onBack}>
          {t('broadcasts.backToInbox')}
        </button>
      </header>
      <main className="broadcasts-main">
        <div className="broadcast-row">
          <button type="button" className="button button-primary" data-testid="new-broadcast" onClick={() => setIsComposing(true)} disabled={!settings || isComposing}>
            {t('broadcasts.newBroadcast')}
          </button>
          <label>
            {t('broadcasts.area')}{' '}
            <select data-testid="broadcast-area-filter" value={area ?? ''} onChange={(event) => setArea(event.target.value || null)}>
              <option value="">{t('broadcasts.allAreas')}</option>
              {settings?.areaTags.map((tag) => (
                <option key={tag} value={tag}>{tag}</option>
              ))}
            </select>
          </label>
          {staleCount > 0 && <p className="broadcast-stale" role="status">{t('broadcasts.longUp', { count: staleCount })}</p>}
        </div>
        {problem && <p className="form-error" role="alert">{problem}</p>}
        {isComposing && settings && (
          <BroadcastComposer
            settings={settings}
            onDone={() => {
              setIsComposing(false);
              reload();
            }}
          />
        )}
        {broadcasts.length === 0 && <p>{t('broadcasts.none')}</p>}
        {broadcasts.map((broadcast) => (
          <BroadcastCard key={broadcast.id} broadcast={broadcast} agent={agent} onChanged={replace} />
        ))}
      </main>
    </div>
  );
}
