import { describe, expect, it } from 'vitest';
import { compileRules } from './compile';
import { CLAUSE_BREAK, quoteOriginal } from './normalise';
import { loadDefaultRules } from './rules';

const { normaliser } = compileRules(loadDefaultRules());
const words = (text: string) => normaliser.normalise(text).words.join(' ');

describe('normalisation', () => {
  it('lower-cases, expands contractions and text speak', () => {
    expect(words("He's said he'll KILL me, can't call")).toBe('he is said he will kill me | cannot call');
    expect(words('ive been told theres sum1 outside u house')).toBe('i have been told there is someone outside you house');
  });

  it('expands Welsh apostrophe forms and strips accents', () => {
    expect(words("Mae'n dân yn y tŷ, wedi'i ddwyn o'r orsaf")).toBe('mae yn dan yn y ty | wedi ei ddwyn o yr orsaf');
  });

  it('shortens stretched letters to a known word', () => {
    expect(words('pleeeease helpppp')).toBe('please help');
    expect(words('killlll')).toBe('kill');
  });

  it('restores a dropped g', () => {
    expect(words('hes kickin the door in')).toBe('he is kicking the door in');
  });

  it('corrects a misspelt keyword one edit away', () => {
    expect(words('unconsious and bleding')).toBe('unconscious and bleeding');
  });

  it('leaves real words alone even when they are one edit from a keyword', () => {
    expect(words('sitting kissing lighting')).toBe('sitting kissing lighting');
  });

  it('turns clause punctuation into a break that patterns cannot cross', () => {
    expect(normaliser.normalise('no. one hurt').words).toEqual(['no', CLAUSE_BREAK, 'one', 'hurt']);
  });

  it('keeps the original spans so reasons can quote the message', () => {
    const text = "Says he'll KILL me!!";
    const normalised = normaliser.normalise(text);
    expect(normalised.words.slice(0, 4)).toEqual(['says', 'he', 'will', 'kill']);
    expect(quoteOriginal(text, normalised, 0, 4)).toBe("Says he'll KILL me");
  });
});
