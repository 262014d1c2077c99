import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getPresence, setAway } from './api';
import { QUERY_KEYS } from './queries';
import { onConnected, onShiftChanged } from './socket';

const REFRESH_MS = 30_000;

// On a failed refresh the header keeps the last figures; the inbox shows connection trouble itself.
function usePresence() {
  return useQuery({ queryKey: QUERY_KEYS.presence, queryFn: getPresence, refetchInterval: REFRESH_MS }).data;
}

/** This agent's away switch (an away agent is not counted as available on the shift bar). */
export function useAwaySwitch(agentId: string) {
  const client = useQueryClient();
  const presence = usePresence();
  const away = useMutation({
    mutationFn: setAway,
    onSuccess: () => client.invalidateQueries({ queryKey: QUERY_KEYS.presence }),
  });
  const isAway = presence?.onShift.find((agent) => agent.id === agentId)?.isAway ?? false;
  return { isAway, isSaving: away.isPending, toggle: () => away.mutate(!isAway) };
}

/** Who is on shift and each team's queue, always in sight in the header. */
export function ShiftBar() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const presence = usePresence();
  // Fetched when shown, when this agent's socket connects, and whenever the server says who is on
  // shift changed (a colleague arriving, leaving or stepping away; this agent's own socket counted).
  useEffect(() => {
    const refresh = () => void client.invalidateQueries({ queryKey: QUERY_KEYS.presence });
    refresh();
    const unsubscribes = [onConnected(refresh), onShiftChanged(refresh)];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [client]);
  if (!presence) return null;
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
    </div>
  );
}
