import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { BroadcastChannel, BroadcastImage, BroadcastLanguage, BroadcastStatus, BroadcastTemplate, ChannelPostStatus } from '../../shared/broadcasts';
import { agents } from './schema';

/** A post to the force's public channels (issue 8): one row, and one `broadcast_posts` row per channel. */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    template: text('template').$type<BroadcastTemplate>().notNull(),
    language: text('language').$type<BroadcastLanguage>().notNull(),
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    text: text('text').notNull(),
    link: text('link'),
    /** Up to 4 uploaded images, each with the alt text read out to people who cannot see it. */
    images: jsonb('images').$type<BroadcastImage[]>().notNull().default([]),
    areaTags: text('area_tags').array().notNull(),
    status: text('status').$type<BroadcastStatus>().notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    createdById: uuid('created_by_id').notNull().references(() => agents.id),
    approvedById: uuid('approved_by_id').references(() => agents.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    returnComment: text('return_comment'),
    updateOfId: uuid('update_of_id').references((): AnyPgColumn => broadcasts.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnById: uuid('withdrawn_by_id').references(() => agents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('broadcasts_created_at_idx').on(table.createdAt), index('broadcasts_area_tags_idx').using('gin', table.areaTags)],
);

export const broadcastPosts = pgTable(
  'broadcast_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    broadcastId: uuid('broadcast_id').notNull().references(() => broadcasts.id),
    channel: text('channel').$type<BroadcastChannel>().notNull(),
    status: text('status').$type<ChannelPostStatus>().notNull(),
    /** X: each thread part's id, stored as it is posted so a failed thread resumes; Facebook: one. */
    postIds: text('post_ids').array().notNull().default([]),
    permalink: text('permalink'),
    failureReason: text('failure_reason'),
    /**
     * When the current publish attempt began (set before the platform is called). A post found
     * still "publishing" with this set may be on the platform already: reconcile before posting.
     */
    attemptStartedAt: timestamp('attempt_started_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('broadcast_posts_channel_unique').on(table.broadcastId, table.channel)],
);
