import { describe, expect, it } from 'vitest';
import { SENSITIVE_CATEGORIES, TRIAGE_CATEGORIES } from './categories';
import { createTriage, triageMessage } from './classify';
import { loadDefaultRules } from './rules';

// Every message here is invented, written the way people write to a force on Facebook.

function triage(text: string) {
  const { risk, category, language } = triageMessage(text);
  return { risk, category, language };
}

describe('the categories', () => {
  it('lists the eleven triage categories and marks sexual offences, domestic abuse and intelligence as sensitive', () => {
    expect(TRIAGE_CATEGORIES).toHaveLength(11);
    expect([...SENSITIVE_CATEGORIES].sort()).toEqual(['domestic-abuse', 'intelligence', 'sexual-offence']);
  });
});

describe('emergencies', () => {
  it.each([
    ['someones trying to get in my back door, i can hear them at the lock', 'crime-report'],
    ['theres a lad with a machete outside the chippy', 'crime-report'],
    ['my dad has collapsed in the kitchen and isnt responding', 'welfare-concern'],
    ['ive been raped please help me', 'sexual-offence'],
    ['car crash, man trapped, by the garage on the bypass', 'road-traffic'],
    ['i want to end it all tonight', 'welfare-concern'],
    ['my boyfriend is hitting me and the kids are upstairs', 'domestic-abuse'],
    ['cant find my 4 year old in the shopping centre, she has a pink coat on', 'missing-person'],
    ['lorry has just hit a pedestrian on the high street, she is bleeding', 'road-traffic'],
    ['shots fired on the estate, people running', 'crime-report'],
    ['a teenager is in the canal under the footbridge and he is shouting for help', 'welfare-concern'],
    ['my flatmate has swallowed a whole packet of her sleeping tablets', 'welfare-concern'],
    ['he is sat on the edge of the roof of the flats crying', 'welfare-concern'],
  ])('classifies "%s" as an emergency (%s)', (text, category) => {
    expect(triage(text)).toEqual({ risk: 'emergency', category, language: 'en' });
  });

  it('says why, quoting the message', () => {
    const result = triageMessage("I'm in the loft, my ex got in and says he'll kill me");
    expect(result.risk).toBe('emergency');
    expect(result.category).toBe('domestic-abuse');
    expect(result.reasons).toContain('threat to life: "says he\'ll kill me"');
  });

  it('marks a sensitive category so the thread can be restricted', () => {
    expect(triageMessage('my husband is strangling me, i locked myself in the bathroom').isSensitive).toBe(true);
    expect(triageMessage('bin men did not come again this week').isSensitive).toBe(false);
  });
});

describe('negations and time markers', () => {
  it('does not count an injury the writer rules out', () => {
    const result = triageMessage('someone reversed into my car at the retail park, no one injured, got their reg');
    expect(result.risk).toBe('routine');
    expect(result.category).toBe('road-traffic');
    expect(result.reasons.some((reason) => reason.startsWith('injury ruled out'))).toBe(true);
  });

  it('lowers violence that happened last week to priority', () => {
    expect(triage('my partner punched me last week, he is at his mums now')).toEqual({
      risk: 'priority',
      category: 'domestic-abuse',
      language: 'en',
    });
  });

  it('keeps violence that is happening now an emergency even after an earlier incident', () => {
    expect(triage('he hit me last week and now he is outside my door with a knife').risk).toBe('emergency');
  });

  it('treats a theft from last night as routine', () => {
    expect(triage('my van was broken into last night and the tools were stolen')).toEqual({
      risk: 'routine',
      category: 'crime-report',
      language: 'en',
    });
  });

  it('caps the risk when the writer says it is not an emergency', () => {
    expect(triage('not an emergency but a man flashed at me on the bus this morning').risk).toBe('priority');
  });

  it('treats threats made online as priority, not emergency', () => {
    expect(triage('someone keeps messaging me on instagram saying they will stab me')).toEqual({
      risk: 'priority',
      category: 'crime-report',
      language: 'en',
    });
  });

  it('treats a question about knife crime figures as routine advice', () => {
    expect(triage('how many knife crimes were there in the city last year? its for my college project')).toEqual({
      risk: 'routine',
      category: 'advice',
      language: 'en',
    });
  });

  it('treats talk of suicide with someone safe at home as priority', () => {
    expect(triage("my brother keeps talking about ending it all but he's safe at home with us tonight").risk).toBe(
      'priority',
    );
  });
});

describe('misspellings, text speak and shouting', () => {
  it('understands a misspelt stabbing', () => {
    expect(triage('my mate has been stabed outside the club hes bleeding alot').risk).toBe('emergency');
  });

  it('understands stretched letters and no punctuation', () => {
    expect(triage('pleeeease help theres men kicking my front door in').risk).toBe('emergency');
  });

  it('understands a misspelt ambulance and heart attack', () => {
    expect(triage('my husband is having a heart atack send an ambulence')).toEqual({
      risk: 'emergency',
      category: 'welfare-concern',
      language: 'en',
    });
  });

  it('does not correct real words into alarming ones ("sitting" is not "hitting")', () => {
    expect(triage('a man has been sitting in a car outside the school for an hour').risk).not.toBe('emergency');
  });
});

