import type { Language } from '../../shared/constants';
import type { LanguagePack } from './rules.schema';

/**
 * Tells English from Welsh by counting marker words ("mae", "yn", "wedi" against "the", "is",
 * "was"), word shapes ("ll…", "…ydd") and letters only Welsh uses (ŵ, ŷ). Short messages
 * with no marker at all get the default language.
 */
export interface LanguageDetection {
  language: Language;
  /** Marker score per language, for deciding which language packs apply to a message. */
  scores: ReadonlyMap<Language, number>;
}

export interface LanguageDetector {
  detect(words: readonly string[], original: string): LanguageDetection;
}

interface Profile {
  language: Language;
  words: ReadonlySet<string>;
  wordWeight: number;
  prefixes: readonly string[];
  suffixes: readonly string[];
  affixWeight: number;
  letters: ReadonlySet<string>;
  letterWeight: number;
}

const MAX_CACHED_WORDS = 20_000;
const NON_ASCII = /[^ -~\s]/;

export function createLanguageDetector(
  packs: readonly LanguagePack[],
  defaultLanguage: Language,
  normaliseWord: (word: string) => string[],
): LanguageDetector {
  const profiles: Profile[] = packs.map(({ language, detection }) => ({
    language,
    // A listed word that normalises to several ("dwi" → "dw i") would count its parts: skipped.
    words: new Set(detection.words.map(normaliseWord).filter((words) => words.length === 1).flat()),
    wordWeight: detection.wordWeight,
    prefixes: detection.prefixes.flatMap(normaliseWord),
    suffixes: detection.suffixes.flatMap(normaliseWord),
    affixWeight: detection.affixWeight,
    letters: new Set([...detection.letters.toLowerCase()]),
    letterWeight: detection.letterWeight,
  }));

  const perWord = new Map<string, readonly number[]>();
  const wordScores = (word: string): readonly number[] => {
    const cached = perWord.get(word);
    if (cached) return cached;
    const scores = profiles.map((profile) => {
      if (profile.words.has(word)) return profile.wordWeight;
      const hasAffix =
        profile.prefixes.some((prefix) => word.length >= prefix.length + 2 && word.startsWith(prefix)) ||
        profile.suffixes.some((suffix) => word.length >= suffix.length + 2 && word.endsWith(suffix));
      return hasAffix ? profile.affixWeight : 0;
    });
    if (perWord.size >= MAX_CACHED_WORDS) perWord.clear();
    perWord.set(word, scores);
    return scores;
  };
  const hasLetters = profiles.some((profile) => profile.letters.size > 0);

  const scores = (words: readonly string[], original: string): Map<Language, number> => {
    const totals = new Array<number>(profiles.length).fill(0);
    for (const word of words) {
      const byProfile = wordScores(word);
      byProfile.forEach((score, index) => (totals[index] = (totals[index] ?? 0) + score));
    }
    // Only non-ASCII letters (ŵ, ŷ, â…) can be distinctive, so plain ASCII text skips the scan.
    if (hasLetters && NON_ASCII.test(original)) {
      for (const char of original.toLowerCase()) {
        if (char.charCodeAt(0) < 128) continue;
        profiles.forEach((profile, index) => {
          if (profile.letters.has(char)) totals[index] = (totals[index] ?? 0) + profile.letterWeight;
        });
      }
    }
    const result = new Map<Language, number>();
    profiles.forEach((profile, index) => result.set(profile.language, (result.get(profile.language) ?? 0) + totals[index]!));
    return result;
  };

  return {
    detect(words, original) {
      const byLanguage = scores(words, original);
      let language: Language = defaultLanguage;
      let bestScore = byLanguage.get(defaultLanguage) ?? 0;
      for (const [candidate, score] of byLanguage) {
        if (score > bestScore) {
          language = candidate;
          bestScore = score;
        }
      }
      return { language, scores: byLanguage };
    },
  };
}
