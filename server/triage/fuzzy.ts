/**
 * Corrects a misspelt word to a keyword one edit away (insert, delete, substitute or swap two
 * neighbouring letters): "stabed" → "stabbed", "unconsious" → "unconscious".
 *
 * Symmetric-delete lookup (the SymSpell idea): every keyword is indexed under itself and each of
 * its one-letter deletions, so a word needs only its own deletions looked up, not a scan of every
 * keyword. Candidates are then checked exactly.
 */
export interface FuzzyCorrector {
  correct(word: string): string | undefined;
}

export function createFuzzyCorrector(keywords: Iterable<string>): FuzzyCorrector {
  const byVariant = new Map<string, string[]>();
  const keywordSet = new Set<string>();
  const index = (variant: string, keyword: string) => {
    const list = byVariant.get(variant);
    if (!list) byVariant.set(variant, [keyword]);
    else if (!list.includes(keyword)) list.push(keyword);
  };
  for (const keyword of keywords) {
    keywordSet.add(keyword);
    index(keyword, keyword);
    for (const variant of deletions(keyword)) index(variant, keyword);
  }

  return {
    correct(word) {
      if (keywordSet.has(word)) return word;
      const candidates = new Set<string>(byVariant.get(word) ?? []);
      for (const variant of deletions(word)) {
        for (const keyword of byVariant.get(variant) ?? []) candidates.add(keyword);
      }
      const close = [...candidates].filter((keyword) => isOneEditApart(word, keyword));
      if (close.length === 1) return close[0];
      // Several keywords are one edit away: trust only one that keeps the first letter.
      const sameStart = close.filter((keyword) => keyword[0] === word[0]);
      return sameStart.length === 1 ? sameStart[0] : undefined;
    },
  };
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance ≤ 1, without building the full matrix. */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  if (a.length === b.length) {
    const restA = a.slice(start + 1);
    if (restA === b.slice(start + 1)) return true; // substitution
    // transposition of two neighbouring letters
    return a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(start + 1) === shorter.slice(start);
}
