import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/accounts';
import type { TeamView } from '../../../shared/api';
import { AGENT_ROLES, type AgentRole } from '../../../shared/constants';
import { createAccount, listAccounts, resetAccountPassword, setAccountEnabled, updateAccount } from './accountsApi';
import { errorText } from '../api';

interface AccountsAdminButtonProps {
  currentAgentId: string;
  teams: TeamView[];
}

/** The admin's "Accounts" button in the header and the dialog it opens. */
export function AccountsAdminButton({ currentAgentId, teams }: AccountsAdminButtonProps) {
  const [isOpen, setIsOpen] = useState(false);
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="button button-on-dark" data-testid="open-accounts-admin" onClick={() => setIsOpen(true)}>
        {t('admin.accounts.title')}
      </button>
      {isOpen && <AccountsAdmin currentAgentId={currentAgentId} teams={teams} onClose={() => setIsOpen(false)} />}
    </>
  );
}

const emptyDraft = { name: '', email: '', role: 'agent' as AgentRole, password: '' };

/** Create accounts, set their role and teams, disable them (which signs them out at once), reset passwords. */
function AccountsAdmin({ currentAgentId, teams, onClose }: AccountsAdminButtonProps & { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [draft, setDraft] = useState(emptyDraft);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useTranslation();
  const roleName = (role: string) => t(`admin.accounts.roles.${role}`);

  const reload = useCallback(() => {
    listAccounts().then((response) => setAccounts(response.accounts), (failure: unknown) => setError(errorText(failure)));
  }, []);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    reload();
    return () => element?.close();
  }, [reload]);

  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(done);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await createAccount({ ...draft, teamIds: [] });
      setDraft(emptyDraft);
    }, t('admin.accounts.created', { email: draft.email }));
  }

  function toggleTeam(account: AccountView, teamId: string) {
    const teamIds = account.teamIds.includes(teamId) ? account.teamIds.filter((id) => id !== teamId) : [...account.teamIds, teamId];
    void run(() => updateAccount(account.id, { teamIds }), t('admin.accounts.teamsChanged', { name: account.name }));
  }

  function resetPassword(account: AccountView) {
    const password = window.prompt(t('admin.accounts.newPasswordFor', { name: account.name }));
    if (password) void run(() => resetAccountPassword(account.id, password), t('admin.accounts.passwordReset', { name: account.name }));
  }

  return (
    <dialog ref={dialog} className="canned-admin accounts-admin" aria-labelledby="accounts-admin-title" data-testid="accounts-admin" onClose={onClose}>
      <h2 id="accounts-admin-title">{t('admin.accounts.title')}</h2>
      {error && <p className="form-error" role="alert">{error}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      <table className="accounts-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.accounts.name')}</th>
            <th scope="col">{t('admin.accounts.role')}</th>
            <th scope="col">{t('admin.accounts.teams')}</th>
            <th scope="col">{t('admin.accounts.status')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} data-testid="account-row">
              <td>
                {account.name}
                <br />
                <small>{account.email}{account.isSingleSignOn ? t('admin.accounts.singleSignOn') : ''}</small>
              </td>
              <td>
                <select
                  aria-label={t('admin.accounts.roleOf', { name: account.name })}
                  value={account.role}
                  onChange={(event) =>
                    void run(() => updateAccount(account.id, { role: event.target.value as AgentRole }), t('admin.accounts.roleChanged', { name: account.name, role: roleName(event.target.value) }))
                  }
                >
                  {AGENT_ROLES.map((role) => (
                    <option key={role} value={role}>{roleName(role)}</option>
                  ))}
                </select>
              </td>
              <td>
                {teams.map((team) => (
                  <label key={team.id} className="accounts-team">
                    <input type="checkbox" checked={account.teamIds.includes(team.id)} onChange={() => toggleTeam(account, team.id)} /> {team.name}
                  </label>
                ))}
              </td>
              <td>
                {account.active ? t('admin.accounts.active') : t('admin.accounts.disabled')}{' '}
                {account.id !== currentAgentId && (
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      void run(() => setAccountEnabled(account.id, !account.active), t(account.active ? 'admin.accounts.disabledNotice' : 'admin.accounts.enabledNotice', { name: account.name }))
                    }
                  >
                    {account.active ? t('admin.accounts.disable') : t('admin.accounts.enable')} <span className="visually-hidden">{account.name}</span>
                  </button>
                )}
                {!account.isSingleSignOn && (
                  <button type="button" className="button" onClick={() => resetPassword(account)}>
                    {t('admin.accounts.resetPassword')} <span className="visually-hidden">{t('admin.accounts.ofName', { name: account.name })}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit} className="canned-admin-form">
        <h3>{t('admin.accounts.newAccount')}</h3>
        <label>
          {t('admin.accounts.name')} <input required value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </label>
        <label>
          {t('admin.accounts.email')} <input required type="email" value={draft.email} onChange={(event) => setDraft({ ...draft, email: event.target.value })} />
        </label>
        <label className="inline-select">
          {t('admin.accounts.role')}{' '}
          <select value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as AgentRole })}>
            {AGENT_ROLES.map((role) => (
              <option key={role} value={role}>{roleName(role)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.accounts.password')}
          <input required type="password" autoComplete="new-password" value={draft.password} onChange={(event) => setDraft({ ...draft, password: event.target.value })} />
        </label>
        <div className="dialog-actions">
          <button type="submit" className="button button-primary">{t('admin.accounts.create')}</button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>{t('pages.close')}</button>
        </div>
      </form>
    </dialog>
  );
}
