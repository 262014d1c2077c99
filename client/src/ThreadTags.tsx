import { useId, useState, type FormEvent } from 'react';
import type { ThreadSummary } from '../../shared/api';
import { errorText, setThreadTags } from './api';
import { useTranslation } from 'react-i18next';

/** The thread's tags as chips, each removable, and a box to add one. */
export function ThreadTags({ thread, onChanged }: { thread: ThreadSummary; onChanged: (thread: ThreadSummary) => void }) {
  const [draft, setDraft] = useState('');
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  async function save(tags: string[]) {
    setError(null);
    try {
      onChanged((await setThreadTags(thread.id, tags)).thread);
      setDraft('');
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  function add(event: FormEvent) {
    event.preventDefault();
    const tag = draft.trim().toLowerCase();
    if (tag && !thread.tags.includes(tag)) void save([...thread.tags, tag]);
  }

  return (
    <form className="thread-tags" onSubmit={add} data-testid="thread-tags">
      <ul className="tag-list" aria-label={t('tags.label')}>
        {thread.tags.map((tag) => (
          <li key={tag} className="tag" data-testid="tag">
            {tag}
            <button type="button" className="tag-remove" onClick={() => void save(thread.tags.filter((t) => t !== tag))}>
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">{t('tags.remove', { tag })}</span>
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor={inputId} className="visually-hidden">
        {t('tags.add')}
      </label>
      <input id={inputId} className="tag-input" placeholder={t('tags.placeholder')} value={draft} data-testid="tag-input" onChange={(event) => setDraft(event.target.value)} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
