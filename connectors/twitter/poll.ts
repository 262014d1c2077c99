import type { TwitterApi, TwitterRateLimit } from 'twitter-api-v2';
import type { PollResult } from '../connector';
import { compareSnowflakes, newestSnowflake, normaliseDmEvents } from './normalise';
import { toConnectorError } from './send';

// GET DM endpoints: 300 requests per 15 minutes per user, shared by all DM reads (§5).
export const DM_READ_LIMIT = 300;
export const DM_READ_WINDOW_MS = 15 * 60 * 1000;
// A catch-up walk after a long outage stops here (10,000 DMs), so the poller is never stuck
// retrying a walk it cannot finish while new DMs wait; what is older is reported as a gap.
const MAX_PAGES_PER_POLL = 100;

export interface PollBudget {
  /** Share (0–1] of the DM read budget the poller may use; the rest is left for lookups. */
  share: number;
}

/** The fixed gap that keeps polling within its share of the documented budget: 5 s at 0.6. */
export function pollIntervalMs(budget: PollBudget): number {
  return Math.ceil(DM_READ_WINDOW_MS / (DM_READ_LIMIT * budget.share));
}

/**
 * When the next poll may run, from the `x-rate-limit-*` headers of the last one: the requests
 * left in the window, less the part reserved for other uses, spread evenly until the reset.
 * Null when the regular interval already keeps within budget.
 */
export function nextPollNotBefore(rateLimit: Pick<TwitterRateLimit, 'limit' | 'remaining' | 'reset'> | undefined, budget: PollBudget, now: number): Date | null {
  if (!rateLimit || !Number.isFinite(rateLimit.reset)) return null;
  const resetMs = rateLimit.reset * 1000;
  if (resetMs <= now) return null;
  const reserved = Math.ceil(rateLimit.limit * (1 - budget.share));
  const usable = rateLimit.remaining - reserved;
  if (usable <= 0) return new Date(resetMs);
  const gapMs = (resetMs - now) / usable;
  // Slack of 10%: the reserve above is the hard floor, so a poll a little early never eats into it.
  return gapMs > pollIntervalMs(budget) * 1.1 ? new Date(now + gapMs) : null;
}

const DM_EVENT_QUERY: Parameters<TwitterApi['v2']['listDmEvents']>[0] = {
  'dm_event.fields': ['id', 'text', 'event_type', 'created_at', 'dm_conversation_id', 'sender_id', 'participant_ids', 'attachments'],
  event_types: 'MessageCreate',
  expansions: ['sender_id', 'attachments.media_keys'],
  'user.fields': ['username', 'name'],
  'media.fields': ['url', 'type', 'preview_image_url'],
  max_results: 100,
};

/**
 * Reads `GET /2/dm_events` newest first, page by page with `next_token`, until it reaches an
 * event at or below the high-water mark `cursor` (a snowflake; compared as BigInt). The first
 * poll (no cursor) reads one page: the latest DMs, so nothing sent just before the switch-over is lost.
 */
export async function pollDirectMessages(client: TwitterApi, accountId: string, cursor: string | null, budget: PollBudget): Promise<PollResult> {
  try {
    const paginator = await client.v2.listDmEvents({ ...DM_EVENT_QUERY });
    let pages = 1;
    const reachedMark = () => cursor === null || paginator.events.some((event) => compareSnowflakes(event.id, cursor) <= 0);
    while (!paginator.done && !reachedMark() && pages < MAX_PAGES_PER_POLL) {
      await paginator.fetchNext();
      pages += 1;
    }
    const hasGap = !paginator.done && !reachedMark();
    const unseen = paginator.events.filter((event) => cursor === null || compareSnowflakes(event.id, cursor) > 0);
    const normalised = normaliseDmEvents(
      { events: unseen, users: paginator.includes.users, media: paginator.includes.media },
      accountId,
    );
    return {
      events: normalised.events,
      ownSends: normalised.ownSends,
      cursor: newestSnowflake(unseen.map((event) => event.id), cursor),
      notBefore: nextPollNotBefore(paginator.rateLimit, budget, Date.now()),
      ...(hasGap ? { warning: `read ${MAX_PAGES_PER_POLL} pages without reaching the last DM read before; older DMs were not read` } : {}),
    };
  } catch (error) {
    throw toConnectorError(error);
  }
}
