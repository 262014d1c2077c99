import type { RiskLevel } from '../../shared/constants';
import { TRIAGE_CATEGORIES, type TriageCategory } from './categories';
import type { CompiledRules } from './compile';
import type { Evidence, Span } from './evidence';

/*
 * Weighs the evidence. Each signal adds to an emergency score, a priority score and category
 * scores. "Lower" modifiers (it happened last week; the threat came online) move a signal's
 * emergency weight to priority unless something says it is happening now. The category's
 * baseline raises the risk (a missing person is at least priority); "cap" modifiers ("not an
 * emergency") bound it.
 */

export interface Decision {
  risk: RiskLevel;
  category: TriageCategory;
  reasons: string[];
}

const RANK: Record<RiskLevel, number> = { routine: 0, priority: 1, emergency: 2 };

interface Reason {
  text: string;
  order: number;
  weight: number;
}

export function decide(
  rules: CompiledRules,
  evidence: Evidence,
  referenceCount: number,
  quote: (span: Span) => string,
): Decision {
  const { settings } = rules;
  const reasons: Reason[] = [];
  const say = (label: string, span: Span | undefined, order: number, weight = 0) =>
    reasons.push({ text: span ? `${label}: "${quote(span)}"` : label, order, weight });
  const categoryScores = new Map<TriageCategory, number>();
  const addCategories = (weights: Partial<Record<TriageCategory, number>>) => {
    for (const [category, weight] of Object.entries(weights) as Array<[TriageCategory, number]>) {
      categoryScores.set(category, (categoryScores.get(category) ?? 0) + weight);
    }
  };

  const modifierHits = [...evidence.modifiers].map(([index, span]) => ({ modifier: rules.modifiers[index]!, span }));
  const isPresent = modifierHits.some(({ modifier }) => modifier.rule.kind === 'present');
  const inForce = modifierHits.filter(({ modifier }) => !(modifier.yieldsToPresent && isPresent));
  const lowering = new Map(
    inForce.filter(({ modifier }) => modifier.rule.kind === 'lower').map(({ modifier, span }) => [modifier.rule.id, { modifier, span }]),
  );
  modifierHits.forEach(({ modifier }) => addCategories(modifier.rule.categories));

  let emergency = 0;
  let priority = 0;
  const usedLowerings = new Set<string>();
  const tags = new Set<string>();
  const categoryEvidence: Array<{ label: string; span: Span; weights: Partial<Record<TriageCategory, number>> }> = [];
  const counted = new Set<string>();
  for (const [index, span] of evidence.signals) {
    const { rule } = rules.signals[index]!;
    // Packs may share signal ids (the English and Welsh "asb"): a signal counts once.
    if (counted.has(rule.id)) continue;
    counted.add(rule.id);
    const loweredBy = rule.emergency > 0 ? rule.loweredBy.find((id) => lowering.has(id)) : undefined;
    if (loweredBy) {
      usedLowerings.add(loweredBy);
      const moved = rule.whenLowered === 'priority' ? rule.emergency : 0;
      priority += moved + rule.priority;
      say(rule.label, span, 3, moved + rule.priority);
    } else {
      emergency += rule.emergency;
      priority += rule.priority;
      if (rule.emergency > 0) say(rule.label, span, 1, rule.emergency);
      else if (rule.priority > 0) say(rule.label, span, 3, rule.priority);
    }
    addCategories(rule.categories);
    categoryEvidence.push({ label: rule.label, span, weights: rule.categories });
    tags.add(rule.id);
    rule.tags.forEach((tag) => tags.add(tag));
  }
  for (const combo of rules.combos) {
    if (!combo.allOf.every((tag) => tags.has(tag))) continue;
    priority += combo.priority;
    addCategories(combo.categories);
    say(combo.label, undefined, 5);
  }
  const boost = Math.max(0, ...modifierHits.map(({ modifier }) => (modifier.rule.kind === 'present' ? modifier.rule.emergencyBoost : 0)));
  if (emergency > 0 && boost > 0) {
    emergency += boost;
    const present = modifierHits.find(({ modifier }) => modifier.rule.emergencyBoost === boost)!;
    say(present.modifier.rule.label, present.span, 1, boost);
  }
  for (const id of usedLowerings) {
    const { modifier, span } = lowering.get(id)!;
    say(modifier.rule.label, span, 2);
  }
  if (referenceCount > 0) addCategories({ 'update-request': settings.references.updateRequestWeight });

  const category = chooseCategory(categoryScores, settings.thresholds.category, settings.defaultCategory);
  for (const item of categoryEvidence) {
    const weight = item.weights[category] ?? 0;
    if (weight > 0) say(item.label, item.span, 4, weight);
  }

  let risk: RiskLevel =
    emergency >= settings.thresholds.emergency ? 'emergency' : priority >= settings.thresholds.priority ? 'priority' : 'routine';
  const baseline = settings.baselineRisk[category];
  if (RANK[baseline] > RANK[risk]) risk = baseline;
  for (const { modifier, span } of inForce) {
    const cap = modifier.rule.kind === 'cap' ? modifier.rule.capRisk : undefined;
    if (cap && RANK[cap] < RANK[risk]) {
      risk = cap;
      say(modifier.rule.label, span, 2);
    }
  }
  for (const [index, span] of evidence.negated) {
    const { rule } = rules.signals[index]!;
    if (rule.emergency > 0 || rule.priority > 0) say(`${rule.label} ruled out`, span, 6);
  }

  return { risk, category, reasons: rankReasons(reasons, settings.maxReasons) };
}

function chooseCategory(scores: ReadonlyMap<TriageCategory, number>, threshold: number, fallback: TriageCategory): TriageCategory {
  let best = fallback;
  let bestScore = 0;
  for (const category of TRIAGE_CATEGORIES) {
    const score = scores.get(category) ?? 0;
    if (score >= threshold && score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}

function rankReasons(reasons: Reason[], max: number): string[] {
  const sorted = [...reasons].sort((a, b) => a.order - b.order || b.weight - a.weight);
  return [...new Set(sorted.map((reason) => reason.text))].slice(0, max);
}
