import type { TFunction } from 'i18next';
import type { SuggestionSource } from './ComposerSuggestions';

export interface Colleague {
  id: string;
  name: string;
}

const MOST_SHOWN = 8;

/**
 * `@` and the start of a name just before the caret (up to three words: "@Priya Sh"). Like the
 * server's mention rule, an `@` inside a word (an email address) asks for nothing.
 */
export function mentionQueryAt(textBeforeCaret: string): { start: number; words: string } | null {
  const match = /(^|[^\p{L}\p{N}])@([\p{L}\p{N}'’.-]*(?: [\p{L}\p{N}'’.-]*){0,2})$/u.exec(textBeforeCaret);
  if (!match) return null;
  return { start: textBeforeCaret.length - match[2]!.length - 1, words: match[2]!.toLocaleLowerCase() };
}

/** Colleagues whose name, or one of whose names, starts with what was typed; in name order. */
export function matchingColleagues(colleagues: readonly Colleague[], words: string): Colleague[] {
  const fits = (colleague: Colleague) => {
    const name = colleague.name.trim().toLocaleLowerCase();
    return name.startsWith(words) || name.split(/\s+/).some((part) => part.startsWith(words));
  };
  return colleagues.filter(fits).sort((a, b) => a.name.localeCompare(b.name)).slice(0, MOST_SHOWN);
}

/** Colleagues after `@` in a note; choosing one writes "@Full Name ", which the server recognises. */
export function mentionSuggestions(colleagues: readonly Colleague[], t: TFunction): SuggestionSource {
  return {
    kind: 'mention',
    label: t('composer.mentionPickerLabel'),
    emptyText: t('composer.mentionNoMatch'),
    suggest(textBeforeCaret) {
      const query = mentionQueryAt(textBeforeCaret);
      if (!query) return null;
      const matches = matchingColleagues(colleagues, query.words);
      // Past a space with nobody matching, the agent is writing on, not naming someone.
      if (matches.length === 0 && query.words.includes(' ')) return null;
      return {
        start: query.start,
        suggestions: matches.map((colleague) => ({
          key: colleague.id,
          text: `@${colleague.name.trim()} `,
          data: { 'data-agent-id': colleague.id },
          content: <span className="suggestion-key">@{colleague.name}</span>,
        })),
      };
    },
  };
}
