import { useEffect, useRef } from 'react';

export const SHORTCUTS: ReadonlyArray<[keys: string, does: string]> = [
  ['j / k', 'Next / previous conversation'],
  ['/', 'Search'],
  ['r', 'Reply to the open conversation'],
  ['n', 'Write a private note'],
  ['a', 'Take the open conversation'],
  ['e', 'Close the open conversation'],
  ['Ctrl+Enter', 'Send the reply or note'],
  ['?', 'Show or hide this list'],
  ['Esc', 'Leave a text box or this list'],
];

/** The keyboard shortcuts, in a dialog the `?` key opens. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="shortcut-help" aria-labelledby="shortcut-title" data-testid="shortcut-help" onClose={onClose}>
      <h2 id="shortcut-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, does]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
