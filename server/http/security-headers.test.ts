import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDesk, type TestDesk } from '../../scripts/testing/test-desk';

// Web hardening (issue 11): every answer carries the security headers; the Content-Security-Policy
// lets only the desk's own files run, and only the public chat may be framed by another site.

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

async function headersOf(path: string): Promise<Headers> {
  return (await fetch(`${desk.url}${path}`)).headers;
}

function directives(headers: Headers): Map<string, string> {
  const policy = headers.get('content-security-policy') ?? '';
  return new Map(policy.split(';').map((directive) => directive.trim().split(/\s+(.*)/s).slice(0, 2) as [string, string]));
}

describe('security headers', () => {
  it('lets only the desk’s own scripts and styles run, with no inline code, on the inbox and the API', async () => {
    for (const path of ['/', '/inbox', '/api/auth/me', '/api/threads']) {
      const csp = directives(await headersOf(path));
      expect(csp.get('script-src'), path).toBe("'self'");
      expect(csp.get('style-src'), path).toBe("'self'");
      expect(csp.get('default-src'), path).toBe("'self'");
      expect(csp.get('object-src'), path).toBe("'none'");
      expect(csp.get('frame-ancestors'), path).toBe("'none'");
    }
  });

  it('forbids framing the inbox, sniffing types and leaking the referrer', async () => {
    const headers = await headersOf('/');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('lets the force’s website frame the public chat and load widget.js, under the same script policy', async () => {
    const chat = await headersOf('/contact/chat?embed=1');
    expect(directives(chat).get('frame-ancestors')).toBe('*');
    expect(directives(chat).get('script-src')).toBe("'self'");
    expect(chat.get('x-frame-options')).toBeNull();
    expect((await headersOf('/widget.js')).get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('asks browsers for HTTPS only in production', async () => {
    expect((await headersOf('/')).get('strict-transport-security')).toBeNull();
  });
});
