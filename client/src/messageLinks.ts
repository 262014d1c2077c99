/**
 * Web addresses in a message from the public. The inbox never makes them clickable by itself
 * (a phishing link is one careless click away); the agent asks to see them first.
 */
export function findWebLinks(text: string): string[] {
  const found = text.match(/\bhttps?:\/\/[^\s<>"']+/gi) ?? [];
  // Trailing punctuation usually ends the sentence, not the address.
  const cleaned = found.map((link) => link.replace(/[.,;:!?)\]]+$/, ''));
  return [...new Set(cleaned)].filter((link) => {
    try {
      return ['http:', 'https:'].includes(new URL(link).protocol);
    } catch {
      return false;
    }
  });
}
