import { describe, expect, it } from 'vitest';
import { createVisitorTokens } from './visitor-token';

const tokens = createVisitorTokens('a-secret-of-at-least-thirty-two-characters');

describe('visitor tokens', () => {
  it('names the conversation they were issued for', () => {
    const { token, conversationId } = tokens.issue();
    expect(tokens.verify(token)).toBe(conversationId);
  });

  it('are refused when issued by a desk with another secret', () => {
    const other = createVisitorTokens('another-secret-of-at-least-thirty-two-chars');
    expect(tokens.verify(other.issue().token)).toBeNull();
  });

  it('are refused when the conversation id is swapped for another', () => {
    const first = tokens.issue();
    const second = tokens.issue();
    const [version, , signature] = first.token.split('.');
    expect(tokens.verify(`${version}.${second.conversationId}.${signature}`)).toBeNull();
  });

  it('are refused when not a string or malformed', () => {
    for (const forged of [undefined, 42, '', 'v1', 'v1..', 'v2.abc.def', `${tokens.issue().token}.extra`]) {
      expect(tokens.verify(forged)).toBeNull();
    }
  });
});

describe('report codes', () => {
  it('are accepted in any case, with or without the dash', () => {
    const { conversationId } = tokens.issue();
    const code = tokens.reportCode(conversationId);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(tokens.isReportCode(conversationId, code.toLowerCase().replace('-', ' '))).toBe(true);
  });

  it('belong to one report only', () => {
    const first = tokens.issue();
    const second = tokens.issue();
    expect(tokens.isReportCode(second.conversationId, tokens.reportCode(first.conversationId))).toBe(false);
  });
});
