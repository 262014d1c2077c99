import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { cannedQueryAt } from './cannedSuggestions';
import { matchingColleagues, mentionQueryAt, mentionSuggestions } from './mentionSuggestions';

const colleagues = [
  { id: 'p', name: 'Priya Shah' },
  { id: 'b', name: 'Bethan Prys' },
  { id: 'j', name: 'Bethan Jones' },
];
const t = ((key: string) => key) as unknown as TFunction;

describe('what the text before the caret asks the composer for', () => {
  it('asks for a colleague after @ at the start, after a space or after punctuation', () => {
    expect(mentionQueryAt('@')).toEqual({ start: 0, words: '' });
    expect(mentionQueryAt('Over to @Beth')).toEqual({ start: 8, words: 'beth' });
    expect(mentionQueryAt('(@Priya Sh')).toEqual({ start: 1, words: 'priya sh' });
  });

  it('asks nothing for an email address or once the agent has written on past a name', () => {
    expect(mentionQueryAt('wrote to sam@exam')).toBeNull();
    expect(mentionQueryAt('@Priya Shah can you')).toBeNull();
  });

  it('asks for a canned response after / at the start or after a space, not inside a word', () => {
    expect(cannedQueryAt('Hi /diol')).toEqual({ start: 3, word: 'diol' });
    expect(cannedQueryAt('and/or')).toBeNull();
  });
});

describe('colleagues offered for what was typed', () => {
  it('matches the start of any of their names, case aside, in name order', () => {
    expect(matchingColleagues(colleagues, 'beth').map((c) => c.id)).toEqual(['j', 'b']);
    expect(matchingColleagues(colleagues, 'sha').map((c) => c.id)).toEqual(['p']);
    expect(matchingColleagues(colleagues, 'priya s').map((c) => c.id)).toEqual(['p']);
    expect(matchingColleagues(colleagues, '').map((c) => c.id)).toEqual(['j', 'b', 'p']);
  });

  it('inserts the full name the server recognises, and stops offering once nobody fits past a space', () => {
    const source = mentionSuggestions(colleagues, t);
    expect(source.suggest('Over to @Bethan P')?.suggestions.map((s) => s.text)).toEqual(['@Bethan Prys ']);
    expect(source.suggest('@Bethan Prys wh')).toBeNull();
    expect(source.suggest('@Zed')?.suggestions).toEqual([]); // still naming someone: "nobody by that name"
  });
});
