import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ALT_TEXT_LENGTH, MAX_BROADCAST_IMAGES } from '../../../shared/media';
import { errorText } from '../api';
import { IMAGE_ACCEPT, uploadImage } from './uploadImage';
import './media.css';

export interface ComposedImage {
  uploadId: string;
  url: string;
  altText: string;
}

interface BroadcastImagesProps {
  images: ComposedImage[];
  onChange(images: ComposedImage[]): void;
}

/** Up to 4 images for a broadcast, each with the alt text both platforms read out (required). */
export function BroadcastImages({ images, onChange }: BroadcastImagesProps) {
  const [isUploading, setIsUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const room = MAX_BROADCAST_IMAGES - images.length;
  const { t } = useTranslation();

  async function add(files: File[]) {
    if (files.length > room) {
      setProblem(t('media.tooMany', { max: MAX_BROADCAST_IMAGES }));
      return;
    }
    setIsUploading(true);
    setProblem(null);
    const added: ComposedImage[] = [];
    try {
      for (const file of files) {
        const upload = await uploadImage(file);
        added.push({ uploadId: upload.id, url: upload.url, altText: '' });
      }
    } catch (failure) {
      setProblem(errorText(failure));
    } finally {
      onChange([...images, ...added]);
      setIsUploading(false);
    }
  }

  const update = (index: number, altText: string) => onChange(images.map((image, n) => (n === index ? { ...image, altText } : image)));

  return (
    <fieldset className="broadcast-images" data-testid="broadcast-images">
      <legend>{t('media.images', { max: MAX_BROADCAST_IMAGES })}</legend>
      {images.map((image, index) => (
        <div key={image.uploadId} className="broadcast-image">
          <img src={image.url} alt={image.altText || t('media.notDescribed', { number: index + 1 })} />
          <label>
            {t('media.describe', { number: index + 1 })}
            <textarea
              data-testid={`broadcast-image-alt-${index}`}
              rows={2}
              maxLength={MAX_ALT_TEXT_LENGTH}
              value={image.altText}
              aria-invalid={!image.altText.trim()}
              onChange={(event) => update(index, event.target.value)}
            />
          </label>
          <button type="button" className="button" onClick={() => onChange(images.filter((_, n) => n !== index))}>
            {t('media.remove')}
          </button>
        </div>
      ))}
      {room > 0 && (
        <label className="button">
          {isUploading ? t('media.uploading') : t('media.addImages')}
          <input
            data-testid="broadcast-image-input"
            className="visually-hidden-file"
            type="file"
            accept={IMAGE_ACCEPT}
            multiple
            disabled={isUploading}
            onChange={(event) => {
              void add([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </label>
      )}
      {problem && (
        <p className="form-error" role="alert" data-testid="broadcast-image-error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

/** The images as each platform will show them: all on the Facebook post, on X's opening post. */
export function ImagePreview({ images }: { images: ComposedImage[] }) {
  if (images.length === 0) return null;
  return (
    <div className="image-preview">
      {images.map((image) => (
        <img key={image.uploadId} src={image.url} alt={image.altText} />
      ))}
    </div>
  );
}
