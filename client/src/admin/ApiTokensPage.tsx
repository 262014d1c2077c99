import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AgentView } from '../../../shared/api';
import { API_TOKEN_SCOPES, type ApiTokenScope, type ApiTokenView } from '../../../shared/api-tokens';
import { createApiToken, errorText, listApiTokens, revokeApiToken } from '../api';

const SCOPE_LABELS: Record<ApiTokenScope, string> = {
  'threads:read': 'Read threads and escalations',
  'messages:write': 'Reply and add notes',
  'reports:read': 'Read reports',
  'broadcasts:write': 'Draft and submit broadcasts',
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB') : 'never');

/** `/admin/api-tokens`: admins create integrations' tokens (the secret shown once) and revoke them. */
export default function ApiTokensPage({ agent }: { agent: AgentView }) {
  const [tokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>([]);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

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
        Only admins can manage API tokens. <a href="/">Back to the inbox</a>
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
    if (!window.confirm(`Revoke “${token.name}”? Integrations using it stop working at once.`)) return;
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
        <a href="/">Back to the inbox</a> · <a href="/api/docs/page">API reference</a>
      </p>
      <h1>API tokens</h1>
      <p>Integrations call the desk’s API with a token, only for what its scopes allow. Everything a token changes is in the audit trail.</p>
      {error && <p role="alert">{error}</p>}
      {created && (
        <section role="status" aria-labelledby="new-token-title" data-testid="new-token">
          <h2 id="new-token-title">Token for {created.name}</h2>
          <p>Copy it now: it is shown only once. Send it as <code>Authorization: Bearer …</code>.</p>
          <output>
            <code>{created.secret}</code>
          </output>
          <p>
            <button type="button" className="button" onClick={() => setCreated(null)}>
              I have copied it
            </button>
          </p>
        </section>
      )}
      <form onSubmit={submit} aria-labelledby="create-token-title">
        <h2 id="create-token-title">Create a token</h2>
        <p>
          <label>
            Integration name <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} />
          </label>
        </p>
        <fieldset>
          <legend>Scopes</legend>
          {API_TOKEN_SCOPES.map((scope) => (
            <label key={scope}>
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> {SCOPE_LABELS[scope]} (<code>{scope}</code>)
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={scopes.length === 0}>
          Create token
        </button>
      </form>
      <h2>Tokens</h2>
      {tokens === null ? (
        <p role="status">Loading…</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.scopes.join(', ')}</td>
                <td>
                  {when(token.createdAt)} by {token.createdBy?.name ?? 'unknown'}
                </td>
                <td>{when(token.lastUsedAt)}</td>
                <td>
                  {token.revokedAt ? (
                    `Revoked ${when(token.revokedAt)}`
                  ) : (
                    <button type="button" className="button" onClick={() => revoke(token)}>
                      Revoke <span className="visually-hidden">{token.name}</span>
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
