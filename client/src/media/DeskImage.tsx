import { useTranslation } from 'react-i18next';
import './media.css';

/** An image an agent sent, served by the desk itself (not a link from the public): shown inline. */
export function DeskImage({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" data-testid="desk-image">
      <img className="message-image" src={url} alt={t('media.sentByDesk')} />
    </a>
  );
}
