import { and, eq, inArray } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { AgentView } from '../../shared/api';
import { setTeams } from '../accounts/accounts.service';
import { recordAudit } from '../audit/audit';
import type { OidcConfig } from '../config';
import type { Database } from '../db/database';
import { agents, teams } from '../db/schema';
import { presentAgent } from './agents.service';
import type { SignedInIdentity } from './oidc-claims';

/** What the browser's session keeps between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * The relying party of OpenID Connect's authorization code flow with PKCE (openid-client). The
 * provider's metadata is discovered once, at the first sign-in, so a desk starts even when the
 * provider is briefly unreachable.
 */
export function createSingleSignOn(config: OidcConfig) {
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
        // An http:// issuer is refused in production by the configuration; tests run one locally.
        execute: config.issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = null; // try again at the next sign-in
        throw error;
      });
    return discovered;
  };

  return {
    async start(): Promise<{ redirectTo: string; pending: PendingSignIn }> {
      const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: config.redirectUrl,
        scope: config.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { redirectTo: url.href, pending };
    },

    /** Exchanges the code (checking state, nonce and PKCE) and returns the ID token's claims. */
    async finish(callbackQuery: string, pending: PendingSignIn): Promise<Record<string, unknown>> {
      const callbackUrl = new URL(config.redirectUrl);
      callbackUrl.search = callbackQuery;
      const tokens = await oidc.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      return { ...tokens.claims() };
    },
  };
}

export type SingleSignOn = ReturnType<typeof createSingleSignOn>;

export type SignInOutcome = { agent: AgentView } | { refused: 'no_role' | 'account_disabled' };

/**
 * The desk account of someone the provider vouched for: created at first sign-in, and its name,
 * role and teams brought in line with the provider's claims at every sign-in (the provider is the
 * source of truth). An existing local account with the same email is linked to the identity.
 */
export async function signInIdentity(db: Database, issuer: string, identity: SignedInIdentity): Promise<SignInOutcome> {
  const [bySubject] = await db.select().from(agents).where(and(eq(agents.oidcIssuer, issuer), eq(agents.oidcSubject, identity.subject)));
  const [byEmail] = bySubject ? [] : await db.select().from(agents).where(eq(agents.email, identity.email));
  const existing = bySubject ?? byEmail;
  if (existing && !existing.active) return { refused: 'account_disabled' };
  if (!identity.role) return { refused: 'no_role' };
  const teamRows = identity.teamNames.length
    ? await db.select({ id: teams.id }).from(teams).where(inArray(teams.name, identity.teamNames))
    : [];
  const values = { name: identity.name, email: identity.email, role: identity.role, oidcIssuer: issuer, oidcSubject: identity.subject };
  // No password for an account the provider signs in: an empty hash never verifies.
  const [row] = existing
    ? await db.update(agents).set({ ...values, passwordHash: '' }).where(eq(agents.id, existing.id)).returning()
    : await db.insert(agents).values({ ...values, passwordHash: '' }).returning();
  await setTeams(db, row!.id, teamRows.map((team) => team.id));
  if (!existing) {
    await recordAudit(db, {
      action: 'account.created',
      actorAgentId: row!.id,
      details: { agentId: row!.id, role: row!.role, teamIds: teamRows.map((team) => team.id), via: 'single_sign_on' },
    });
  }
  return { agent: presentAgent(row!) };
}
