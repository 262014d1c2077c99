import { isSensitiveCategory, type TriageResult } from './categories';
import { compileRules, type CompiledRules } from './compile';
import { decide } from './decide';
import { collectEvidence } from './evidence';
import { quoteOriginal } from './normalise';
import { loadDefaultRules } from './rules';
import { triageRulesSchema, type TriageRules, type TriageRulesInput } from './rules.schema';

export interface Triage {
  classify(text: string): TriageResult;
}

/**
 * Builds a classifier from rules (the default ones in rules/*.json unless given). The rules are
 * validated and compiled here, once; `classify` is then pure and takes microseconds.
 */
export function createTriage(rules: TriageRules | TriageRulesInput = loadDefaultRules()): Triage {
  const compiled = compileRules(triageRulesSchema.parse(rules));
  return { classify: (text) => classifyWith(compiled, text) };
}

let defaultTriage: Triage | undefined;

/** Classifies with the default rules, compiled on first use. */
export function triageMessage(text: string): TriageResult {
  defaultTriage ??= createTriage();
  return defaultTriage.classify(text);
}

function classifyWith(rules: CompiledRules, text: string): TriageResult {
  const normalised = rules.normaliser.normalise(text);
  const { language, scores } = rules.detector.detect(normalised.words, text);
  const activePacks = rules.packs.map(
    (pack) => pack.applyWhen === 'always' || pack.language === language || (scores.get(pack.language) ?? 0) >= pack.activateAt,
  );
  const evidence = collectEvidence(rules, normalised, activePacks, text);
  const references = rules.references.extract(text);
  const { risk, category, reasons } = decide(rules, evidence, references.length, (span) =>
    quoteOriginal(text, normalised, span.first, span.last),
  );
  return { risk, category, language, reasons, references, isSensitive: isSensitiveCategory(category) };
}
