import { useEffect, useState } from 'react';
import type { AuthMethodsResponse } from '../../shared/accounts';
import { getAuthMethods } from './admin/accountsApi';

// Why the provider's sign-in did not let the person in (the desk sends them back with a reason).
const SIGN_IN_ERRORS: Record<string, string> = {
  no_role: 'Your force account is not set up for Social Desk. Ask an admin to give you a Social Desk role.',
  account_disabled: 'Your Social Desk account is disabled. Ask an admin.',
  expired: 'That sign-in took too long or was started elsewhere. Try again.',
  unavailable: 'The force’s sign-in service cannot be reached just now. Try again shortly, or sign in with a password.',
  failed: 'Single sign-on did not complete. Try again, or ask an admin.',
  no_identity: 'Your force account did not share an email address with Social Desk. Ask an admin.',
  not_configured: 'Single sign-on is not set up on this desk. Sign in with your password.',
};

/** "Sign in with your force account", when single sign-on is configured. */
export function SingleSignOnButton() {
  const [methods, setMethods] = useState<AuthMethodsResponse | null>(null);
  const reason = new URLSearchParams(window.location.search).get('sign_in_error');
  useEffect(() => {
    getAuthMethods().then(setMethods, () => setMethods(null));
  }, []);
  return (
    <>
      {reason && (
        <p className="form-error" role="alert" data-testid="sign-in-error">
          {SIGN_IN_ERRORS[reason] ?? SIGN_IN_ERRORS.failed}
        </p>
      )}
      {methods?.singleSignOn && (
        <a className="button" href={methods.singleSignOn.startUrl} data-testid="single-sign-on">
          {methods.singleSignOn.label}
        </a>
      )}
    </>
  );
}
