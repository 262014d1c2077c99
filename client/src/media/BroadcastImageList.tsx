import { useTranslation } from 'react-i18next';
import type { BroadcastView } from '../../../shared/broadcasts';
import './media.css';

/** A broadcast's images with their alt text, so whoever approves it sees exactly what goes out. */
export function BroadcastImageList({ images }: { images: BroadcastView['images'] }) {
  const { t } = useTranslation();
  if (images.length === 0) return null;
  return (
    <ul className="broadcast-image-list" data-testid="broadcast-image-list">
      {images.map((image) => (
        <li key={image.uploadId}>
          <img src={image.url} alt={image.altText} />
          <span className="broadcast-image-alt">{t('media.altText', { text: image.altText })}</span>
        </li>
      ))}
    </ul>
  );
}
