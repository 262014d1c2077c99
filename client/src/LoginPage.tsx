import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, TextInput } from '@mantine/core';
import { loginRequestSchema, type AgentView } from '../../shared/api';
import { errorText, login } from './api';
import { SingleSignOnButton } from './SingleSignOnButton';
import { useTranslation } from 'react-i18next';

interface LoginPageProps {
  /** Shown above the form, e.g. why the agent is here again. */
  notice: string | null;
  onSignedIn: (agent: AgentView) => void;
}

export function LoginPage({ notice, onSignedIn }: LoginPageProps) {
  const [email, setEmail] = useState('');
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const credentials = loginRequestSchema.safeParse({ email, password });
    if (!credentials.success) {
      setError(t('login.missingCredentials'));
      return;
    }
    setError(null);
    setIsSubmitting(true);
    try {
      const { agent } = await login(credentials.data);
      onSignedIn(agent);
    } catch (failure) {
      setError(errorText(failure));
      setIsSubmitting(false);
    }
  }

  return (
    <main className="login">
      {/* noValidate: our own message in login-error, not the browser's tooltip. */}
      <form className="login-card" onSubmit={handleSubmit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">{t('app.name')}</h1>
        <p className="login-intro">{t('login.intro')}</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <TextInput
          id="login-email"
          label={t('login.email')}
          data-testid="login-email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          required
          withAsterisk={false}
          autoFocus
        />
        <PasswordInput
          id="login-password"
          label={t('login.password')}
          data-testid="login-password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          required
          withAsterisk={false}
        />
        {error && (
          <p className="form-error" data-testid="login-error" role="alert">
            {error}
          </p>
        )}
        <Button type="submit" size="md" className="login-submit" data-testid="login-submit" disabled={isSubmitting}>
          {isSubmitting ? t('login.signingIn') : t('login.signIn')}
        </Button>
        <SingleSignOnButton />
      </form>
    </main>
  );
}
