import { useCallback, useEffect, useState } from 'react';
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
        <h1 className="inbox-title">Broadcasts</h1>
        <p className="agent-name">{agent.name}</p>
        <button type="button" className="button button-on-dark" data-testid="back-to-inbox" onClick={onBack}>
          Back to inbox
        </button>
      </header>
      <main className="broadcasts-main">
        <div className="broadcast-row">
          <button type="button" className="button button-primary" data-testid="new-broadcast" onClick={() => setIsComposing(true)} disabled={!settings || isComposing}>
            New broadcast
          </button>
          <label>
            Area{' '}
            <select data-testid="broadcast-area-filter" value={area ?? ''} onChange={(event) => setArea(event.target.value || null)}>
              <option value="">All areas</option>
              {settings?.areaTags.map((tag) => (
                <option key={tag} value={tag}>{tag}</option>
              ))}
            </select>
          </label>
          {staleCount > 0 && <p className="broadcast-stale" role="status">{staleCount} appeal{staleCount === 1 ? ' has' : 's have'} been up a long time.</p>}
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
        {broadcasts.length === 0 && <p>No broadcasts yet.</p>}
        {broadcasts.map((broadcast) => (
          <BroadcastCard key={broadcast.id} broadcast={broadcast} agent={agent} onChanged={replace} />
        ))}
      </main>
    </div>
  );
}
