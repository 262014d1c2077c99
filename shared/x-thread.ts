import twitterText from 'twitter-text';

/** X counts 280 *weighted* characters (contract §7): CJK and emoji weigh 2, every URL 23. */
export const X_MAX_WEIGHTED_LENGTH = 280;

export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/**
 * Splits a post into the parts of a numbered X thread ("… (1/3)"), breaking between words and
 * measuring each part as X will, numbering included. Text that fits one post stays whole.
 */
export function splitIntoThread(text: string): string[] {
  const whole = text.trim();
  if (weightedLength(whole) <= X_MAX_WEIGHTED_LENGTH) return [whole];
  // Room for the widest numbering a desk will ever need, " (99/99)", so parts never overflow.
  const budget = X_MAX_WEIGHTED_LENGTH - weightedLength(' (99/99)');
  const parts: string[] = [];
  let current = '';
  for (const word of whole.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && weightedLength(candidate) > budget) {
      parts.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) parts.push(current);
  return parts.map((part, index) => `${part} (${index + 1}/${parts.length})`);
}
