import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadView } from '../../../shared/media';
import { errorText } from '../api';
import { IMAGE_ACCEPT, uploadImage } from './uploadImage';
import './media.css';

interface ReplyImageAttachProps {
  image: UploadView | null;
  onChange(image: UploadView | null): void;
  isDisabled?: boolean;
}

/** One image on a reply (an X DM takes one): chosen, uploaded at once, shown, removable. */
export function ReplyImageAttach({ image, onChange, isDisabled = false }: ReplyImageAttachProps) {
  const [isUploading, setIsUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const { t } = useTranslation();

  async function choose(file: File | undefined) {
    if (!file) return;
    setIsUploading(true);
    setProblem(null);
    try {
      onChange(await uploadImage(file));
    } catch (failure) {
      setProblem(errorText(failure));
    } finally {
      setIsUploading(false);
    }
  }

  if (image) {
    return (
      <div className="reply-image" data-testid="reply-image">
        <img src={image.url} alt={t('media.toSend')} />
        <button type="button" className="button" onClick={() => onChange(null)} disabled={isDisabled}>
          {t('media.removeImage')}
        </button>
      </div>
    );
  }
  return (
    <div className="reply-image">
      <label htmlFor={inputId} className="button">
        {isUploading ? t('media.uploading') : t('media.attachImage')}
      </label>
      <input
        id={inputId}
        data-testid="reply-image-input"
        className="visually-hidden-file"
        type="file"
        accept={IMAGE_ACCEPT}
        disabled={isDisabled || isUploading}
        onChange={(event) => {
          void choose(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {problem && (
        <p className="form-error" role="alert" data-testid="reply-image-error">
          {problem}
        </p>
      )}
    </div>
  );
}
