import type { FuzzyCorrector } from './fuzzy';

/** The word that stands for punctuation between clauses; patterns and negation never cross it. */
export const CLAUSE_BREAK = '|';

/**
 * A message as the matcher sees it: `text` is its words joined by single spaces, with a space
 * at each end, so every word is found as " word " (` ${words[i]} ` starts at starts[i]).
 * `spans[i]` is where word i came from in the original text, for quoting it back to an agent.
 */
export interface NormalisedText {
  text: string;
  words: string[];
  starts: number[];
  spans: Array<readonly [number, number]>;
}

export interface NormaliserConfig {
  /** Folded word → replacement words ("ive" → ["i", "have"]). */
  spellings: ReadonlyMap<string, readonly string[]>;
  /** In order; the first ending that fits splits the word: "isn't" → "is" + ["not"]. */
  apostropheSuffixes: ReadonlyArray<readonly [string, readonly string[]]>;
  /** Words known to be spelt right; filled in by the caller once patterns are compiled. */
  vocabulary: ReadonlySet<string>;
  fuzzy?: FuzzyCorrector;
  fuzzyIgnore: ReadonlySet<string>;
  fuzzyMinLength: number;
}

export interface Normaliser {
  normalise(text: string): NormalisedText;
  /** Folding, spellings and contractions only: how the words of a rule pattern are normalised. */
  normalisePatternWord(word: string): string[];
}

// Words (letters and digits, apostrophes inside) or runs of clause punctuation.
const TOKEN = /[\p{L}\p{N}]+(?:['’‘`´][\p{L}\p{N}]+)*['’]?|[.!?;,:()\n]+/gu;
const APOSTROPHES = /['’‘`´]/g;
const COMBINING_MARKS = /\p{M}/gu;
const TRIPLED_LETTER = /(\p{L})\1\1+/u;
const MAX_CACHED_WORDS = 20_000;

/** Lower case, one kind of apostrophe, accents removed ("Tŷ" → "ty", "café" → "cafe"). */
export function foldWord(raw: string): string {
  return raw.toLowerCase().replace(APOSTROPHES, "'").normalize('NFD').replace(COMBINING_MARKS, '');
}

export function createNormaliser(config: NormaliserConfig): Normaliser {
  const cache = new Map<string, readonly string[]>();

  const expandContractions = (folded: string): { base: string; tail: readonly string[] } => {
    for (const [suffix, replacement] of config.apostropheSuffixes) {
      if (folded.length > suffix.length && folded.endsWith(suffix)) {
        return { base: folded.slice(0, -suffix.length), tail: replacement };
      }
    }
    return { base: folded, tail: [] };
  };

  const basicWords = (raw: string): string[] => {
    const folded = foldWord(raw).replace(/^'+|'+$/g, '');
    const spelt = config.spellings.get(folded);
    if (spelt) return [...spelt];
    const { base, tail } = expandContractions(folded);
    const bare = base.replace(/'/g, '');
    return [...(config.spellings.get(bare) ?? [bare]), ...tail];
  };

  const correct = (word: string): string => {
    if (config.vocabulary.has(word) || /\d/.test(word)) return word;
    if (TRIPLED_LETTER.test(word)) return correctStretched(word);
    // Dropped g: "breakin" → "breaking", "bleedin" → "bleeding".
    if (word.endsWith('in') && config.vocabulary.has(`${word}g`)) return `${word}g`;
    return fuzzyCorrect(word) ?? word;
  };

  // "pleeease" → "please", "killlll" → "kill", "helppp" → "help".
  const correctStretched = (word: string): string => {
    const toTwo = word.replace(/(\p{L})\1\1+/gu, '$1$1');
    const toOne = word.replace(/(\p{L})\1\1+/gu, '$1');
    for (const candidate of [toTwo, toOne]) {
      if (config.vocabulary.has(candidate)) return candidate;
      const spelt = config.spellings.get(candidate);
      if (spelt?.length === 1) return spelt[0]!;
    }
    return fuzzyCorrect(toOne) ?? toOne;
  };

  const fuzzyCorrect = (word: string): string | undefined => {
    if (!config.fuzzy || word.length < config.fuzzyMinLength || config.fuzzyIgnore.has(word)) return undefined;
    return config.fuzzy.correct(word);
  };

  const normaliseWord = (raw: string): readonly string[] => {
    const cached = cache.get(raw);
    if (cached) return cached;
    const words = basicWords(raw)
      .filter((word) => word.length > 0)
      .flatMap((word) => {
        const corrected = correct(word);
        // A correction may itself be a listed spelling that expands ("dont" → "do not").
        return corrected === word ? [word] : (config.spellings.get(corrected) ?? [corrected]);
      });
    if (cache.size >= MAX_CACHED_WORDS) cache.clear();
    cache.set(raw, words);
    return words;
  };

  return {
    normalisePatternWord: (word) =>
      [...word.matchAll(TOKEN)]
        .filter((match) => !isClausePunctuation(match[0]))
        .flatMap((match) => basicWords(match[0]))
        .filter((w) => w.length > 0),
    normalise(text) {
      const words: string[] = [];
      const starts: number[] = [];
      const spans: Array<readonly [number, number]> = [];
      let joined = ' ';
      const push = (word: string, span: readonly [number, number]) => {
        words.push(word);
        starts.push(joined.length);
        spans.push(span);
        joined += `${word} `;
      };
      for (const match of text.matchAll(TOKEN)) {
        const span = [match.index, match.index + match[0].length] as const;
        if (isClausePunctuation(match[0])) {
          if (words.length > 0 && words[words.length - 1] !== CLAUSE_BREAK) push(CLAUSE_BREAK, span);
          continue;
        }
        for (const word of normaliseWord(match[0])) push(word, span);
      }
      return { text: joined, words, starts, spans };
    },
  };
}

function isClausePunctuation(token: string): boolean {
  return /^[.!?;,:()\n]/.test(token);
}

/** The original text behind words first..last, for quoting in a reason. */
export function quoteOriginal(original: string, normalised: NormalisedText, first: number, last: number): string {
  const from = normalised.spans[first]?.[0] ?? 0;
  const to = normalised.spans[last]?.[1] ?? original.length;
  const quote = original.slice(from, to).replace(/\s+/g, ' ').trim();
  return quote.length > 80 ? `${quote.slice(0, 77)}…` : quote;
}

/** Index of the word that contains character `offset` of `normalised.text`. */
export function wordIndexAt(normalised: NormalisedText, offset: number): number {
  const { starts } = normalised;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
