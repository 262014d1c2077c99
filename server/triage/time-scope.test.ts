import { describe, expect, it } from 'vitest';
import { createTriage, triageMessage } from './classify';
import { compileRules } from './compile';
import { loadDefaultRules } from './rules';
import { triageRulesSchema } from './rules.schema';
import { segmentWords } from './segments';

// Time cues ("last night", "right now") are weighed where they stand in the message, not only
// for the message as a whole. Every message here is invented.

const risk = (text: string) => triageMessage(text).risk;

describe('segmentWords', () => {
  const rules = compileRules(triageRulesSchema.parse(loadDefaultRules()));
  const segment = (text: string) => {
    const normalised = rules.normaliser.normalise(text);
    const segments = segmentWords(normalised, text, rules.clauseBreaks);
    return normalised.words.map((word, index) => `${word}:${segments.clause[index]}/${segments.sentence[index]}`);
  };

  it('starts a new clause at commas and at words like "and", and a new sentence only at a full stop, ? ! or a new line', () => {
    expect(segment('he hit me, then left. now hes back\nhelp')).toEqual([
      'he:0/0',
      'hit:0/0',
      'me:0/0',
      '|:1/0',
      'then:2/0',
      'left:2/0',
      '|:3/1',
      'now:3/1',
      'he:3/1',
      'is:3/1',
      'back:3/1',
      '|:4/2',
      'help:4/2',
    ]);
  });
});

describe('a past cue holds for its own clause', () => {
  it('keeps an attempted break-in last night routine when a later sentence says "right now" about something else', () => {
    expect(risk('Someone tried to break into my van last night. Right now I just want a crime ref for the insurance')).toBe(
      'routine',
    );
  });

  it('still lets "right now" in the same sentence make it current', () => {
    expect(risk('someone tried to break into my van last night and theyre back trying again right now')).toBe('emergency');
  });

  it('is only a default: a modifier without the clause scope behaves as before', () => {
    const rules = loadDefaultRules();
    for (const pack of rules.packs) {
      for (const modifier of pack.modifiers) delete modifier.scope;
    }
    const wholeMessage = createTriage(rules);
    expect(wholeMessage.classify('Someone tried to break into my van last night. Right now I just want a crime ref').risk).toBe(
      'emergency',
    );
  });
});

describe('something happening now after something in the past', () => {
  it.each([
    'we had a break in last year. now theres someone in my garden trying the back door',
    'my ex hit me last week and tonight he is kicking my door in',
    'someone stabbed my brother yesterday and the lad who did it is outside our house with a knife',
  ])('"%s" is an emergency', (text) => {
    expect(risk(text)).toBe('emergency');
  });

  it('weighs every place a signal is found: an old fire does not hide smoke now', () => {
    expect(risk('there was a fire at the flats last week. right now theres smoke pouring out of the bin store')).toBe('emergency');
  });

  it('still lowers a report about the past as a whole', () => {
    expect(risk('It happened last night. He hit me and took my phone.')).toBe('priority');
    expect(risk('he punched me and kicked me last night')).toBe('priority');
  });
});
