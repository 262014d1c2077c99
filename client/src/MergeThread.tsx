import { useState, type FormEvent } from 'react';
import { Button, TextInput } from '@mantine/core';
import type { ThreadSummary } from '../../shared/api';
import { errorText, listThreads, mergeThread } from './api';
import { useTranslation } from 'react-i18next';

interface MergeThreadProps {
  thread: ThreadSummary;
  onMerged: (into: ThreadSummary) => void;
  onCancel: () => void;
}

/** "This is the same person as SMD-…": merge the open thread into the one with that reference. */
export function MergeThread({ thread, onMerged, onCancel }: MergeThreadProps) {
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

  return (
    <form onSubmit={merge} className="merge-thread" aria-label={t('merge.summary')}>
      <TextInput
        size="xs"
        className="inline-field"
        label={t('merge.reference')}
        value={reference}
        placeholder="SMD-2026-000123"
        data-testid="merge-reference"
        onChange={(event) => setReference(event.currentTarget.value)}
        required
        // Opened from the thread's menu: the reference is the one thing to type.
        autoFocus
      />
      <Button type="submit" size="xs" data-testid="merge-submit">
        {t('merge.merge')}
      </Button>
      <Button type="button" size="xs" variant="default" onClick={onCancel}>
        {t('triage.cancel')}
      </Button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
