import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import express from 'express';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';
import { agents, agentTeams, auditEvents, teams } from '../db/schema';
import { createLogger } from '../logger';
import { createSessionRevocation } from './session-revocation';
import { createSingleSignOnRoutes } from './single-sign-on.routes';

// A real OpenID Connect provider (oidc-provider, as a force's Entra ID would be) on a local port,
// driven through its sign-in and consent pages by plain HTTP, as a browser would.

const CLIENT = { id: 'social-desk', secret: 'a-long-client-secret-for-the-test-provider' };
const PEOPLE: Record<string, Record<string, unknown>> = {
  'sgt-sam': { email: 'sam.sergeant@force.test', name: 'Sam Sergeant', roles: ['SocialDesk.Supervisor'], groups: ['0f6e-safeguarding-group'] },
  'pc-pat': { email: 'pat.constable@force.test', name: 'Pat Constable', roles: ['SocialDesk.Agent'], groups: [] },
  'pc-kim': { email: 'kim.constable@force.test', name: 'Kim Constable', roles: ['SocialDesk.Agent'], groups: ['0f6e-safeguarding-group'] },
  'clerk-chris': { email: 'chris.clerk@force.test', name: 'Chris Clerk', roles: ['Payroll.Reader'], groups: [] },
};

let desk: TestDesk;
let providerServer: Server;
beforeAll(async () => {
  providerServer = createServer();
  const issuer = `http://127.0.0.1:${await listenOnFreePort(providerServer)}`;
  const deskPort = await freePort();
  const redirectUrl = `http://127.0.0.1:${deskPort}/api/auth/oidc/callback`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [redirectUrl],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['name'], roles: ['roles', 'groups'] },
    scopes: ['openid', 'email', 'profile', 'roles'],
    // Entra ID puts roles and groups in the ID token itself.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    findAccount: (_context, accountId) => ({ accountId, claims: () => ({ sub: accountId, ...PEOPLE[accountId] }) }),
  });
  providerServer.on('request', provider.callback());
  desk = await startTestDesk({
    environment: {
      PORT: String(deskPort),
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_REDIRECT_URL: redirectUrl,
      OIDC_SCOPES: 'openid email profile roles',
      OIDC_TEAM_MAP: '0f6e-safeguarding-group=Safeguarding',
      OIDC_BUTTON_LABEL: 'Sign in with Anytown Police',
    },
  });
});
afterAll(async () => {
  await desk?.close();
  providerServer?.closeAllConnections();
  await new Promise((resolve) => providerServer?.close(resolve));
});

