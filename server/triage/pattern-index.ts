import type { CompiledPattern } from './pattern';

/**
 * Picks the few patterns worth running on a message: those with one of their anchor words (or
 * prefixes) among the message's words, plus the few that have no anchor. With several hundred
 * patterns this keeps a classification to a handful of regular expression runs.
 */
export interface PatternIndex {
  /** Ids (positions in the compiled list) of the patterns to try, in ascending order. */
  candidates(words: readonly string[]): number[];
}

const MAX_CACHED_WORDS = 20_000;

export function createPatternIndex(patterns: readonly CompiledPattern[]): PatternIndex {
  const byWord = new Map<string, number[]>();
  const byPrefix = new Map<string, number[]>();
  const always: number[] = [];
  const add = (map: Map<string, number[]>, key: string, id: number) => {
    const ids = map.get(key);
    if (!ids) map.set(key, [id]);
    else if (ids[ids.length - 1] !== id) ids.push(id);
  };
  patterns.forEach((pattern, id) => {
    if (!pattern.anchors) always.push(id);
    else {
      pattern.anchors.words.forEach((word) => add(byWord, word, id));
      pattern.anchors.prefixes.forEach((prefix) => add(byPrefix, prefix, id));
    }
  });
  const prefixLengths = [...new Set([...byPrefix.keys()].map((prefix) => prefix.length))].sort((a, b) => a - b);

  const perWord = new Map<string, readonly number[]>();
  const idsForWord = (word: string): readonly number[] => {
    const cached = perWord.get(word);
    if (cached) return cached;
    const ids = [...(byWord.get(word) ?? [])];
    for (const length of prefixLengths) {
      if (length > word.length) break;
      ids.push(...(byPrefix.get(word.slice(0, length)) ?? []));
    }
    if (perWord.size >= MAX_CACHED_WORDS) perWord.clear();
    perWord.set(word, ids);
    return ids;
  };

  // Stamps instead of a fresh Set per message: ids seen in this call carry this call's stamp.
  const stamps = new Uint32Array(patterns.length);
  let stamp = 0;
  return {
    candidates(words) {
      stamp = stamp === 0xffffffff ? 1 : stamp + 1;
      if (stamp === 1) stamps.fill(0);
      const found: number[] = [];
      const take = (id: number) => {
        if (stamps[id] === stamp) return;
        stamps[id] = stamp;
        found.push(id);
      };
      always.forEach(take);
      for (const word of words) idsForWord(word).forEach(take);
      return found.sort((a, b) => a - b);
    },
  };
}
