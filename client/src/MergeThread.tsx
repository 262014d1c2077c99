import { useState, type FormEvent } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { errorText, listThreads, mergeThread } from './api';
import { useTranslation } from 'react-i18next';

/** "This is the same person as SMD-…": merge the open thread into the one with that reference. */
export function MergeThread({ thread, onMerged }: { thread: ThreadSummary; onMerged: (into: ThreadSummary) => void }) {
  const [reference, setReference] = useState('');
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);

  async function merge(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const wanted = reference.trim().toUpperCase();
      const { threads } = await listThreads({ view: 'all', q: wanted });
      const into = threads.find((candidate) => candidate.reference === wanted);
      if (!into) throw new Error(t('merge.notFound', { reference: wanted }));
      onMerged((await mergeThread(thread.id, into.id)).thread);
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  if (thread.status === 'closed') return null;
  return (
    <details className="merge-thread">
      <summary>{t('merge.summary')}</summary>
      <form onSubmit={merge} className="escalation-form">
        <label className="inline-select">
          <span>{t('merge.reference')}</span>
          <input value={reference} placeholder="SMD-2026-000123" data-testid="merge-reference" onChange={(event) => setReference(event.target.value)} required />
        </label>
        <button type="submit" className="button" data-testid="merge-submit">
          {t('merge.merge')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
