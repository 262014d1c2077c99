import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CannedResponseView } from '../../shared/api';
import { LANGUAGES, type Language } from '../../shared/constants';
import { createCannedResponse, deleteCannedResponse, errorText } from './api';
import { useTranslation } from 'react-i18next';

interface CannedAdminProps {
  cannedResponses: CannedResponseView[];
  onChanged: () => void;
  onClose: () => void;
}

/** Where supervisors write the canned responses agents insert with `/`. */
export function CannedAdmin({ cannedResponses, onChanged, onClose }: CannedAdminProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ shortcut: '', language: 'en' as Language, title: '', body: '' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await createCannedResponse(draft);
      setDraft({ shortcut: '', language: draft.language, title: '', body: '' });
    });
  }

  return (
    <dialog ref={dialog} className="canned-admin" aria-labelledby="canned-admin-title" data-testid="canned-admin" onClose={onClose}>
      <h2 id="canned-admin-title">{t('canned.title')}</h2>
      <p className="canned-hint">
        {t('canned.hint')} <code>{'{{name}}'}</code> <code>{'{{reference}}'}</code>
      </p>
      <ul className="canned-admin-list">
        {cannedResponses.map((canned) => (
          <li key={canned.id}>
            <span>
              <strong>/{canned.shortcut}</strong> ({canned.language}) {canned.title}
            </span>
            <button type="button" className="button" onClick={() => run(() => deleteCannedResponse(canned.id))}>
              {t('canned.delete')} <span className="visually-hidden">/{canned.shortcut} ({canned.language})</span>
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="canned-admin-form">
        <label className="inline-select">
          <span>{t('canned.shortcut')}</span>
          <input required value={draft.shortcut} data-testid="canned-shortcut" onChange={(event) => setDraft({ ...draft, shortcut: event.target.value })} />
        </label>
        <label className="inline-select">
          <span>{t('canned.language')}</span>
          <select value={draft.language} data-testid="canned-language" onChange={(event) => setDraft({ ...draft, language: event.target.value as Language })}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>{language === 'cy' ? t('canned.welsh') : t('canned.english')}</option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>{t('canned.titleField')}</span>
          <input required value={draft.title} data-testid="canned-title" onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
        </label>
        <label className="inline-select canned-body">
          <span>{t('canned.text')}</span>
          <textarea required rows={3} value={draft.body} data-testid="canned-body" onChange={(event) => setDraft({ ...draft, body: event.target.value })} />
        </label>
        <button type="submit" className="button button-primary" data-testid="canned-save">
          {t('canned.add')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button" onClick={onClose}>
        {t('canned.close')}
      </button>
    </dialog>
  );
}
