import { CLAUSE_BREAK, wordIndexAt, type NormalisedText } from './normalise';
import type { CompiledPattern } from './pattern';

/**
 * Decides whether a phrase is negated: "nobody is hurt", "no one was injured", "he hasn't got a
 * knife". A cue counts only within a few words before the phrase and in the same clause, so "no
 * one was hurt but he's got a knife" still counts the knife. Pseudo-cues ("not sure", "no idea")
 * are blanked out first.
 */
export interface NegationRules {
  cues: readonly CompiledPattern[];
  pseudoCues: readonly CompiledPattern[];
  clauseBreaks: readonly string[];
}

export interface NegationDetector {
  /** Index of the first word of the cue negating the phrase starting at word `first`, or -1. */
  findCue(normalised: NormalisedText, first: number, activePacks: readonly boolean[]): number;
}

interface PackNegation {
  cue: RegExp | null;
  pseudo: RegExp | null;
  clauseBreaks: ReadonlySet<string>;
}

function union(patterns: readonly CompiledPattern[]): RegExp | null {
  if (patterns.length === 0) return null;
  return new RegExp(`(?:${patterns.map((pattern) => pattern.body).join('|')})(?= )`, 'g');
}

export function createNegationDetector(packs: readonly NegationRules[], scope: number): NegationDetector {
  const compiled: PackNegation[] = packs.map((pack) => ({
    cue: union(pack.cues),
    pseudo: union(pack.pseudoCues),
    clauseBreaks: new Set(pack.clauseBreaks),
  }));
  const allBreaks = new Set(compiled.flatMap((pack) => [...pack.clauseBreaks]));

  return {
    findCue(normalised, first, activePacks) {
      const { words, starts, text } = normalised;
      let windowStart = first;
      while (windowStart > 0 && first - windowStart < scope) {
        const previous = words[windowStart - 1]!;
        if (previous === CLAUSE_BREAK || allBreaks.has(previous)) break;
        windowStart -= 1;
      }
      if (windowStart === first) return -1;
      const offset = starts[windowStart]! - 1;
      const original = text.slice(offset, starts[first]);
      let best = -1;
      compiled.forEach((pack, index) => {
        if (!activePacks[index] || !pack.cue || best !== -1) return;
        const window = pack.pseudo ? original.replace(pack.pseudo, (match) => ' '.repeat(match.length)) : original;
        pack.cue.lastIndex = 0;
        const match = pack.cue.exec(window);
        if (match) best = wordIndexAt(normalised, offset + match.index + 1);
      });
      return best;
    },
  };
}
