import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { AxiosError, AxiosHeaders } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, TEST_APP_SECRET, TEST_PAGE_TOKEN, TEST_VERIFY_TOKEN, type TestDesk } from '../scripts/testing/test-desk';
import { describeConfig, loadConfig } from './config';
import { createLogger } from './logger';

const SESSION_SECRET = 's'.repeat(40);

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', stream), output: () => lines.join('') };
}

describe('secrets in the configuration', () => {
  it('reads a secret from the file named by its _FILE setting (Docker and Kubernetes secrets)', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'desk-secrets-'));
    writeFileSync(path.join(folder, 'session'), `${SESSION_SECRET}\n`);
    writeFileSync(path.join(folder, 'page-token'), 'EAAB-token-from-a-file');
    const config = loadConfig({
      SESSION_SECRET_FILE: path.join(folder, 'session'),
      FACEBOOK_PAGE_ID: '1',
      FACEBOOK_PAGE_ACCESS_TOKEN_FILE: path.join(folder, 'page-token'),
      FACEBOOK_APP_SECRET: 'app-secret',
      FACEBOOK_VERIFY_TOKEN: 'verify',
    });
    expect(config.session.secret).toBe(SESSION_SECRET);
    expect(config.facebook?.pageAccessToken).toBe('EAAB-token-from-a-file');
  });

  it('stops start-up naming a secret file it cannot read, or a secret given twice', () => {
    expect(() => loadConfig({ SESSION_SECRET_FILE: '/nonexistent/session' })).toThrow(/SESSION_SECRET_FILE: cannot read the file \(ENOENT\)/);
    expect(() => loadConfig({ SESSION_SECRET: SESSION_SECRET, SESSION_SECRET_FILE: '/etc/hostname' })).toThrow(/not both/);
  });

  it('hides every credential when the configuration is described for an operator', () => {
    const config = loadConfig({
      SESSION_SECRET,
      DATA_ENCRYPTION_KEY: 'd'.repeat(64),
      DATABASE_URL: 'postgres://desk:db-password@db:5432/desk',
      FACEBOOK_PAGE_ID: '1',
      FACEBOOK_PAGE_ACCESS_TOKEN: TEST_PAGE_TOKEN,
      FACEBOOK_APP_SECRET: TEST_APP_SECRET,
      FACEBOOK_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
      OIDC_ISSUER: 'https://login.example/tenant/v2.0',
      OIDC_CLIENT_ID: 'desk',
      OIDC_CLIENT_SECRET: 'oidc-client-secret',
      OIDC_REDIRECT_URL: 'https://desk.example/api/auth/oidc/callback',
    });
    const described = JSON.stringify(describeConfig(config));
    for (const secret of [SESSION_SECRET, 'db-password', TEST_PAGE_TOKEN, TEST_APP_SECRET, TEST_VERIFY_TOKEN, 'oidc-client-secret']) {
      expect(described).not.toContain(secret);
    }
    expect(described).toContain('"pageId":"1"');
    expect(described).toContain('"dataEncryptionKey":"[hidden]"');
  });
});

describe('secrets in the logs', () => {
  it('leaves credentials out of a logged configuration object', () => {
    const { logger, output } = capturedLogger();
    logger.info({ facebook: { pageId: '1', pageAccessToken: TEST_PAGE_TOKEN, appSecret: TEST_APP_SECRET }, oidc: { clientSecret: 'oidc-client-secret' } }, 'settings');
    expect(output()).toContain('"pageId":"1"');
    for (const secret of [TEST_PAGE_TOKEN, TEST_APP_SECRET, 'oidc-client-secret']) expect(output()).not.toContain(secret);
  });

  it('logs a failed platform call without the token in its headers or the reply in its body', () => {
    const { logger, output } = capturedLogger();
    const config = { url: 'https://graph.facebook.com/v25.0/me/messages', headers: new AxiosHeaders({ Authorization: `Bearer ${TEST_PAGE_TOKEN}` }), data: '{"message":{"text":"Your crime number is 123"}}' };
    const error = new AxiosError('Request failed with status code 400', 'ERR_BAD_REQUEST', config, {}, { status: 400, statusText: 'Bad Request', headers: {}, config, data: {} });
    logger.warn({ err: error, threadId: 't-1' }, 'send failed');
    const line = JSON.parse(output());
    expect(line.err).toMatchObject({ message: 'Request failed with status code 400', status: 400 });
    expect(output()).not.toContain(TEST_PAGE_TOKEN);
    expect(output()).not.toContain('crime number');
  });
});

describe('secrets never reach a browser', () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await startTestDesk();
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('appear in no answer the API gives an admin', async () => {
    const { cookie } = await desk.signIn('admin');
    const answers = await Promise.all(
      ['/api/auth/me', '/api/auth/methods', '/api/directory', '/api/accounts', '/api/threads', '/api/audit', '/api/broadcasts', '/api/public/config'].map(
        (route) => desk.api(route, { cookie }),
      ),
    );
    const everything = JSON.stringify(answers.map((answer) => answer.body));
    for (const secret of [desk.config.session.secret, TEST_PAGE_TOKEN, TEST_APP_SECRET, TEST_VERIFY_TOKEN]) {
      expect(everything).not.toContain(secret);
    }
  });
});
