import { describe, expect, it } from 'vitest';
import { serialiseLikeMeta, signMetaBody } from './meta-json';

describe('serialiseLikeMeta', () => {
  it('escapes accents as lowercase \\uXXXX', () => {
    expect(serialiseLikeMeta({ text: 'café' })).toBe('{"text":"caf\\u00e9"}');
  });

  it('escapes emoji as a surrogate pair', () => {
    expect(serialiseLikeMeta('🚓')).toBe('"\\ud83d\\ude93"');
  });

  it('escapes forward slashes as Meta does', () => {
    expect(serialiseLikeMeta({ url: 'https://scontent.example/a.jpg' })).toBe('{"url":"https:\\/\\/scontent.example\\/a.jpg"}');
  });

  it('produces pure ASCII that parses back to the same value', () => {
    const value = { text: 'Mae rhywun wedi dwyn fy meic 🚲 – Tŷ Coch', n: 1718000000123, ok: true, none: null };
    const json = serialiseLikeMeta(value);
    expect(json).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('signMetaBody', () => {
  it('returns sha256= and 64 lowercase hex characters of HMAC-SHA256 over the bytes', () => {
    // Published test vector (GitHub's webhook documentation uses the same HMAC-SHA256 scheme).
    expect(signMetaBody('Hello, World!', "It's a Secret to Everybody")).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  it('gives the same signature for a string and its UTF-8 bytes', () => {
    const body = '{"text":"caf\\u00e9"}';
    expect(signMetaBody(Buffer.from(body, 'utf8'), 'secret')).toBe(signMetaBody(body, 'secret'));
  });

  it('gives a different signature for the re-serialised body a naive receiver would check', () => {
    const asSent = serialiseLikeMeta({ text: 'café' });
    const reserialised = JSON.stringify(JSON.parse(asSent));
    expect(signMetaBody(reserialised, 'secret')).not.toBe(signMetaBody(asSent, 'secret'));
  });
});
