import type { CannedResponseView } from '../../shared/api';
import { useTranslation } from 'react-i18next';

/** `/word` just before the caret, at the start of the text or after a space: the agent is asking for a canned response. */
export function cannedQueryAt(text: string, caret: number): { start: number; word: string } | null {
  const match = /(^|\s)\/([a-z0-9-]*)$/i.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, word: match[2]!.toLowerCase() };
}

export function matchingCanned(cannedResponses: readonly CannedResponseView[], word: string): CannedResponseView[] {
  return cannedResponses.filter((canned) => canned.shortcut.startsWith(word) || canned.title.toLowerCase().includes(word)).slice(0, 8);
}

const LANGUAGE_NAMES = { en: 'English', cy: 'Cymraeg' } as const;

interface CannedPickerProps {
  id: string;
  options: CannedResponseView[];
  activeIndex: number;
  onPick: (canned: CannedResponseView) => void;
}

/** The list under the composer while the agent types `/…`; arrows choose, Enter or Tab inserts, Esc closes. */
export function CannedPicker({ id, options, activeIndex, onPick }: CannedPickerProps) {
  const { t } = useTranslation();
  return (
    <ul id={id} role="listbox" aria-label={t('canned.pickerLabel')} className="canned-picker" data-testid="canned-picker">
      {options.length === 0 && (
        <li className="canned-empty" role="option" aria-selected="false" aria-disabled="true">
          {t('canned.noMatch')}
        </li>
      )}
      {options.map((canned, index) => (
        <li
          key={canned.id}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === activeIndex}
          className={index === activeIndex ? 'canned-option is-active' : 'canned-option'}
          data-testid="canned-option"
          data-shortcut={canned.shortcut}
          data-language={canned.language}
          // mousedown, not click: keep the focus in the textarea
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(canned);
          }}
        >
          <span className="canned-shortcut">/{canned.shortcut}</span> <span lang={canned.language}>{canned.title}</span>{' '}
          <span className="canned-language">{LANGUAGE_NAMES[canned.language]}</span>
        </li>
      ))}
    </ul>
  );
}
