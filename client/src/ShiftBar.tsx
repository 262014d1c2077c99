import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getPresence, setAway } from './api';
import { QUERY_KEYS } from './queries';

const REFRESH_MS = 30_000;

/** Who is on shift, each team's queue, and this agent's own away switch. */
export function ShiftBar({ agentId }: { agentId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // On a failed refresh the header keeps the last figures; the inbox shows connection trouble itself.
  const { data: presence } = useQuery({ queryKey: QUERY_KEYS.presence, queryFn: getPresence, refetchInterval: REFRESH_MS });
  const away = useMutation({
    mutationFn: setAway,
    onSuccess: () => client.invalidateQueries({ queryKey: QUERY_KEYS.presence }),
  });

  if (!presence) return null;
  const isAway = presence.onShift.find((agent) => agent.id === agentId)?.isAway ?? false;
  const available = presence.onShift.filter((agent) => !agent.isAway);
  const waiting = presence.queues.filter((queue) => queue.waiting > 0);


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
      <button type="button" className="button button-on-dark button-small" onClick={() => away.mutate(!isAway)} disabled={away.isPending} data-testid="away-toggle">
        {isAway ? t('shift.back') : t('shift.setAway')}
      </button>
    </div>
  );
}
