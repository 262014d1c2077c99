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
