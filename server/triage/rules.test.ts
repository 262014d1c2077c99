import { describe, expect, it } from 'vitest';
import { createTriage } from './classify';
import { extendRules, loadDefaultRules } from './rules';
import { triageRulesSchema } from './rules.schema';

describe('the rules files', () => {
  it('load and validate', () => {
    const rules = loadDefaultRules();
    expect(rules.packs.map((pack) => pack.language)).toEqual(['en', 'cy']);
    expect(rules.packs[0]!.signals.length).toBeGreaterThan(20);
  });

  it('reject a reference pattern that is not a regular expression', () => {
    const rules = loadDefaultRules();
    rules.settings.references.force.push({ name: 'broken', pattern: '([A-Z', flags: 'i', group: 0 });
    expect(() => triageRulesSchema.parse(rules)).toThrow(/not a valid regular expression/);
  });

  it('reject a cap modifier without the risk it caps to', () => {
    const rules = loadDefaultRules();
    rules.packs[0]!.modifiers.push({
      id: 'calm',
      label: 'calm',
      kind: 'cap',
      patterns: ['all calm'],
      emergencyBoost: 0,
      categories: {},
    });
    expect(() => triageRulesSchema.parse(rules)).toThrow(/capRisk/);
  });
});

describe('extendRules', () => {
  it('adds a force’s own signal and spelling without editing the defaults', () => {
    const extended = extendRules(loadDefaultRules(), {
      packs: [
        {
          language: 'en',
          normalisation: { spellings: { glawcester: 'gloucester' } },
          signals: [
            {
              id: 'stadium-crush',
              label: 'crowd crush',
              patterns: ['crush (at|outside) the (stadium|ground)'],
              emergency: 1,
              categories: { 'welfare-concern': 2 },
            },
          ],
        },
      ],
      settings: { maxReasons: 2 },
    });
    const result = createTriage(extended).classify('people being hurt in a crush outside the stadium');
    expect(result.risk).toBe('emergency');
    expect(result.reasons).toContain('crowd crush: "crush outside the stadium"');
    expect(result.reasons.length).toBeLessThanOrEqual(2);
    expect(loadDefaultRules().packs[0]!.signals.some((signal) => signal.id === 'stadium-crush')).toBe(false);
  });
});
