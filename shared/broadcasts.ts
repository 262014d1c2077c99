import { z } from 'zod';
import { MAX_ALT_TEXT_LENGTH, MAX_BROADCAST_IMAGES } from './media';

/** Broadcasts: posts to the force's Facebook Page and X account (issue 8). */

export const BROADCAST_CHANNELS = ['facebook', 'twitter'] as const;
export type BroadcastChannel = (typeof BROADCAST_CHANNELS)[number];

export const BROADCAST_TEMPLATES = ['road_closure', 'missing_person', 'wanted_appeal', 'witness_appeal', 'general_warning'] as const;
export type BroadcastTemplate = (typeof BROADCAST_TEMPLATES)[number];

/** Appeals are the posts that do harm when left up: they get the "still needed?" reminder. */
export const APPEAL_TEMPLATES: readonly BroadcastTemplate[] = ['missing_person', 'wanted_appeal', 'witness_appeal'];

export const BROADCAST_LANGUAGES = ['en', 'cy', 'bilingual'] as const;
export type BroadcastLanguage = (typeof BROADCAST_LANGUAGES)[number];

/** The broadcast as a whole: drafted, approved (or returned), then withdrawn when it is over. */
export const BROADCAST_STATUSES = ['draft', 'awaiting_approval', 'returned', 'approved', 'withdrawn'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** Each channel's own progress: a failed channel is retried alone. */
export const CHANNEL_POST_STATUSES = ['draft', 'awaiting_approval', 'scheduled', 'publishing', 'published', 'failed', 'withdrawn'] as const;
export type ChannelPostStatus = (typeof CHANNEL_POST_STATUSES)[number];

export interface TemplateField {
  name: string;
  label: string;
  isRequired: boolean;
}

export interface TemplateDefinition {
  label: string;
  fields: TemplateField[];
  /** `{field}` placeholders, filled by renderTemplate. */
  text: Record<'en' | 'cy', string>;
}

const field = (name: string, label: string, isRequired = true): TemplateField => ({ name, label, isRequired });

export const TEMPLATES: Record<BroadcastTemplate, TemplateDefinition> = {
  road_closure: {
    label: 'Road closure',
    fields: [field('road', 'Road'), field('junction', 'Junction or place'), field('diversion', 'Diversion', false)],
    text: {
      en: 'ROAD CLOSED: {road} is closed at {junction}. {diversion}Please avoid the area and allow extra time.',
      cy: 'FFORDD AR GAU: Mae {road} ar gau wrth {junction}. {diversion}Osgowch yr ardal a chaniatewch amser ychwanegol.',
    },
  },
  missing_person: {
    label: 'Missing person',
    fields: [field('name', 'Name'), field('age', 'Age'), field('description', 'Description'), field('lastSeen', 'Last seen'), field('reference', 'Reference')],
    text: {
      en: 'MISSING: Have you seen {name}, aged {age}? {description}. Last seen {lastSeen}. If you see them, call 999 quoting {reference}.',
      cy: 'AR GOLL: Ydych chi wedi gweld {name}, {age} oed? {description}. Gwelwyd ddiwethaf {lastSeen}. Os gwelwch chi nhw, ffoniwch 999 gan nodi {reference}.',
    },
  },
  wanted_appeal: {
    label: 'Wanted appeal',
    fields: [field('name', 'Name'), field('age', 'Age'), field('description', 'Description'), field('reference', 'Reference')],
    text: {
      en: 'WANTED: We are trying to find {name}, aged {age}. {description}. Do not approach; call 101 quoting {reference}.',
      cy: 'EISIAU: Rydym yn ceisio dod o hyd i {name}, {age} oed. {description}. Peidiwch â mynd atynt; ffoniwch 101 gan nodi {reference}.',
    },
  },
  witness_appeal: {
    label: 'Witness appeal',
    fields: [field('description', 'What happened'), field('lastSeen', 'Where and when'), field('reference', 'Reference')],
    text: {
      en: 'WITNESS APPEAL: {description} at {lastSeen}. Did you see it, or have dashcam footage? Call 101 quoting {reference}.',
      cy: 'APÊL AM DYSTION: {description} yn {lastSeen}. Welsoch chi beth ddigwyddodd, neu oes gennych chi luniau camera car? Ffoniwch 101 gan nodi {reference}.',
    },
  },
  general_warning: {
    label: 'General warning',
    fields: [field('description', 'Warning')],
    text: { en: 'WARNING: {description}', cy: 'RHYBUDD: {description}' },
  },
};

/** Fills a template; an empty optional field leaves no gap ("{diversion}" takes its own full stop). */
export function renderTemplate(template: BroadcastTemplate, language: BroadcastLanguage, fields: Record<string, string>): string {
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_match, name: string) => {
      const value = (fields[name] ?? '').trim();
      if (name === 'diversion') return value ? `Diversion: ${value.replace(/\.$/, '')}. ` : '';
      return value;
    });
  const definition = TEMPLATES[template];
  if (language === 'bilingual') return `${fill(definition.text.en)}\n\n${fill(definition.text.cy)}`;
  return fill(definition.text[language]);
}