describe('alarming words in ordinary messages', () => {
  it.each([
    'my kids are fighting over the xbox again',
    'what should I do if I see someone carrying a knife?',
    'there was a film about a stabbing on tv last night',
    'my husband had a heart attack last year, is he allowed to drive now?',
    'can I shoot pigeons in my garden with an air rifle',
    'do you have knife amnesty bins in Newport',
    'the man who was stabbed in town last year, was anyone ever charged?',
    'haha my little brother just punched a hole in his pillow',
    'my neighbour keeps parking across my drive even though there is a non-molestation order against her ex',
    'does my son need a licence for a crossbow?',
  ])('does not treat "%s" as an emergency', (text) => {
    expect(triage(text).risk).not.toBe('emergency');
  });
});

describe('routine traffic', () => {
  it.each([
    ['bin men didnt come again this week', 'non-police'],
    ['how do i report a lost passport', 'advice'],
    ['any update on ref 12345', 'update-request'],
    ['kids on motorbikes ripping up the playing field every night', 'asb'],
    ['the lad at number 9 is selling weed from his car, dont want to give my name', 'intelligence'],
    ['got a text pretending to be my bank and now money has gone out of my account', 'crime-report'],
    ['thanks to the officers who found my nans car so quickly', 'advice'],
    ['street light outside my house has been out for weeks', 'non-police'],
  ])('classifies "%s" as routine (%s)', (text, category) => {
    expect(triage(text)).toEqual({ risk: 'routine', category, language: 'en' });
  });
});

describe('priority traffic', () => {
  it.each([
    ['can someone check on my elderly neighbour, not seen her for a week and her post is piling up', 'welfare-concern'],
    ['my mum hasnt come home since yesterday and isnt answering her phone', 'missing-person'],
    ['a man has been sending my 13 year old daughter messages on snapchat asking to meet her', 'crime-report'],
    ['we had racist abuse shouted at us at the bus stop on saturday', 'crime-report'],
    ['i want to report being sexually assaulted at a party two years ago', 'sexual-offence'],
  ])('classifies "%s" as priority (%s)', (text, category) => {
    expect(triage(text)).toEqual({ risk: 'priority', category, language: 'en' });
  });
});

describe('Welsh', () => {
  it.each([
    ['mae dyn gyda chyllell tu allan i’r dafarn', 'emergency', 'crime-report'],
    ['help, mae tân yn y gegin drws nesaf', 'emergency', 'crime-report'],
    ['Mae fy nghariad yn fy nharo i nawr', 'emergency', 'domestic-abuse'],
    ['dwi eisiau diweddariad ar fy achos', 'routine', 'update-request'],
    ['Mae rhywun wedi dwyn fy meic o’r sied neithiwr', 'routine', 'crime-report'],
    ['Sut alla i gael trwydded dryll?', 'routine', 'advice'],
  ])('classifies "%s" as %s (%s) in Welsh', (text, risk, category) => {
    expect(triage(text)).toEqual({ risk, category, language: 'cy' });
  });
});

describe('references', () => {
  it('returns our reference and the force crime number quoted in the message', () => {
    expect(triageMessage('any news? smd 2026 451, crime number 62/123456/24').references).toEqual([
      'SMD-2026-000451',
      '62/123456/24',
    ]);
  });
});

describe('createTriage', () => {
  it('uses the rules it is given', () => {
    const rules = loadDefaultRules();
    const english = rules.packs.find((pack) => pack.language === 'en')!;
    english.signals.push({
      id: 'goose',
      label: 'goose on the loose',
      patterns: ['goose (loose|chasing)'],
      excludes: [],
      emergency: 1,
      priority: 0,
      categories: { 'non-police': 5 },
      tags: [],
      negatable: true,
      loweredBy: ['past'],
      whenLowered: 'priority',
    });
    const result = createTriage(rules).classify('there is a goose chasing children in the park');
    expect(result.risk).toBe('emergency');
    expect(result.reasons[0]).toBe('goose on the loose: "goose chasing"');
  });

  it('refuses rules that fail validation, naming the problem', () => {
    const rules = loadDefaultRules();
    rules.packs[0]!.signals[0]!.loweredBy = ['yesteryear'];
    expect(() => createTriage(rules)).toThrow(/yesteryear/);
  });

  it('refuses a pattern it cannot compile, naming the signal', () => {
    const rules = loadDefaultRules();
    rules.packs[0]!.signals[0]!.patterns.push('(unclosed');
    expect(() => createTriage(rules)).toThrow(/signal "weapon".*missing "\)"/);
  });
});
