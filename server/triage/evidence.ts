import type { CompiledRules } from './compile';
import { wordIndexAt, type NormalisedText } from './normalise';
import { segmentWords, type Segments } from './segments';

/** Where a phrase was found, as word indexes into the normalised message (inclusive). */
export interface Span {
  first: number;
  last: number;
}

/** What the rules found in one message, before any weighing. */
export interface Evidence {
  /** Signal index → where it first counted. */
  signals: Map<number, Span>;
  /** Signal index → every place it counted (a past cue may hold for one and not another). */
  signalSpans: Map<number, Span[]>;
  /** Signal index → a phrase that matched but was negated ("nobody is hurt"), for the reasons. */
  negated: Map<number, Span>;
  /** Modifier index → where it first matched. */
  modifiers: Map<number, Span>;
  /** Modifier index → every place it matched (time cues are weighed clause by clause). */
  modifierSpans: Map<number, Span[]>;
  /** Harm phrases found, not negated: harm kind index and where. */
  harm: Array<{ kind: number; span: Span }>;
  /** Immediacy cues found ("now", "is hitting", "help"). */
  immediacy: Span[];
  /** Clause and sentence of each word. */
  segments: Segments;
}

/** Runs the candidate patterns of the active packs over the message. */
export function collectEvidence(
  rules: CompiledRules,
  normalised: NormalisedText,
  activePacks: readonly boolean[],
  original: string,
): Evidence {
  const evidence: Evidence = {
    signals: new Map(),
    signalSpans: new Map(),
    negated: new Map(),
    modifiers: new Map(),
    modifierSpans: new Map(),
    harm: [],
    immediacy: [],
    segments: segmentWords(normalised, original, rules.clauseBreaks),
  };
  const { text } = normalised;
  for (const id of rules.index.candidates(normalised.words)) {
    const owner = rules.owners[id]!;
    if (!activePacks[owner.pack]) continue;
    const regex = rules.patterns[id]!.regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      const span = { first: wordIndexAt(normalised, start + 1), last: wordIndexAt(normalised, end - 1) };
      if (owner.kind === 'modifier') {
        if (!evidence.modifiers.has(owner.index)) evidence.modifiers.set(owner.index, span);
        const spans = evidence.modifierSpans.get(owner.index) ?? [];
        spans.push(span);
        evidence.modifierSpans.set(owner.index, spans);
        continue;
      }
      if (owner.kind === 'immediacy') {
        const excludes = rules.harm[owner.pack]!.immediacyExcludes;
        // "he's not here now" says the opposite.
        if (excludes.some((exclude) => overlapsMatch(exclude.regex, text, start, end))) continue;
        if (rules.negation.findCue(normalised, span.first, activePacks) === -1) evidence.immediacy.push(span);
        continue;
      }
      if (owner.kind === 'harm') {
        const kind = rules.harmKinds[owner.index]!;
        if (kind.excludes.some((exclude) => overlapsMatch(exclude.regex, text, start, end))) continue;
        if (kind.rule.negatable && rules.negation.findCue(normalised, span.first, activePacks) !== -1) continue;
        evidence.harm.push({ kind: owner.index, span });
        continue;
      }
      const signal = rules.signals[owner.index]!;
      if (signal.excludes.some((exclude) => overlapsMatch(exclude.regex, text, start, end))) continue;
      if (signal.rule.negatable) {
        const cue = rules.negation.findCue(normalised, span.first, activePacks);
        if (cue !== -1) {
          if (!evidence.negated.has(owner.index)) evidence.negated.set(owner.index, { first: cue, last: span.last });
          continue;
        }
      }
      if (!evidence.signals.has(owner.index)) evidence.signals.set(owner.index, span);
      evidence.negated.delete(owner.index);
      const spans = evidence.signalSpans.get(owner.index) ?? [];
      spans.push(span);
      evidence.signalSpans.set(owner.index, spans);
    }
  }
  return evidence;
}

function overlapsMatch(regex: RegExp, text: string, start: number, end: number): boolean {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (match.index < end && match.index + match[0].length > start) return true;
    if (match.index >= end) return false;
  }
  return false;
}
