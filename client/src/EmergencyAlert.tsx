import { useEffect, useState } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { onEmergency, onThreadUpdated } from './socket';
import { contactName } from './threadLabels';
import { useTranslation } from 'react-i18next';

/**
 * An emergency must not wait in the list: every agent sees this banner and hears a tone, whatever
 * they have open, until someone takes the thread (it gets an assignee) or they open it.
 */
export function EmergencyAlert({ onOpen }: { onOpen: (threadId: string) => void }) {
  const [emergencies, setEmergencies] = useState<ThreadSummary[]>([]);
  const { t } = useTranslation();

  useEffect(() => {
    const stopEmergencies = onEmergency((thread) => {
      if (thread.assignee) return;
      playAlertTone();
      setEmergencies((current) => [thread, ...current.filter((candidate) => candidate.id !== thread.id)]);
    });
    const stopUpdates = onThreadUpdated((thread) => {
      if (thread.assignee) setEmergencies((current) => current.filter((candidate) => candidate.id !== thread.id));
    });
    return () => {
      stopEmergencies();
      stopUpdates();
    };
  }, []);

  if (emergencies.length === 0) return null;
  // Two at a time keeps the conversation on screen; the rest are counted, and the list shows them all.
  const shown = emergencies.slice(0, MAX_SHOWN);
  const hidden = emergencies.length - shown.length;
  return (
    <div className="emergency-alerts" role="alert" data-testid="emergency-alert">
      {shown.map((thread) => (
        <p key={thread.id} className="emergency-alert">
          <strong>{t('emergency.title')}</strong>{' '}
          {t('emergency.from', { name: thread.isRedacted ? t('emergency.restricted') : contactName(thread.contact, t('contact.unknown')), reference: thread.reference })}
          {thread.lastMessagePreview && `: “${thread.lastMessagePreview}”`}
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setEmergencies((current) => current.filter((candidate) => candidate.id !== thread.id));
              onOpen(thread.id);
            }}
          >
            {t('emergency.openNow')}
          </button>
        </p>
      ))}
      {hidden > 0 && <p className="emergency-alert">{t('emergency.moreWaiting', { count: hidden })}</p>}
    </div>
  );
}

const MAX_SHOWN = 2;

/** Two short tones: heard by an agent looking at another screen. Browsers may block sound until the page was clicked. */
function playAlertTone(): void {
  try {
    const audio = new AudioContext();
    for (const [start, frequency] of [[0, 880], [0.25, 660]] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + start);
      oscillator.stop(audio.currentTime + start + 0.2);
    }
    setTimeout(() => void audio.close(), 1000);
  } catch {
    // no audio device: the banner still shows
  }
}
