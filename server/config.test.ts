import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const valid = { SESSION_SECRET: 'x'.repeat(32) };

describe('configuration', () => {
  it('stops start-up naming a missing setting', () => {
    expect(() => loadConfig({})).toThrow(/SESSION_SECRET/);
  });

  it('names a Facebook setting that is required once a Page is configured', () => {
    try {
      loadConfig({ ...valid, FACEBOOK_PAGE_ID: '1', FACEBOOK_APP_SECRET: 's', FACEBOOK_VERIFY_TOKEN: 'v' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual(['FACEBOOK_PAGE_ACCESS_TOKEN: is required when FACEBOOK_PAGE_ID is set']);
    }
  });

  it('names the X credentials that are required once an X account is configured', () => {
    try {
      loadConfig({ ...valid, X_USER_ID: '1578398451921985538', X_CONSUMER_KEY: 'k', X_CONSUMER_SECRET: 's', X_ACCESS_TOKEN: 't' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['X_ACCESS_TOKEN_SECRET: is required when X_USER_ID is set']);
    }
  });

  it('gives an X account the real API, a 60% share of the DM read budget and no webhook by default', () => {
    const config = loadConfig({ ...valid, X_USER_ID: '1578398451921985538', X_CONSUMER_KEY: 'k', X_CONSUMER_SECRET: 's', X_ACCESS_TOKEN: 't', X_ACCESS_TOKEN_SECRET: 'ts' });
    expect(config.twitter).toMatchObject({ apiUrl: 'https://api.x.com', pollShare: 0.6, hasAccountActivity: false });
    expect(() => loadConfig({ ...valid, X_POLL_SHARE: '1.5' })).toThrow(/X_POLL_SHARE/);
  });

  it('reads escalation outcome kinds in order, and the C&C hand-off only with a secret (https in production)', () => {
    const config = loadConfig({ ...valid, ESCALATION_OUTCOMES: 'officer_deployed=Officer deployed, advice_given=Advice given' });
    expect(config.escalations.outcomeKinds).toEqual([
      { key: 'officer_deployed', label: 'Officer deployed' },
      { key: 'advice_given', label: 'Advice given' },
    ]);
    expect(() => loadConfig({ ...valid, ESCALATION_OUTCOMES: 'Officer deployed' })).toThrow(/ESCALATION_OUTCOMES/);
    expect(loadConfig(valid).integrations).toMatchObject({ incident: null, incidentTeam: 'Control room', attempts: 8 });
    expect(() => loadConfig({ ...valid, INCIDENT_WEBHOOK_URL: 'https://cad.example.police.uk/incidents' })).toThrow(/INCIDENT_WEBHOOK_SECRET/);
    const production = { ...valid, NODE_ENV: 'production', DATA_ENCRYPTION_KEY: 'k'.repeat(43), INCIDENT_WEBHOOK_SECRET: 'a-secret-of-sixteen-or-more' };
    expect(() => loadConfig({ ...production, INCIDENT_WEBHOOK_URL: 'http://cad.example.police.uk/incidents' })).toThrow(/https/);
    expect(loadConfig({ ...production, INCIDENT_WEBHOOK_URL: 'https://cad.example.police.uk/incidents' }).integrations.incident).toEqual({
      url: 'https://cad.example.police.uk/incidents',
      secret: 'a-secret-of-sixteen-or-more',
    });
  });

  it('names a setting with a bad value', () => {
    expect(() => loadConfig({ ...valid, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ...valid, ROLES: 'web,cron' })).toThrow(/ROLES/);
  });

  it('needs a data encryption key in production, given as hex or base64, and derives one elsewhere', () => {
    const production = { ...valid, NODE_ENV: 'production' };
    expect(() => loadConfig(production)).toThrow(/DATA_ENCRYPTION_KEY: is required in production/);
    const key = randomBytes(32);
    expect(loadConfig({ ...production, DATA_ENCRYPTION_KEY: key.toString('hex') }).dataEncryptionKey).toEqual(key);
    expect(loadConfig({ ...production, DATA_ENCRYPTION_KEY: key.toString('base64') }).dataEncryptionKey).toEqual(key);
    expect(() => loadConfig({ ...production, DATA_ENCRYPTION_KEY: key.toString('hex').slice(2) })).toThrow(/DATA_ENCRYPTION_KEY: 32 bytes/);
    expect(loadConfig(valid).dataEncryptionKey).toEqual(loadConfig(valid).dataEncryptionKey);
    expect(loadConfig(valid).dataEncryptionKey).toHaveLength(32);
  });

  it('uses embedded PGlite when no DATABASE_URL is given, and the server when it is', () => {
    expect(loadConfig(valid).database).toEqual({ pgliteDataDir: '.data/pglite' });
    expect(loadConfig({ ...valid, DATABASE_URL: 'postgres://desk@db:5432/desk' }).database).toEqual({ url: 'postgres://desk@db:5432/desk' });
  });

  it('reads desk hours for the web chat, and none means a 24/7 desk', () => {
    expect(loadConfig(valid).publicContact.deskHours).toBeNull();
    expect(loadConfig({ ...valid, PUBLIC_DESK_HOURS: '08:00-20:00' }).publicContact.deskHours).toEqual({ opens: '08:00', closes: '20:00' });
    expect(() => loadConfig({ ...valid, PUBLIC_DESK_HOURS: '8am-8pm' })).toThrow(/PUBLIC_DESK_HOURS/);
  });

  it('maps online report types to team queues, naming a bad entry', () => {
    expect(loadConfig({ ...valid, PUBLIC_REPORT_TEAMS: 'theft=CID, road_traffic=Roads Policing' }).publicContact.reportTeams).toEqual({
      theft: 'CID',
      road_traffic: 'Roads Policing',
    });
    expect(() => loadConfig({ ...valid, PUBLIC_REPORT_TEAMS: 'burglary=CID' })).toThrow(/PUBLIC_REPORT_TEAMS/);
  });
});
