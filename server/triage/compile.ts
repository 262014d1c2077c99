import type { Language } from '../../shared/constants';
import { createFuzzyCorrector } from './fuzzy';
import { createLanguageDetector, type LanguageDetector } from './language';
import { createNegationDetector, type NegationDetector } from './negation';
import { createNormaliser, foldWord, type Normaliser } from './normalise';
import { compilePattern, type CompiledPattern } from './pattern';
import { createPatternIndex, type PatternIndex } from './pattern-index';
import { createReferenceExtractor, type ReferenceExtractor } from './references';
import type { ComboRule, HarmKindRule, ModifierRule, SignalRule, TriageRules, TriageSettings } from './rules.schema';

/** The rules turned, once, into everything classification needs. */
export interface CompiledRules {
  settings: TriageSettings;
  normaliser: Normaliser;
  detector: LanguageDetector;
  negation: NegationDetector;
  /** Words that end a clause ("but", "and", "ond"), from every pack's negation rules. */
  clauseBreaks: ReadonlySet<string>;
  references: ReferenceExtractor;
  packs: ReadonlyArray<{ language: Language; applyWhen: 'always' | 'detected'; activateAt: number }>;
  signals: CompiledSignal[];
  modifiers: CompiledModifier[];
  combos: ComboRule[];
  /** Harm kinds of every pack (the compositional "harm + happening now" check). */
  harmKinds: CompiledHarmKind[];
  /** Per pack: the harm weight, its lowering modifiers and the immediacy excludes. */
  harm: Array<{ emergency: number; loweredBy: string[]; immediacyExcludes: CompiledPattern[] }>;
  /** Every pattern of every signal and modifier; `owners[i]` says whose pattern i is. */
  patterns: CompiledPattern[];
  owners: PatternOwner[];
  index: PatternIndex;
}

export interface CompiledSignal {
  rule: SignalRule;
  pack: number;
  excludes: CompiledPattern[];
}

export interface CompiledModifier {
  rule: ModifierRule;
  pack: number;
  yieldsToPresent: boolean;
}

export interface CompiledHarmKind {
  rule: HarmKindRule;
  pack: number;
  excludes: CompiledPattern[];
}

export type PatternOwner = { kind: 'signal' | 'modifier' | 'harm' | 'immediacy'; index: number; pack: number };

export function compileRules(rules: TriageRules): CompiledRules {
  const { settings, packs } = rules;
  const vocabulary = new Set<string>();
  const spellings = new Map<string, string[]>();
  const apostropheSuffixes: Array<[string, string[]]> = [];
  const fuzzyIgnore = new Set<string>();
  for (const { normalisation } of packs) {
    for (const [from, to] of Object.entries(normalisation.spellings)) {
      spellings.set(foldWord(from), to.split(/\s+/).filter(Boolean).map(foldWord));
    }
    for (const [suffix, replacement] of normalisation.apostropheSuffixes) {
      apostropheSuffixes.push([foldWord(suffix), replacement.split(/\s+/).filter(Boolean).map(foldWord)]);
    }
    normalisation.fuzzyIgnore.forEach((word) => fuzzyIgnore.add(foldWord(word)));
  }
  const fuzzyKeywords = packs.flatMap((pack) => pack.normalisation.fuzzyKeywords.map(foldWord));
  const normaliser = createNormaliser({
    spellings,
    apostropheSuffixes,
    vocabulary,
    fuzzy: settings.fuzzy.enabled ? createFuzzyCorrector(fuzzyKeywords) : undefined,
    fuzzyIgnore,
    fuzzyMinLength: settings.fuzzy.minWordLength,
  });
  const toWords = (word: string) => normaliser.normalisePatternWord(word);
  const compile = (source: string, owner: string) => {
    try {
      const pattern = compilePattern(source, toWords);
      pattern.literals.forEach((word) => vocabulary.add(word));
      return pattern;
    } catch (error) {
      throw new Error(`triage rules, ${owner}: ${(error as Error).message}`, { cause: error });
    }
  };

  const patterns: CompiledPattern[] = [];
  const owners: PatternOwner[] = [];
  const signals: CompiledSignal[] = [];
  const modifiers: CompiledModifier[] = [];
  const harmKinds: CompiledHarmKind[] = [];
  const harm: CompiledRules['harm'] = [];
  packs.forEach((pack, packIndex) => {
    const where = `${pack.language} pack`;
    for (const rule of pack.modifiers) {
      const index = modifiers.length;
      modifiers.push({ rule, pack: packIndex, yieldsToPresent: rule.yieldsToPresent ?? rule.kind === 'lower' });
      for (const source of rule.patterns) {
        patterns.push(compile(source, `${where}, modifier "${rule.id}"`));
        owners.push({ kind: 'modifier', index, pack: packIndex });
      }
    }
    for (const rule of pack.signals) {
      const index = signals.length;
      const excludes = rule.excludes.map((source) => compile(source, `${where}, signal "${rule.id}" excludes`));
      signals.push({ rule, pack: packIndex, excludes });
      for (const source of rule.patterns) {
        patterns.push(compile(source, `${where}, signal "${rule.id}"`));
        owners.push({ kind: 'signal', index, pack: packIndex });
      }
    }
    const rules = pack.harm;
    harm.push({
      emergency: rules?.emergency ?? 0,
      loweredBy: rules?.loweredBy ?? [],
      immediacyExcludes: (rules?.immediacyExcludes ?? []).map((source) => compile(source, `${where}, harm immediacy excludes`)),
    });
    for (const rule of rules?.kinds ?? []) {
      const index = harmKinds.length;
      const excludes = rule.excludes.map((source) => compile(source, `${where}, harm "${rule.id}" excludes`));
      harmKinds.push({ rule, pack: packIndex, excludes });
      for (const source of rule.patterns) {
        patterns.push(compile(source, `${where}, harm "${rule.id}"`));
        owners.push({ kind: 'harm', index, pack: packIndex });
      }
    }
    for (const source of rules?.immediacy ?? []) {
      patterns.push(compile(source, `${where}, harm immediacy`));
      owners.push({ kind: 'immediacy', index: packIndex, pack: packIndex });
    }
  });
  const negationPacks = packs.map((pack, packIndex) => ({
    cues: pack.negation.cues.map((source) => compile(source, `${pack.language} pack ${packIndex}, negation cue`)),
    pseudoCues: pack.negation.pseudoCues.map((source) => compile(source, `${pack.language} pack, pseudo-cue`)),
    clauseBreaks: pack.negation.clauseBreaks.flatMap(toWords),
  }));

  for (const pack of packs) {
    for (const word of [...pack.normalisation.knownWords, ...pack.detection.words]) toWords(word).forEach((w) => vocabulary.add(w));
  }
  spellings.forEach((words) => words.forEach((word) => vocabulary.add(word)));
  fuzzyKeywords.forEach((word) => vocabulary.add(word));

  return {
    settings,
    normaliser,
    detector: createLanguageDetector(packs, settings.defaultLanguage, toWords),
    negation: createNegationDetector(negationPacks, settings.negationScope),
    clauseBreaks: new Set(negationPacks.flatMap((pack) => pack.clauseBreaks)),
    references: createReferenceExtractor(settings.references.force),
    packs: packs.map((pack) => ({
      language: pack.language,
      applyWhen: pack.applyWhen,
      activateAt: pack.detection.activateAt,
    })),
    signals,
    modifiers,
    combos: packs.flatMap((pack) => pack.combos),
    harmKinds,
    harm,
    patterns,
    owners,
    index: createPatternIndex(patterns),
  };
}
