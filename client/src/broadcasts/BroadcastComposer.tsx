import { useMemo, useState, type FormEvent } from 'react';
import {
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

const CHANNEL_NAMES: Record<BroadcastChannel, string> = { facebook: 'Facebook', twitter: 'X' };
const LANGUAGE_NAMES: Record<BroadcastLanguage, string> = { en: 'English', cy: 'Cymraeg', bilingual: 'Both (English then Welsh)' };

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
      setProblem(`Fill in “${missing.label}”.`);
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
      <h2>New broadcast</h2>
      <div className="broadcast-row">
        <label>
          Template{' '}
          <select data-testid="broadcast-template" value={template} onChange={(event) => { setTemplate(event.target.value as BroadcastTemplate); setEditedText(null); }}>
            {BROADCAST_TEMPLATES.map((name) => (
              <option key={name} value={name}>{TEMPLATES[name].label}</option>
            ))}
          </select>
        </label>
        <label>
          Language{' '}
          <select data-testid="broadcast-language" value={language} onChange={(event) => { setLanguage(event.target.value as BroadcastLanguage); setEditedText(null); }}>
            {(Object.keys(LANGUAGE_NAMES) as BroadcastLanguage[]).map((name) => (
              <option key={name} value={name}>{LANGUAGE_NAMES[name]}</option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="broadcast-fields">
        <legend>{definition.label}</legend>
        {definition.fields.map((field) => (
          <label key={field.name}>
            {field.label}{field.isRequired ? '' : ' (optional)'}
            <input
              data-testid={`broadcast-field-${field.name}`}
              value={fields[field.name] ?? ''}
              onChange={(event) => { setFields({ ...fields, [field.name]: event.target.value }); setEditedText(null); }}
            />
          </label>
        ))}
      </fieldset>
      <label className="broadcast-text">
        Words of the post (edit if needed)
        <textarea data-testid="broadcast-text" rows={5} value={text} onChange={(event) => setEditedText(event.target.value)} />
      </label>
      <label>
        Link (optional) <input data-testid="broadcast-link" type="url" value={link} onChange={(event) => setLink(event.target.value)} />
      </label>
      <BroadcastImages images={images} onChange={setImages} />
      <fieldset className="broadcast-checks">
        <legend>Areas</legend>
        {settings.areaTags.map((tag) => (
          <label key={tag}>
            <input type="checkbox" checked={areaTags.includes(tag)} onChange={() => setAreaTags(toggle(areaTags, tag))} /> {tag}
          </label>
        ))}
      </fieldset>
      <fieldset className="broadcast-checks">
        <legend>Channels</legend>
        {settings.channels.map((channel) => (
          <label key={channel}>
            <input type="checkbox" data-testid={`broadcast-channel-${channel}`} checked={channels.includes(channel)} onChange={() => setChannels(toggle(channels, channel))} /> {CHANNEL_NAMES[channel]}
          </label>
        ))}
      </fieldset>
      <label>
        Publish at (empty: as soon as it is approved){' '}
        <input data-testid="broadcast-schedule" type="datetime-local" value={scheduledAt} onChange={(event) => setScheduledAt(event.target.value)} />
      </label>
      <div className="broadcast-previews">
        {channels.includes('facebook') && (
          <section aria-label="Facebook preview" className="broadcast-preview">
            <h3>Facebook post</h3>
            <p className="broadcast-preview-text">{text}</p>
            {link && <p className="broadcast-preview-link">{link}</p>}
            <ImagePreview images={images} />
          </section>
        )}
        {channels.includes('twitter') && (
          <section aria-label="X preview" className="broadcast-preview" data-testid="broadcast-x-preview">
            <h3>X {thread.length > 1 ? `thread of ${thread.length} posts` : 'post'}</h3>
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
          {needsApproval ? 'Send for approval' : scheduledAt ? 'Schedule' : 'Publish'}
        </button>
        <button type="button" className="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
