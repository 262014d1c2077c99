import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/api';
import { API_TOKEN_SCOPES, type ApiTokenScope, type ApiTokenView } from '../../../shared/api-tokens';
import { createApiToken, errorText, listApiTokens, revokeApiToken } from '../api';
import { useDateWords } from '../Time';

/** `/admin/api-tokens`: admins create integrations' tokens (the secret shown once) and revoke them. */
export default function ApiTokensPage({ agent }: { agent: AgentView }) {
  const [tokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>([]);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const dates = useDateWords();
  const when = (iso: string | null) => (iso ? dates.dateTime(new Date(iso)) : t('admin.apiTokens.never'));
  // "threads:read" is scope.threads.read: i18next reads ":" as a namespace
  const scopeLabel = (scope: ApiTokenScope) => t(`admin.apiTokens.scope.${scope.replace(':', '.')}`);

  const reload = useCallback(async () => {
    try {
      setTokens((await listApiTokens()).tokens);
    } catch (failure) {
      setError(errorText(failure));
    }
  }, []);
  useEffect(() => {
    if (agent.role === 'admin') void reload();
  }, [agent.role, reload]);

  if (agent.role !== 'admin') {
    return (
      <p role="alert" className="page-status">
        {t('admin.apiTokens.onlyAdmins')} <a href="/">{t('pages.backToInbox')}</a>
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await createApiToken({ name, scopes });
      setCreated({ name: answer.token.name, secret: answer.secret });
      setName('');
      setScopes([]);
      await reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  async function revoke(token: ApiTokenView) {
    if (!window.confirm(t('admin.apiTokens.revokeConfirm', { name: token.name }))) return;
    setError(null);
    try {
      await revokeApiToken(token.id);
      await reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  const toggle = (scope: ApiTokenScope) => setScopes((current) => (current.includes(scope) ? current.filter((held) => held !== scope) : [...current, scope]));

  return (
    <main className="api-tokens-page" data-testid="api-tokens-page">
      <p>
        <a href="/">{t('pages.backToInbox')}</a> · <a href="/api/docs/page">{t('admin.apiTokens.apiReference')}</a>
      </p>
      <h1>{t('admin.apiTokens.title')}</h1>
      <p>{t('admin.apiTokens.intro')}</p>
      {error && <p role="alert">{error}</p>}
      {created && (
        <section role="status" aria-labelledby="new-token-title" data-testid="new-token">
          <h2 id="new-token-title">{t('admin.apiTokens.tokenFor', { name: created.name })}</h2>
          <p>
            {t('admin.apiTokens.copyNow')} <code>Authorization: Bearer …</code>.
          </p>
          <output>
            <code>{created.secret}</code>
          </output>
          <p>
            <button type="button" className="button" onClick={() => setCreated(null)}>
              {t('admin.apiTokens.copied')}
            </button>
          </p>
        </section>
      )}
      <form onSubmit={submit} aria-labelledby="create-token-title">
        <h2 id="create-token-title">{t('admin.apiTokens.createTitle')}</h2>
        <p>
          <label>
            {t('admin.apiTokens.integrationName')} <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} />
          </label>
        </p>
        <fieldset>
          <legend>{t('admin.apiTokens.scopes')}</legend>
          {API_TOKEN_SCOPES.map((scope) => (
            <label key={scope}>
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> {scopeLabel(scope)} (<code>{scope}</code>)
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={scopes.length === 0}>
          {t('admin.apiTokens.createToken')}
        </button>
      </form>
      <h2>{t('admin.apiTokens.tokens')}</h2>
      {tokens === null ? (
        <p role="status">{t('pages.loading')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.apiTokens.name')}</th>
              <th scope="col">{t('admin.apiTokens.scopes')}</th>
              <th scope="col">{t('admin.apiTokens.created')}</th>
              <th scope="col">{t('admin.apiTokens.lastUsed')}</th>
              <th scope="col">{t('admin.apiTokens.state')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.scopes.join(', ')}</td>
                <td>
                  {t('admin.apiTokens.createdBy', { time: when(token.createdAt), name: token.createdBy?.name ?? t('admin.apiTokens.unknown') })}
                </td>
                <td>{when(token.lastUsedAt)}</td>
                <td>
                  {token.revokedAt ? (
                    t('admin.apiTokens.revoked', { time: when(token.revokedAt) })
                  ) : (
                    <button type="button" className="button" onClick={() => revoke(token)}>
                      {t('admin.apiTokens.revoke')} <span className="visually-hidden">{token.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
