import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Keys and what they do (a key in i18n/en.ts `shortcuts`). */
export const SHORTCUTS = [
  ['j / k', 'next'],
  ['/', 'search'],
  ['r', 'reply'],
  ['n', 'note'],
  ['a', 'take'],
  ['e', 'close'],
  ['Ctrl+Enter', 'send'],
  ['?', 'help'],
  ['Esc', 'leave'],
] as const;

/** The keyboard shortcuts, in a dialog the `?` key opens. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="shortcut-help" aria-labelledby="shortcut-title" data-testid="shortcut-help" onClose={onClose}>
      <h2 id="shortcut-title">{t('shortcuts.title')}</h2>
      <dl>
        {SHORTCUTS.map(([keys, does]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(`shortcuts.${does}`)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose}>
        {t('shortcuts.closeButton')}
      </button>
    </dialog>
  );
}
