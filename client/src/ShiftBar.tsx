import { useEffect, useState } from 'react';
import type { PresenceResponse } from '../../shared/presence';
import { getPresence, setAway } from './api';
import { onConnected } from './socket';
import { useTranslation } from 'react-i18next';

const REFRESH_MS = 30_000;

/** Who is on shift, each team's queue, and this agent's own away switch. */
export function ShiftBar({ agentId }: { agentId: string }) {
  const [presence, setPresence] = useState<PresenceResponse | null>(null);
  const { t } = useTranslation();

  useEffect(() => {
    let isCurrent = true;
    const load = () =>
      getPresence().then(
        (loaded) => isCurrent && setPresence(loaded),
        () => undefined, // the header keeps the last figures; the inbox shows connection trouble itself
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    const stopConnected = onConnected(() => void load());
    return () => {
      isCurrent = false;
      clearInterval(timer);
      stopConnected();
    };
  }, []);

  if (!presence) return null;
  const isAway = presence.onShift.find((agent) => agent.id === agentId)?.isAway ?? false;
  const available = presence.onShift.filter((agent) => !agent.isAway);
  const waiting = presence.queues.filter((queue) => queue.waiting > 0);

  async function toggleAway() {
    await setAway(!isAway);
    setPresence(await getPresence());
  }

  return (
    <div className="shift-bar" data-testid="shift-bar">
      <span title={presence.onShift.map((agent) => `${agent.name}${agent.isAway ? ` ${t('shift.awaySuffix')}` : ''}`).join(', ')}>
        {t('shift.onShift', { count: available.length })}
        {presence.onShift.length > available.length && ` ${t('shift.away', { count: presence.onShift.length - available.length })}`}
      </span>
      {waiting.map((queue) => (
        <span key={queue.teamId} className="shift-queue">
          {queue.teamName} {queue.waiting}
        </span>
      ))}
      <button type="button" className="button button-on-dark button-small" onClick={() => void toggleAway()} data-testid="away-toggle">
        {isAway ? t('shift.back') : t('shift.setAway')}
      </button>
    </div>
  );
}
