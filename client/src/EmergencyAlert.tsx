import { useEffect, useState } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { onEmergency } from './socket';
import { contactName } from './threadLabels';

/**
 * An emergency must not wait in the list: every agent sees this banner, whatever they have open,
 * until someone opens the thread or dismisses it.
 */
export function EmergencyAlert({ onOpen }: { onOpen: (threadId: string) => void }) {
  const [emergencies, setEmergencies] = useState<ThreadSummary[]>([]);

  useEffect(
    () =>
      onEmergency((thread) =>
        setEmergencies((current) => [thread, ...current.filter((candidate) => candidate.id !== thread.id)]),
      ),
    [],
  );

  const dismiss = (threadId: string) => setEmergencies((current) => current.filter((thread) => thread.id !== threadId));
  if (emergencies.length === 0) return null;
  return (
    <div className="emergency-alerts" role="alert" data-testid="emergency-alert">
      {emergencies.map((thread) => (
        <p key={thread.id} className="emergency-alert">
          <strong>Emergency</strong> from {contactName(thread.contact)} ({thread.reference}): “{thread.lastMessagePreview}”
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              dismiss(thread.id);
              onOpen(thread.id);
            }}
          >
            Open now
          </button>
          <button type="button" className="button button-small" onClick={() => dismiss(thread.id)} aria-label={`Dismiss the alert for ${thread.reference}`}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
