import { describe, expect, it } from 'vitest';
import { compilePattern } from './pattern';

const identity = (word: string) => [word.toLowerCase()];
const matches = (pattern: string, text: string) => {
  const { regex } = compilePattern(pattern, identity);
  regex.lastIndex = 0;
  return regex.test(` ${text} `);
};

describe('pattern syntax', () => {
  it('matches whole words only', () => {
    expect(matches('knife', 'he has a knife')).toBe(true);
    expect(matches('knife', 'he has knifes')).toBe(false);
  });

  it('matches a prefix with *', () => {
    expect(matches('stab*', 'he was stabbed')).toBe(true);
    expect(matches('stab*', 'a stable door')).toBe(true);
    expect(matches('stab*', 'unstable')).toBe(false);
  });

  it('matches alternatives and optional words', () => {
    expect(matches('(is|are) (really )?hurt', 'they are really hurt')).toBe(true);
    expect(matches('(is|are) (really )?hurt', 'he is hurt')).toBe(true);
    expect(matches('very? bad', 'bad')).toBe(true);
  });

  it('allows a gap of a few words but not across a clause break', () => {
    expect(matches('son ~3 missing', 'my son has gone missing')).toBe(true);
    expect(matches('son ~1 missing', 'my son has gone missing')).toBe(false);
    expect(matches('son ~3 missing', 'my son | missing')).toBe(false);
  });

  it('matches numbers and regular-expression words', () => {
    expect(matches('# year old', 'my 6 year old')).toBe(true);
    expect(matches('on the re:[mab][0-9]+', 'on the a465 near')).toBe(true);
    expect(matches('(road|re:m[0-9]+) closed', 'm4 closed')).toBe(true);
  });

  it('names an anchor word that must be present', () => {
    expect(compilePattern('(is|are) (hitting|punching) me', identity).anchors).toEqual({
      words: ['hitting', 'punching'],
      prefixes: [],
    });
  });

  it.each(['(unclosed', 'a | b', '~3', 'word?? x', '(a|)', 're:[', '(a)?'])('rejects "%s"', (pattern) => {
    expect(() => compilePattern(pattern, identity)).toThrow();
  });
});
