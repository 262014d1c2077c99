import { useId, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

/** One choice in the list: `text` replaces the trigger and what was typed after it. */
export interface Suggestion {
  key: string;
  text: string;
  content: ReactNode;
  /** Extra data-* attributes for the option (tests and styling read them). */
  data?: Record<`data-${string}`, string>;
}

/**
 * Something the composer offers as the agent types a trigger character: canned responses after
 * `/`, colleagues after `@`. The composer asks every source; the first that answers is shown.
 */
export interface SuggestionSource {
  /** Names the list and its options for tests: `${kind}-picker`, `${kind}-option`. */
  kind: string;
  label: string;
  emptyText: string;
  /** What the text before the caret asks of this source, or null when it asks nothing. */
  suggest: (textBeforeCaret: string) => SuggestionQuery | null;
}

export interface SuggestionQuery {
  /** Where the trigger character sits: everything from here to the caret is replaced. */
  start: number;
  suggestions: Suggestion[];
}

interface Options {
  sources: readonly SuggestionSource[];
  text: string;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onInsert: (nextText: string) => void;
}

/**
 * The suggestion list under the composer's textarea, as an ARIA combobox: the textarea keeps the
 * focus (arrows choose, Enter or Tab inserts, Esc closes) and points at the chosen option with
 * aria-activedescendant. With no list open, the textarea's own keys behave as usual.
 */
export function useComposerSuggestions({ sources, text, inputRef, onInsert }: Options) {
  const listId = useId();
  // The caret as the agent last typed; null once they chose, closed the list or left the box.
  const [caret, setCaret] = useState<number | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const found = caret === null ? null : firstAnswer(sources, text.slice(0, caret));
  const suggestions = found?.query.suggestions ?? [];
  const active = Math.min(activeIndex, Math.max(suggestions.length - 1, 0));

  function insert(suggestion: Suggestion) {
    const input = inputRef.current;
    if (!found || caret === null || !input) return;
    onInsert(text.slice(0, found.query.start) + suggestion.text + text.slice(caret));
    setCaret(null);
    const at = found.query.start + suggestion.text.length;
    requestAnimationFrame(() => input.setSelectionRange(at, at));
  }

  /** True when the key was the list's to handle. */
  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!found) return false;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves && suggestions.length > 0) {
      event.preventDefault();
      setActiveIndex((active + moves[event.key]! + suggestions.length) % suggestions.length);
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && suggestions[active] && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      insert(suggestions[active]!);
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation(); // the first Esc closes the list, not the page's "leave the text box"
      setCaret(null);
      return true;
    }
    return false;
  }

  const hasSources = sources.length > 0;
  return {
    /** Call as the text changes, with the caret where it now is. */
    textChanged(caretNow: number) {
      setCaret(caretNow);
      setActiveIndex(0);
    },
    handleKeyDown,
    inputProps: {
      role: hasSources ? 'combobox' : undefined,
      'aria-autocomplete': hasSources ? ('list' as const) : undefined,
      'aria-expanded': hasSources ? found !== null : undefined,
      'aria-controls': found ? listId : undefined,
      'aria-activedescendant': found && suggestions.length > 0 ? `${listId}-${active}` : undefined,
      onBlur: () => setCaret(null),
    },
    list: found && <SuggestionList id={listId} source={found.source} suggestions={suggestions} activeIndex={active} onPick={insert} />,
  };
}

function firstAnswer(sources: readonly SuggestionSource[], textBeforeCaret: string): { source: SuggestionSource; query: SuggestionQuery } | null {
  for (const source of sources) {
    const query = source.suggest(textBeforeCaret);
    if (query) return { source, query };
  }
  return null;
}

interface SuggestionListProps {
  id: string;
  source: SuggestionSource;
  suggestions: Suggestion[];
  activeIndex: number;
  onPick: (suggestion: Suggestion) => void;
}

function SuggestionList({ id, source, suggestions, activeIndex, onPick }: SuggestionListProps) {
  return (
    <ul id={id} role="listbox" aria-label={source.label} className="suggestion-list" data-testid={`${source.kind}-picker`}>
      {suggestions.length === 0 && (
        <li className="suggestion-empty" role="option" aria-selected="false" aria-disabled="true">
          {source.emptyText}
        </li>
      )}
      {suggestions.map((suggestion, index) => (
        <li
          key={suggestion.key}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === activeIndex}
          className={index === activeIndex ? 'suggestion-option is-active' : 'suggestion-option'}
          data-testid={`${source.kind}-option`}
          {...suggestion.data}
          // mousedown, not click: keep the focus in the textarea
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(suggestion);
          }}
        >
          {suggestion.content}
        </li>
      ))}
    </ul>
  );
}
