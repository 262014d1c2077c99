import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BROADCAST_LANGUAGES,
  BROADCAST_TEMPLATES,
  broadcastDraftSchema,
  renderTemplate,
  TEMPLATES,
  type BroadcastChannel,
  type BroadcastLanguage,
  type BroadcastSettings,
  type BroadcastTemplate,
} from '../../../shared/broadcasts';
import { splitIntoThread, weightedLength } from '../../../shared/x-thread';
import { errorText } from '../api';
import { BroadcastImages, ImagePreview, type ComposedImage } from '../media/BroadcastImages';
import { draftAndSubmit } from './broadcastsApi';

interface BroadcastComposerProps {
  settings: BroadcastSettings;
  onDone(): void;
}

/** One composer for both channels: a template filled in, the words editable, a preview per channel. */
export function BroadcastComposer({ settings, onDone }: BroadcastComposerProps) {
  const [template, setTemplate] = useState<BroadcastTemplate>('missing_person');
  const [language, setLanguage] = useState<BroadcastLanguage>('en');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [editedText, setEditedText] = useState<string | null>(null);
  const [link, setLink] = useState('');
  const [areaTags, setAreaTags] = useState<string[]>([]);
  const [channels, setChannels] = useState<BroadcastChannel[]>(settings.channels);
  const [scheduledAt, setScheduledAt] = useState('');
  const [images, setImages] = useState<ComposedImage[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { t } = useTranslation();
  const fieldLabel = (name: string) => t(`broadcasts.templates.${template}.fields.${name}`);

  const definition = TEMPLATES[template];
  const text = editedText ?? renderTemplate(template, language, fields);
  const xText = link ? `${text} ${link}` : text;
  const thread = useMemo(() => splitIntoThread(xText), [xText]);
  const needsApproval = settings.templatesNeedingApproval.includes(template);
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((value) => value !== item) : [...list, item]);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const missing = definition.fields.find((field) => field.isRequired && !(fields[field.name] ?? '').trim());
    if (missing && editedText === null) {
      setProblem(t('broadcasts.composer.fillIn', { field: fieldLabel(missing.name) }));
      return;
    }
    const parsed = broadcastDraftSchema.safeParse({
      template,
      language,
      fields,
      text,
      link: link.trim() || null,
      images: images.map(({ uploadId, altText }) => ({ uploadId, altText })),
      areaTags,
      channels,
      scheduledAt: scheduledAt ? new Date(scheduledAt).toISOString() : null,
    });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((issue) => issue.message).join('; '));
      return;
    }
    setIsSaving(true);
    setProblem(null);
    try {
      await draftAndSubmit(parsed.data);
      onDone();
    } catch (failure) {
      setProblem(errorText(failure));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <form className="broadcast-composer" data-testid="broadcast-composer" onSubmit={handleSubmit}>
      <h2>{t('broadcasts.composer.title')}</h2>
      <div className="broadcast-row">
        <label>
          {t('broadcasts.composer.template')}{' '}
          <select data-testid="broadcast-template" value={template} onChange={(event) => { setTemplate(event.target.value as BroadcastTemplate); setEditedText(null); }}>
            {BROADCAST_TEMPLATES.map((name) => (
              <option key={name} value={name}>{t(`broadcasts.templates.${name}.label`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('broadcasts.composer.language')}{' '}
          <select data-testid="broadcast-language" value={language} onChange={(event) => { setLanguage(event.target.value as BroadcastLanguage); setEditedText(null); }}>
            {BROADCAST_LANGUAGES.map((name) => (
              <option key={name} value={name}>{t(`broadcasts.composer.languages.${name}`)}</option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="broadcast-fields">
        <legend>{t(`broadcasts.templates.${template}.label`)}</legend>
        {definition.fields.map((field) => (
          <label key={field.name}>
            {fieldLabel(field.name)}{field.isRequired ? '' : t('broadcasts.composer.optional')}
            <input
              data-testid={`broadcast-field-${field.name}`}
              value={fields[field.name] ?? ''}
              onChange={(event) => { setFields({ ...fields, [field.name]: event.target.value }); setEditedText(null); }}
            />
          </label>
        ))}
      </fieldset>
      <label className="broadcast-text">
        {t('broadcasts.composer.text')}
        <textarea data-testid="broadcast-text" rows={5} value={text} onChange={(event) => setEditedText(event.target.value)} />
      </label>
      <label>
        {t('broadcasts.composer.link')} <input data-testid="broadcast-link" type="url" value={link} onChange={(event) => setLink(event.target.value)} />
      </label>
      <BroadcastImages images={images} onChange={setImages} />
      <fieldset className="broadcast-checks">
        <legend>{t('broadcasts.composer.areas')}</legend>
        {settings.areaTags.map((tag) => (
          <label key={tag}>
            <input type="checkbox" checked={areaTags.includes(tag)} onChange={() => setAreaTags(toggle(areaTags, tag))} /> {tag}
          </label>
        ))}
      </fieldset>
      <fieldset className="broadcast-checks">
        <legend>{t('broadcasts.composer.channels')}</legend>
        {settings.channels.map((channel) => (
          <label key={channel}>
            <input type="checkbox" data-testid={`broadcast-channel-${channel}`} checked={channels.includes(channel)} onChange={() => setChannels(toggle(channels, channel))} /> {t(`channel.${channel}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('broadcasts.composer.publishAt')}{' '}
        <input data-testid="broadcast-schedule" type="datetime-local" value={scheduledAt} onChange={(event) => setScheduledAt(event.target.value)} />
      </label>
      <div className="broadcast-previews">
        {channels.includes('facebook') && (
          <section aria-label={t('broadcasts.composer.facebookPreview')} className="broadcast-preview">
            <h3>{t('broadcasts.composer.facebookPost')}</h3>
            <p className="broadcast-preview-text">{text}</p>
            {link && <p className="broadcast-preview-link">{link}</p>}
            <ImagePreview images={images} />
          </section>
        )}
        {channels.includes('twitter') && (
          <section aria-label={t('broadcasts.composer.xPreview')} className="broadcast-preview" data-testid="broadcast-x-preview">
            <h3>{thread.length > 1 ? t('broadcasts.composer.xThread', { count: thread.length }) : t('broadcasts.composer.xPost')}</h3>
            {thread.map((part, index) => (
              <p key={index} className="broadcast-preview-text">
                {part} <span className="broadcast-count">{weightedLength(part)}/280</span>
                {index === 0 && <ImagePreview images={images} />}
              </p>
            ))}
          </section>
        )}
      </div>
      {problem && <p className="form-error" role="alert">{problem}</p>}
      <div className="broadcast-row">
        <button type="submit" className="button button-primary" data-testid="broadcast-submit" disabled={isSaving}>
          {needsApproval ? t('broadcasts.composer.sendForApproval') : scheduledAt ? t('broadcasts.composer.schedule') : t('broadcasts.composer.publish')}
        </button>
        <button type="button" className="button" onClick={onDone}>{t('pages.cancel')}</button>
      </div>
    </form>
  );
}