export const broadcastImageSchema = z.object({
  uploadId: z.string().uuid(),
  /** Read out by screen readers on both platforms: an appeal's photo must say who it shows. */
  altText: z.string().trim().min(1, 'describe each image (alt text)').max(MAX_ALT_TEXT_LENGTH),
});
export type BroadcastImage = z.infer<typeof broadcastImageSchema>;

export const broadcastDraftSchema = z.object({
  template: z.enum(BROADCAST_TEMPLATES),
  language: z.enum(BROADCAST_LANGUAGES),
  fields: z.record(z.string(), z.string().max(500)).default({}),
  text: z.string().trim().min(1, 'write the post').max(5000),
  link: z.string().url().nullable().default(null),
  images: z.array(broadcastImageSchema).max(MAX_BROADCAST_IMAGES, `at most ${MAX_BROADCAST_IMAGES} images`).default([]),
  areaTags: z.array(z.string().min(1)).max(20).default([]),
  channels: z.array(z.enum(BROADCAST_CHANNELS)).min(1, 'choose at least one channel'),
  /** ISO time to publish at; null: as soon as it is approved. */
  scheduledAt: z.string().datetime({ offset: true }).nullable().default(null),
});
export type BroadcastDraft = z.infer<typeof broadcastDraftSchema>;

/** `GET /api/broadcasts?area=`: those tagged with one area. */
export const broadcastListQuerySchema = z.object({ area: z.string().min(1).optional() });

export const broadcastReturnSchema = z.object({ comment: z.string().trim().min(1, 'say what needs changing').max(2000) });

/** Update-and-withdraw: the update posted now, and the original taken down on every channel. */
export const broadcastWithdrawalSchema = z.object({
  updateText: z.string().trim().max(5000).nullable().default(null),
  /** Delete the original posts (default), or edit them to the update's words where the platform allows (Facebook; X posts cannot be edited through the API, so they are deleted). */
  originalPosts: z.enum(['delete', 'edit']).default('delete'),
});
export type BroadcastWithdrawal = z.infer<typeof broadcastWithdrawalSchema>;

export const broadcastChannelViewSchema = z.object({
  channel: z.enum(BROADCAST_CHANNELS),
  status: z.enum(CHANNEL_POST_STATUSES),
  /** Where the public sees it, once published (or scheduled on Facebook). */
  permalink: z.string().nullable(),
  failureReason: z.string().nullable(),
  /** X: one id per thread part; Facebook: the post id. */
  postIds: z.array(z.string()),
  publishedAt: z.string().nullable(),
});
export type BroadcastChannelView = z.infer<typeof broadcastChannelViewSchema>;

const personSchema = z.object({ id: z.string(), name: z.string() });

export const broadcastViewSchema = z.object({
  id: z.string(),
  template: z.enum(BROADCAST_TEMPLATES),
  language: z.enum(BROADCAST_LANGUAGES),
  fields: z.record(z.string(), z.string()),
  text: z.string(),
  link: z.string().nullable(),
  images: z.array(broadcastImageSchema.extend({ url: z.string() })),
  areaTags: z.array(z.string()),
  status: z.enum(BROADCAST_STATUSES),
  scheduledAt: z.string().nullable(),
  needsApproval: z.boolean(),
  createdBy: personSchema,
  approvedBy: personSchema.nullable(),
  returnComment: z.string().nullable(),
  /** The appeal this broadcast is the update of ("found — thank you for sharing"). */
  updateOfId: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /** An appeal up longer than the configured time: the desk is reminded to check it is still needed. */
  isStale: z.boolean(),
  createdAt: z.string(),
  channels: z.array(broadcastChannelViewSchema),
});
export type BroadcastView = z.infer<typeof broadcastViewSchema>;

export const broadcastSettingsSchema = z.object({
  areaTags: z.array(z.string()),
  templatesNeedingApproval: z.array(z.enum(BROADCAST_TEMPLATES)),
  reminderAfterHours: z.number(),
  /** Channels the desk has an account for. */
  channels: z.array(z.enum(BROADCAST_CHANNELS)),
});
export type BroadcastSettings = z.infer<typeof broadcastSettingsSchema>;

export const broadcastListResponseSchema = z.object({ broadcasts: z.array(broadcastViewSchema), settings: broadcastSettingsSchema });
export type BroadcastListResponse = z.infer<typeof broadcastListResponseSchema>;

export const broadcastResponseSchema = z.object({ broadcast: broadcastViewSchema });
export type BroadcastResponse = z.infer<typeof broadcastResponseSchema>;
