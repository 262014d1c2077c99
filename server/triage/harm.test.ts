import { describe, expect, it } from 'vitest';
import { createTriage, triageMessage } from './classify';
import { loadDefaultRules } from './rules';
import { triageRulesSchema } from './rules.schema';

// The compositional check: harm evidence + an immediacy cue in one sentence is an emergency.
// Every sentence is invented. `harmOnly` keeps the rules' harm lexicon, immediacy cues, negation
// and time modifiers but none of the phrase-list signals, so it shows what the mechanism alone does.

const harmOnly = createTriage({
  ...loadDefaultRules(),
  packs: loadDefaultRules().packs.map((pack) => ({ ...pack, signals: [], combos: [] })),
});

describe('harm happening now, by itself', () => {
  it.each([
    'some bloke keeps booting a lad on the ground by the taxi rank',
    'two women are dragging a man out of his car at the lights',
    'my neighbour is waving a crowbar about in the street now',
    'theres someone slumped in the bus shelter, not breathing, please hurry',
    'lad on the bridge says hes going to jump, im with him now',
    'they have poured fuel on my fence and one of them has a lighter, they are outside',
    'my 3 year old has gone, the back gate was open',
    'a man is forcing himself on a woman on the path by the river',
    'Mae dyn yn cicio rhywun ar y llawr tu allan nawr',
  ])('makes "%s" an emergency', (text) => {
    expect(harmOnly.classify(text).risk).toBe('emergency');
  });

  it.each([
    ['harm with no sign it is happening now', 'he punched my brother'],
    ['an immediacy cue with no harm', 'please hurry with my crime number, I am outside the station now'],
    ['a negated harm', 'nobody is bleeding at the moment, we just swapped details'],
    ['harm lowered by a past cue in its own clause', 'he was hitting her last week and I am still upset'],
    ['harm that happens every night', 'the lads next door keep kicking the bins over every night'],
    ['a negated immediacy cue', 'he grabbed me by the arm two nights ago, he is not here now'],
    ['harm and immediacy in different sentences', 'My uncle was stabbed in 1998. I am outside your station now with questions.'],
    ['an idiom', 'I am killing time outside the library now'],
    ['a child who has gone somewhere ordinary', 'my daughter has gone to her nan\'s for tea'],
  ])('leaves %s below emergency: "%s"', (_why, text) => {
    expect(harmOnly.classify(text).risk).not.toBe('emergency');
  });
});

describe('harm happening now, with the full rules', () => {
  it('shows the agent which harm is happening now', () => {
    const { risk, reasons } = triageMessage('a man keeps thumping the shop owner behind the counter');
    expect(risk).toBe('emergency');
    expect(reasons.some((reason) => reason.startsWith('violence happening now: "'))).toBe(true);
  });

  it.each([
    'that film where the guy stabs his neighbour is on telly right now',
    'my son is playing a game where you machete zombies, is that age appropriate',
    'dying to know if my stolen bike turned up yet',
    'my phone is dying, can you ring me back',
    'the smoke alarm is going off right now because of my toast',
  ])('keeps the false alarm "%s" below emergency', (text) => {
    expect(triageMessage(text).risk).not.toBe('emergency');
  });

  it('rejects a harm section whose loweredBy names no lower modifier', () => {
    const rules = loadDefaultRules();
    const [first, ...rest] = rules.packs;
    const broken = { ...rules, packs: [{ ...first!, harm: { ...first!.harm!, loweredBy: ['someday'] } }, ...rest] };
    const result = triageRulesSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['packs', 0, 'harm', 'loweredBy']);
  });
});
