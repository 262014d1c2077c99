import type { RiskLevel } from '../../shared/constants';
import { TRIAGE_CATEGORIES, type TriageCategory } from './categories';
import type { CompiledModifier, CompiledRules } from './compile';
import type { Evidence, Span } from './evidence';

/*
 * Weighs the evidence. Each signal adds to an emergency score, a priority score and category
 * scores. "Lower" modifiers (it happened last week; the threat came online) take a signal's
 * emergency weight away — to priority, or to nothing — unless something says it is happening
 * now. The category's baseline raises the risk (a missing person is at least priority); "cap"
 * modifiers ("not an emergency") bound it.
 */

export interface Decision {
  risk: RiskLevel;
  category: TriageCategory;
  reasons: string[];
}

const RANK: Record<RiskLevel, number> = { routine: 0, priority: 1, emergency: 2 };

// Reasons are listed by kind (emergency evidence first), then by weight.
const ORDER = { emergency: 1, modifier: 2, priority: 3, category: 4, combo: 5, ruledOut: 6 } as const;

type CategoryWeights = Partial<Record<TriageCategory, number>>;
type ModifierHit = { modifier: CompiledModifier; span: Span };

class Scores {
  emergency = 0;
  priority = 0;
  readonly categories = new Map<TriageCategory, number>();
  /** Category evidence that is not about the past: only this earns a category's baseline risk. */
  readonly currentCategories = new Map<TriageCategory, number>();
  private readonly reasons: Array<{ text: string; order: number; weight: number }> = [];

  constructor(private readonly quote: (span: Span) => string) {}

  addCategories(weights: CategoryWeights, isCurrent = true): void {
    for (const [category, weight] of Object.entries(weights) as Array<[TriageCategory, number]>) {
      this.categories.set(category, (this.categories.get(category) ?? 0) + weight);
      if (isCurrent) this.currentCategories.set(category, (this.currentCategories.get(category) ?? 0) + weight);
    }
  }

  say(label: string, span: Span | undefined, order: number, weight = 0): void {
    this.reasons.push({ text: span ? `${label}: "${this.quote(span)}"` : label, order, weight });
  }

  rankedReasons(max: number): string[] {
    const sorted = [...this.reasons].sort((a, b) => a.order - b.order || b.weight - a.weight);
    return [...new Set(sorted.map((reason) => reason.text))].slice(0, max);
  }
}

export function decide(
  rules: CompiledRules,
  evidence: Evidence,
  referenceCount: number,
  quote: (span: Span) => string,
): Decision {
  const { settings } = rules;
  const scores = new Scores(quote);
  const modifiers = [...evidence.modifiers].map(([index, span]) => ({ modifier: rules.modifiers[index]!, span }));
  const isHappeningNow = modifiers.some(({ modifier }) => modifier.rule.kind === 'present');
  const inForce = modifiers.filter(({ modifier }) => !(modifier.yieldsToPresent && isHappeningNow));
  modifiers.forEach(({ modifier }) => scores.addCategories(modifier.rule.categories));

  const categoryEvidence = weighSignals(rules, evidence, inForce, scores);
  weighHarmHappeningNow(rules, evidence, inForce, scores);
  boostWhenHappeningNow(modifiers, scores);
  if (referenceCount > 0) scores.addCategories({ 'update-request': settings.references.updateRequestWeight });

  const category = chooseCategory(scores.categories, settings.thresholds.category, settings.defaultCategory);
  for (const item of categoryEvidence) {
    const weight = item.weights[category] ?? 0;
    if (weight > 0) scores.say(item.label, item.span, ORDER.category, weight);
  }
  const risk = chooseRisk(rules, scores, category, inForce);
  for (const [index, span] of evidence.negated) {
    const { rule } = rules.signals[index]!;
    if (rule.emergency > 0 || rule.priority > 0) scores.say(`${rule.label} ruled out`, span, ORDER.ruledOut);
  }
  return { risk, category, reasons: scores.rankedReasons(settings.maxReasons) };
}

