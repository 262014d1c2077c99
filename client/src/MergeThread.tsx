import { useState, type FormEvent } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { errorText, listThreads, mergeThread } from './api';

/** "This is the same person as SMD-…": merge the open thread into the one with that reference. */
export function MergeThread({ thread, onMerged }: { thread: ThreadSummary; onMerged: (into: ThreadSummary) => void }) {
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function merge(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const wanted = reference.trim().toUpperCase();
      const { threads } = await listThreads({ view: 'all', q: wanted });
      const into = threads.find((candidate) => candidate.reference === wanted);
      if (!into) throw new Error(`No thread has the reference ${wanted}.`);
      onMerged((await mergeThread(thread.id, into.id)).thread);
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  if (thread.status === 'closed') return null;
  return (
    <details className="merge-thread">
      <summary>Merge into another thread</summary>
      <form onSubmit={merge} className="escalation-form">
        <label className="inline-select">
          <span>Reference of the thread to keep</span>
          <input value={reference} placeholder="SMD-2026-000123" data-testid="merge-reference" onChange={(event) => setReference(event.target.value)} required />
        </label>
        <button type="submit" className="button" data-testid="merge-submit">
          Merge
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
