import cy from './rules/cy.json' with { type: 'json' };
import en from './rules/en.json' with { type: 'json' };
import settings from './rules/settings.json' with { type: 'json' };
import { triageRulesSchema, type LanguagePackInput, type TriageRules, type TriageRulesInput } from './rules.schema';

/**
 * The default rules: settings.json (thresholds, baseline risks, reference formats) and one pack
 * per language (en.json, cy.json). Validated on every call, so a bad edit fails at start-up
 * with the path of the offending entry.
 */
export function loadDefaultRules(): TriageRules {
  return triageRulesSchema.parse({ settings, packs: [en, cy] });
}

/** A force's additions: extra packs, or more signals and modifiers for an existing language. */
export interface RulesExtension {
  settings?: Partial<TriageRulesInput['settings']>;
  packs?: Array<Partial<LanguagePackInput> & Pick<LanguagePackInput, 'language'>>;
}

/**
 * Adds a force's own rules to a base set without editing it: settings are replaced key by key;
 * a pack for a language already present has its signals, modifiers, combos, spellings and cues
 * appended; a pack for a new language is added whole.
 */
export function extendRules(base: TriageRules, extension: RulesExtension): TriageRules {
  const packs: unknown[] = base.packs.map((pack) => {
    const extra = extension.packs?.find((candidate) => candidate.language === pack.language);
    if (!extra) return pack;
    return {
      ...pack,
      normalisation: {
        ...pack.normalisation,
        spellings: { ...pack.normalisation.spellings, ...extra.normalisation?.spellings },
        fuzzyKeywords: [...pack.normalisation.fuzzyKeywords, ...(extra.normalisation?.fuzzyKeywords ?? [])],
        fuzzyIgnore: [...pack.normalisation.fuzzyIgnore, ...(extra.normalisation?.fuzzyIgnore ?? [])],
        knownWords: [...pack.normalisation.knownWords, ...(extra.normalisation?.knownWords ?? [])],
      },
      negation: {
        cues: [...pack.negation.cues, ...(extra.negation?.cues ?? [])],
        pseudoCues: [...pack.negation.pseudoCues, ...(extra.negation?.pseudoCues ?? [])],
        clauseBreaks: [...pack.negation.clauseBreaks, ...(extra.negation?.clauseBreaks ?? [])],
      },
      modifiers: [...pack.modifiers, ...(extra.modifiers ?? [])],
      signals: [...pack.signals, ...(extra.signals ?? [])],
      combos: [...pack.combos, ...(extra.combos ?? [])],
    };
  });
  for (const extra of extension.packs ?? []) {
    if (!base.packs.some((pack) => pack.language === extra.language)) packs.push(extra);
  }
  return triageRulesSchema.parse({ settings: { ...base.settings, ...extension.settings }, packs });
}
