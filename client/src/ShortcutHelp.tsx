import { Button, Modal } from '@mantine/core';
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
export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    // lockScroll off: Mantine locks scrolling with an injected <style>, which the CSP refuses (the inbox does not scroll anyway).
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} lockScroll={false} classNames={{ content: 'shortcut-help' }} attributes={{ content: { 'data-testid': 'shortcut-help' } }} closeButtonProps={{ 'aria-label': t('shortcuts.closeButton') }}>
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
      <Button variant="default" onClick={onClose}>
        {t('shortcuts.closeButton')}
      </Button>
    </Modal>
  );
}
