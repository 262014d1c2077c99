import type { CompiledRules } from './compile';
import { wordIndexAt, type NormalisedText } from './normalise';

/** Where a phrase was found, as word indexes into the normalised message (inclusive). */
export interface Span {
  first: number;
  last: number;
}

/** What the rules found in one message, before any weighing. */
export interface Evidence {
  /** Signal index → where it first counted. */
  signals: Map<number, Span>;
  /** Signal index → a phrase that matched but was negated ("nobody is hurt"), for the reasons. */
  negated: Map<number, Span>;
  /** Modifier index → where it matched. */
  modifiers: Map<number, Span>;
}

/** Runs the candidate patterns of the active packs over the message. */
export function collectEvidence(
  rules: CompiledRules,
  normalised: NormalisedText,
  activePacks: readonly boolean[],
): Evidence {
  const evidence: Evidence = { signals: new Map(), negated: new Map(), modifiers: new Map() };
  const { text } = normalised;
  for (const id of rules.index.candidates(normalised.words)) {
    const owner = rules.owners[id]!;
    if (!activePacks[owner.pack]) continue;
    const found = owner.kind === 'signal' ? evidence.signals : evidence.modifiers;
    if (found.has(owner.index)) continue;
    const regex = rules.patterns[id]!.regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      const span = { first: wordIndexAt(normalised, start + 1), last: wordIndexAt(normalised, end - 1) };
      if (owner.kind === 'modifier') {
        evidence.modifiers.set(owner.index, span);
        break;
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
      evidence.signals.set(owner.index, span);
      evidence.negated.delete(owner.index);
      break;
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
