import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPORT_FIELD_LENGTH, type ChatHistory } from '../../../shared/public-contact';
import { addToReport, lookUpReport, newClientId, PublicApiError } from './publicApi';

/** A reporter comes back with the reference and code: reads our replies and adds information. */
export function AddToReportPage() {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const [code, setCode] = useState('');
  const [report, setReport] = useState<ChatHistory | null>(null);
  const [addition, setAddition] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const additionId = useId();

  function explain(failure: unknown): string {
    if (failure instanceof PublicApiError && failure.code === 'report_not_found') return t('add.notFound');
    if (failure instanceof PublicApiError && failure.code === 'rate_limited') return t('common.rateLimited');
    return t('common.tryAgain');
  }

  async function find(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      setReport(await lookUpReport(reference.trim().toUpperCase(), code.trim()));
    } catch (failure) {
      setError(explain(failure));
    } finally {
      setIsBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!report?.reference || !addition.trim()) return;
    setIsBusy(true);
    setError(null);
    try {
      const result = await addToReport({ reference: report.reference, code, clientId: newClientId(), text: addition.trim() });
      setAdded(result.reference);
      setAddition('');
    } catch (failure) {
      setError(explain(failure));
    } finally {
      setIsBusy(false);
    }
  }

  const errorMessage = error && (
    <p className="form-error" role="alert" data-testid="add-error">
      {error}
    </p>
  );

  if (!report) {
    return (
      <form className="add-find" onSubmit={(event) => void find(event)}>
        <p>{t('add.intro')}</p>
        <div className="field">
          <label htmlFor="reference">{t('add.referenceLabel')}</label>
          <input id="reference" data-testid="add-reference" value={reference} onChange={(event) => setReference(event.target.value)} maxLength={40} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="code">{t('add.codeLabel')}</label>
          <input id="code" data-testid="add-code" value={code} onChange={(event) => setCode(event.target.value)} maxLength={40} autoComplete="off" />
        </div>
        {errorMessage}
        <button type="submit" className="public-button primary" data-testid="add-find" disabled={isBusy}>
          {t('add.find')}
        </button>
      </form>
    );
  }

  return (
    <section className="add-report" aria-labelledby="add-conversation">
      <h2 id="add-conversation">{t('add.conversation')}</h2>
      <ol className="chat-lines" data-testid="report-lines">
        {report.lines.map((line) => (
          <li key={line.id} className={`chat-line from-${line.from}`} data-testid="report-line">
            <span className="chat-author">{line.from === 'visitor' ? t('chat.you') : t('chat.police')}</span>
            <p className="chat-text">{line.text}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={(event) => void add(event)}>
        <div className="field">
          <label htmlFor={additionId}>{t('add.addLabel')}</label>
          <textarea id={additionId} data-testid="add-text" rows={5} maxLength={MAX_REPORT_FIELD_LENGTH} value={addition} onChange={(event) => setAddition(event.target.value)} />
        </div>
        {errorMessage}
        {added && (
          <p className="success" role="status" data-testid="add-done">
            {t('add.added', { reference: added })}
          </p>
        )}
        <button type="submit" className="public-button primary" data-testid="add-send" disabled={isBusy || !addition.trim()}>
          {t('common.send')}
        </button>
      </form>
    </section>
  );
}
