import type { TFunction } from 'i18next';
import type { CannedResponseView } from '../../shared/api';
import { fillCannedText, type CannedVariables } from '../../shared/canned-text';
import type { SuggestionSource } from './ComposerSuggestions';

/** `/word` just before the caret, at the start of the text or after a space: the agent is asking for a canned response. */
export function cannedQueryAt(textBeforeCaret: string): { start: number; word: string } | null {
  const match = /(^|\s)\/([a-z0-9-]*)$/i.exec(textBeforeCaret);
  if (!match) return null;
  return { start: textBeforeCaret.length - match[2]!.length - 1, word: match[2]!.toLowerCase() };
}

export function matchingCanned(cannedResponses: readonly CannedResponseView[], word: string): CannedResponseView[] {
  return cannedResponses.filter((canned) => canned.shortcut.startsWith(word) || canned.title.toLowerCase().includes(word)).slice(0, 8);
}

const LANGUAGE_NAMES = { en: 'English', cy: 'Cymraeg' } as const;

/** Canned responses after `/`, filled in for this thread when chosen. */
export function cannedSuggestions(cannedResponses: readonly CannedResponseView[], variables: CannedVariables, t: TFunction): SuggestionSource {
  return {
    kind: 'canned',
    label: t('canned.pickerLabel'),
    emptyText: t('canned.noMatch'),
    suggest(textBeforeCaret) {
      const query = cannedQueryAt(textBeforeCaret);
      if (!query) return null;
      return {
        start: query.start,
        suggestions: matchingCanned(cannedResponses, query.word).map((canned) => ({
          key: canned.id,
          text: fillCannedText(canned.body, variables),
          data: { 'data-shortcut': canned.shortcut, 'data-language': canned.language },
          content: (
            <>
              <span className="suggestion-key">/{canned.shortcut}</span> <span lang={canned.language}>{canned.title}</span>{' '}
              <span className="suggestion-detail">{LANGUAGE_NAMES[canned.language]}</span>
            </>
          ),
        })),
      };
    },
  };
}