/** Adds each signal (once per id) and each combo that holds; returns what spoke for which category. */
function weighSignals(rules: CompiledRules, evidence: Evidence, inForce: ModifierHit[], scores: Scores) {
  const lowering = new Map(inForce.filter(({ modifier }) => modifier.rule.kind === 'lower').map((hit) => [hit.modifier.rule.id, hit]));
  const clauseLowerings = new Map<string, ModifierHit>();
  const usedLowerings = new Set<string>();
  const tags = new Set<string>();
  const categoryEvidence: Array<{ label: string; span: Span; weights: CategoryWeights }> = [];
  for (const [index, span] of evidence.signals) {
    const { rule } = rules.signals[index]!;
    // Packs may share signal ids (the English and Welsh "asb"): a signal counts once.
    if (tags.has(rule.id)) continue;
    const loweredBy =
      rule.emergency > 0
        ? (rule.loweredBy.find((id) => lowering.has(id)) ??
          clauseLowering(rules, evidence, evidence.signalSpans.get(index) ?? [span], rule.loweredBy, clauseLowerings))
        : undefined;
    if (loweredBy) {
      usedLowerings.add(loweredBy);
      const moved = rule.whenLowered === 'priority' ? rule.emergency : 0;
      scores.priority += moved + rule.priority;
      scores.say(rule.label, span, ORDER.priority, moved + rule.priority);
    } else {
      scores.emergency += rule.emergency;
      scores.priority += rule.priority;
      if (rule.emergency > 0) scores.say(rule.label, span, ORDER.emergency, rule.emergency);
      else if (rule.priority > 0) scores.say(rule.label, span, ORDER.priority, rule.priority);
    }
    // A heart attack last year says what the message is about, not that it needs attention now.
    scores.addCategories(rule.categories, !(loweredBy && rule.whenLowered === 'routine'));
    categoryEvidence.push({ label: rule.label, span, weights: rule.categories });
    tags.add(rule.id);
    rule.tags.forEach((tag) => tags.add(tag));
  }
  for (const id of usedLowerings) {
    const { modifier, span } = lowering.get(id) ?? clauseLowerings.get(id)!;
    scores.say(modifier.rule.label, span, ORDER.modifier);
  }
  for (const combo of rules.combos) {
    if (!combo.allOf.every((tag) => tags.has(tag))) continue;
    scores.priority += combo.priority;
    scores.addCategories(combo.categories);
    scores.say(combo.label, undefined, ORDER.combo);
  }
  return categoryEvidence;
}

/**
 * A `lower` modifier scoped to its clause ("last night") still holds for a signal in that same
 * clause when the only present cue ("right now") stands in another sentence: "someone tried to
 * break into my van last night. right now I just want a crime number". Returns the modifier id.
 */
function clauseLowering(
  rules: CompiledRules,
  evidence: Evidence,
  signalSpans: readonly Span[],
  loweredBy: readonly string[],
  found: Map<string, ModifierHit>,
): string | undefined {
  let first: ModifierHit | undefined;
  // Every place the signal was found must be lowered: "a fire last week. smoke again right now".
  for (const span of signalSpans) {
    const hit = clauseLoweringAt(rules, evidence, span, loweredBy);
    if (!hit) return undefined;
    first ??= hit;
  }
  if (!first) return undefined;
  found.set(first.modifier.rule.id, first);
  return first.modifier.rule.id;
}

function clauseLoweringAt(rules: CompiledRules, evidence: Evidence, span: Span, loweredBy: readonly string[]): ModifierHit | undefined {
  const { clause, sentence } = evidence.segments;
  let hit: ModifierHit | undefined;
  for (const [index, spans] of evidence.modifierSpans) {
    const modifier = rules.modifiers[index]!;
    const { kind, scope, id } = modifier.rule;
    if (kind === 'present') {
      if (spans.some((cue) => sentence[cue.first] === sentence[span.first] || sentence[cue.last] === sentence[span.last])) return undefined;
    } else if (kind === 'lower' && scope === 'clause' && loweredBy.includes(id) && !hit) {
      const inClause = spans.find((cue) => clause[cue.first] === clause[span.first] || clause[cue.first] === clause[span.last]);
      if (inClause) hit = { modifier, span: inClause };
    }
  }
  return hit;
}