describe('single sign-on with OpenID Connect', () => {
  it('offers the force’s sign-in button on the login page', async () => {
    const methods = await desk.api('/api/auth/methods');
    expect(methods.body).toEqual({ singleSignOn: { label: 'Sign in with Anytown Police', startUrl: '/api/auth/oidc/start' } });
  });

  it('creates the account at first sign-in with the role and team mapped from the provider’s claims, and audits it', async () => {
    const { landedOn, deskCookie } = await signInAtProvider('sgt-sam');
    expect(landedOn).toBe(`${desk.url}/`);
    const me = await desk.api('/api/auth/me', { cookie: deskCookie });
    expect(me.status).toBe(200);
    expect(me.body.agent).toMatchObject({ email: 'sam.sergeant@force.test', name: 'Sam Sergeant', role: 'supervisor' });

    const { db } = desk.desk.database;
    const memberships = await db.select({ team: teams.name }).from(agentTeams).innerJoin(teams, eq(teams.id, agentTeams.teamId)).where(eq(agentTeams.agentId, me.body.agent.id));
    expect(memberships.map((row) => row.team)).toEqual(['Safeguarding']);
    const logins = await db.select().from(auditEvents).where(eq(auditEvents.actorAgentId, me.body.agent.id));
    expect(logins.map((event) => event.action).sort()).toEqual(['account.created', 'auth.login']);
    expect(logins.find((event) => event.action === 'auth.login')!.details).toEqual({ method: 'single_sign_on', role: 'supervisor' });
  });

  it('signs the same person into the same account next time, with no password of its own', async () => {
    const first = await signInAtProvider('pc-pat');
    const second = await signInAtProvider('pc-pat');
    const firstMe = await desk.api('/api/auth/me', { cookie: first.deskCookie });
    const secondMe = await desk.api('/api/auth/me', { cookie: second.deskCookie });
    expect(secondMe.body.agent.id).toBe(firstMe.body.agent.id);
    expect(secondMe.body.agent.role).toBe('agent');
    const [row] = await desk.desk.database.db.select().from(agents).where(eq(agents.id, firstMe.body.agent.id));
    expect(row).toMatchObject({ oidcSubject: 'pc-pat', passwordHash: '' });
    const passwordLogin = await desk.api('/api/auth/login', { body: { email: 'pat.constable@force.test', password: 'anything at all here' } });
    expect(passwordLogin.status).toBe(401);
  });

  it('brings the role and teams in line with the provider’s claims at every sign-in', async () => {
    const first = await signInAtProvider('pc-kim');
    expect((await desk.api('/api/auth/me', { cookie: first.deskCookie })).body.agent.role).toBe('agent');
    PEOPLE['pc-kim'] = { ...PEOPLE['pc-kim'], roles: ['SocialDesk.Agent', 'SocialDesk.Supervisor'], groups: [] };
    const second = await signInAtProvider('pc-kim');
    const me = await desk.api('/api/auth/me', { cookie: second.deskCookie });
    expect(me.body.agent.role).toBe('supervisor');
    expect(await desk.desk.database.db.select().from(agentTeams).where(eq(agentTeams.agentId, me.body.agent.id))).toEqual([]);
  });

  it('refuses someone whose claims carry no desk role, and audits the refusal', async () => {
    const { landedOn, deskCookie } = await signInAtProvider('clerk-chris');
    expect(landedOn).toBe(`${desk.url}/?sign_in_error=no_role`);
    expect((await desk.api('/api/auth/me', { cookie: deskCookie })).status).toBe(401);
    const refusals = await desk.desk.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login_failed'));
    expect(refusals.map((event) => event.details)).toContainEqual({ method: 'single_sign_on', reason: 'no_role' });
    expect(await desk.desk.database.db.select().from(agents).where(eq(agents.email, 'chris.clerk@force.test'))).toEqual([]);
  });

  it('sends the browser back to the login page with a reason when the provider cannot be reached', async () => {
    const unreachable = { ...desk.config.oidc!, issuer: 'http://127.0.0.1:9/unreachable' };
    const app = express().use(createSingleSignOnRoutes(desk.desk.database.db, unreachable, createSessionRevocation(null as never, 'x', 'x', createLogger('silent')), createLogger('silent')));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/oidc/start`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/?sign_in_error=unavailable');
    } finally {
      server.close();
    }
  });

  it('refuses a callback that this browser did not start (a forged or replayed code)', async () => {
    const response = await fetch(`${desk.url}/api/auth/oidc/callback?code=stolen&state=guessed`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?sign_in_error=expired');
  });
});

/** Follows the whole flow — desk, provider login page, consent page, back to the desk — like a browser. */
async function signInAtProvider(accountId: string): Promise<{ landedOn: string; deskCookie: string }> {
  const jars = new Map<string, Map<string, string>>();
  const cookieFor = (url: URL) => [...(jars.get(url.host) ?? new Map()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  const keepCookies = (url: URL, response: Response) => {
    const jar = jars.get(url.host) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    jars.set(url.host, jar);
  };
  let url = new URL('/api/auth/oidc/start', desk.url);
  let form: URLSearchParams | null = null;
  for (let step = 0; step < 20; step++) {
    const response: Response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookieFor(url), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ?? undefined,
    });
    keepCookies(url, response);
    form = null;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.host === new URL(desk.url).host && !url.pathname.startsWith('/api/')) {
        return { landedOn: url.href, deskCookie: cookieFor(url) };
      }
      continue;
    }
    const page: string = await response.text();
    if (response.status !== 200) throw new Error(`unexpected ${response.status} at ${url.pathname}: ${page.slice(0, 300)}`);
    // oidc-provider's development sign-in page, then its consent page.
    form = page.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login: accountId, password: 'any' })
      : new URLSearchParams({ prompt: 'consent' });
  }
  throw new Error('the sign-in flow did not come back to the desk');
}

function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listenOnFreePort(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
