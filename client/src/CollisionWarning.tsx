import { useEffect, useState } from 'react';
import type { ThreadPresence } from '../../shared/socket';
import { onThreadPresence, onThreadTyping, sendViewing } from './socket';
import { useTranslation } from 'react-i18next';

const TYPING_SHOWN_MS = 4_000;

/** "Sam is also viewing / typing in this conversation": two agents must not answer one person twice. */
export function CollisionWarning({ threadId, agentId }: { threadId: string; agentId: string }) {
  const [viewers, setViewers] = useState<ThreadPresence['viewers']>([]);
  const [typists, setTypists] = useState<Record<string, { name: string; until: number }>>({});
  const [now, setNow] = useState(() => Date.now());
  const { t } = useTranslation();

  useEffect(() => {
    sendViewing(threadId);
    const stops = [
      onThreadPresence((presence) => presence.threadId === threadId && setViewers(presence.viewers.filter((viewer) => viewer.id !== agentId))),
      onThreadTyping((typing) => {
        if (typing.threadId !== threadId || typing.agent.id === agentId) return;
        setTypists((current) => ({ ...current, [typing.agent.id]: { name: typing.agent.name, until: Date.now() + TYPING_SHOWN_MS } }));
        setNow(Date.now());
      }),
    ];
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      stops.forEach((stop) => stop());
      clearInterval(timer);
      sendViewing(null);
    };
  }, [threadId, agentId]);

  const typing = Object.entries(typists).filter(([, typist]) => typist.until > now);
  const typingIds = new Set(typing.map(([id]) => id));
  const onlyViewing = viewers.filter((viewer) => !typingIds.has(viewer.id));
  const parts = [
    ...typing.map(([, typist]) => t('collision.typing', { name: typist.name })),
    ...(onlyViewing.length > 0 ? [t('collision.alsoOpen', { names: onlyViewing.map((viewer) => viewer.name).join(', '), count: onlyViewing.length })] : []),
  ];
  return (
    <p className={typing.length > 0 ? 'collision collision-typing' : 'collision'} role="status" data-testid="collision-warning">
      {parts.join(' · ')}
    </p>
  );
}