/**
 * Harm evidence ("punching", "a machete", "not breathing") with an immediacy cue ("now", "keeps
 * …ing", "please hurry") in the same sentence is an emergency, unless a past or habitual cue
 * lowers it (in force for the message, or in the harm phrase's own clause). Counts once.
 */
function weighHarmHappeningNow(rules: CompiledRules, evidence: Evidence, inForce: ModifierHit[], scores: Scores): void {
  if (evidence.harm.length === 0) return;
  const { sentence } = evidence.segments;
  for (const { kind, span } of evidence.harm) {
    const harmKind = rules.harmKinds[kind]!;
    const { emergency, loweredBy } = rules.harm[harmKind.pack]!;
    let cue: Span | undefined;
    if (harmKind.rule.needsImmediacy) {
      cue = evidence.immediacy.find((candidate) => sentence[candidate.first] === sentence[span.first] || sentence[candidate.last] === sentence[span.last]);
      if (!cue) continue;
    }
    const lowered =
      inForce.some(({ modifier }) => modifier.rule.kind === 'lower' && modifier.rule.scope !== 'clause' && loweredBy.includes(modifier.rule.id)) ||
      isLoweredInClause(rules, evidence, span, loweredBy);
    if (lowered) continue;
    scores.emergency += emergency;
    scores.addCategories(harmKind.rule.categories);
    const quoted = cue && Math.abs(cue.first - span.first) <= 8 ? { first: Math.min(cue.first, span.first), last: Math.max(cue.last, span.last) } : span;
    scores.say(`${harmKind.rule.label} happening now`, quoted, ORDER.emergency, emergency);
    return;
  }
}

/** A lower cue in the harm phrase's own clause ("punched me last week"), with no present cue beside it. */
function isLoweredInClause(rules: CompiledRules, evidence: Evidence, span: Span, loweredBy: readonly string[]): boolean {
  const { clause } = evidence.segments;
  const inClause = (cue: Span) => clause[cue.first] === clause[span.first] || clause[cue.last] === clause[span.last];
  let lowered = false;
  for (const [index, spans] of evidence.modifierSpans) {
    const { kind, id } = rules.modifiers[index]!.rule;
    if (!spans.some(inClause)) continue;
    if (kind === 'present') return false;
    if (kind === 'lower' && loweredBy.includes(id)) lowered = true;
  }
  return lowered;
}

// "Right now", "as we speak": more weight, but only to something already pointing at an emergency.
function boostWhenHappeningNow(modifiers: ModifierHit[], scores: Scores): void {
  if (scores.emergency <= 0) return;
  let best: ModifierHit | undefined;
  for (const hit of modifiers) {
    if (hit.modifier.rule.kind === 'present' && hit.modifier.rule.emergencyBoost > (best?.modifier.rule.emergencyBoost ?? 0)) best = hit;
  }
  if (!best) return;
  scores.emergency += best.modifier.rule.emergencyBoost;
  scores.say(best.modifier.rule.label, best.span, ORDER.emergency, best.modifier.rule.emergencyBoost);
}

function chooseRisk(rules: CompiledRules, scores: Scores, category: TriageCategory, inForce: ModifierHit[]): RiskLevel {
  const { thresholds, baselineRisk } = rules.settings;
  let risk: RiskLevel =
    scores.emergency >= thresholds.emergency ? 'emergency' : scores.priority >= thresholds.priority ? 'priority' : 'routine';
  const hasCurrentEvidence = (scores.currentCategories.get(category) ?? 0) >= thresholds.category;
  if (hasCurrentEvidence && RANK[baselineRisk[category]] > RANK[risk]) risk = baselineRisk[category];
  for (const { modifier, span } of inForce) {
    const cap = modifier.rule.kind === 'cap' ? modifier.rule.capRisk : undefined;
    if (cap && RANK[cap] < RANK[risk]) {
      risk = cap;
      scores.say(modifier.rule.label, span, ORDER.modifier);
    }
  }
  return risk;
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
