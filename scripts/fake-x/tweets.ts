import { compareIds } from './snowflake';
import { decodeToken } from './dm-store';

/** A post the account made through `POST /2/tweets` (contract §7). */
export interface TweetRecord {
  id: string;
  text: string;
  /** The post this one replies to: the previous part of a thread. */
  inReplyToId: string | undefined;
  /** Uploaded images attached to the post (contract §7: 1-4). */
  mediaIds: string[];
  at: number;
  deleted: boolean;
}

/** The account's posts, as X keeps them: duplicates refused, deletes remembered. */
export class TweetStore {
  readonly tweets: TweetRecord[] = [];

  /** X refuses a post whose text repeats one of the account's live posts (contract §7, observed). */
  isDuplicate(text: string): boolean {
    return this.tweets.some((tweet) => !tweet.deleted && tweet.text === text);
  }

  add(tweet: Omit<TweetRecord, 'deleted' | 'mediaIds'> & { mediaIds?: string[] }): TweetRecord {
    const record = { mediaIds: [], ...tweet, deleted: false };
    this.tweets.push(record);
    return record;
  }

  /** Marks the post deleted; false when the account has no such live post. */
  remove(id: string): boolean {
    const tweet = this.tweets.find((candidate) => candidate.id === id && !candidate.deleted);
    if (!tweet) return false;
    tweet.deleted = true;
    return true;
  }

  live(): TweetRecord[] {
    return this.tweets.filter((tweet) => !tweet.deleted);
  }
}

/**
 * One page of `GET /2/users/:id/tweets`, the account's Post timeline, newest first: `start_time`
 * (inclusive, second granularity), `max_results` 5–100 (default 10), `next_token`; only `id`,
 * `text` and `edit_history_tweet_ids` unless `tweet.fields` asks for `created_at` or
 * `referenced_tweets` (a thread part names the post it replies to). An empty page has only `meta`.
 */
export function postTimelinePage(posts: TweetRecord[], query: URLSearchParams): object {
  const maxResults = Number(query.get('max_results') ?? '10');
  const startTime = query.get('start_time');
  const fromMs = startTime === null ? -Infinity : Math.floor(Date.parse(startTime) / 1000) * 1000;
  const position = decodeToken(query.get('pagination_token') ?? '');
  const fields = new Set((query.get('tweet.fields') ?? '').split(',').map((field) => field.trim()));
  const newestFirst = posts.filter((post) => post.at >= fromMs).sort((a, b) => compareIds(b.id, a.id));
  const start = position ? newestFirst.findIndex((post) => compareIds(post.id, position.id) < 0) : 0;
  const items = start < 0 ? [] : newestFirst.slice(start, start + maxResults);
  if (items.length === 0) return { meta: { result_count: 0 } };
  const meta: Record<string, unknown> = { result_count: items.length, newest_id: items[0]!.id, oldest_id: items.at(-1)!.id };
  if (start + maxResults < newestFirst.length) meta.next_token = Buffer.from(`older:${items.at(-1)!.id}`).toString('hex');
  return {
    data: items.map((post) => ({
      id: post.id,
      text: post.text,
      edit_history_tweet_ids: [post.id],
      ...(fields.has('created_at') ? { created_at: new Date(post.at).toISOString() } : {}),
      ...(fields.has('referenced_tweets') && post.inReplyToId ? { referenced_tweets: [{ type: 'replied_to', id: post.inReplyToId }] } : {}),
    })),
    meta,
  };
}
