import type { TwitterApi } from 'twitter-api-v2';
import { ConnectorError, type ImageFile } from '../connector';
import { uploadXImage } from './media';
import { isSameXText } from './normalise';
import { toConnectorError } from './send';

export interface PublishedThread {
  /** Every part's post id, in order; the first is the thread's. */
  postIds: string[];
  permalink: string;
}

/** What a thread resumed after an attempt whose outcome is unknown needs, to post no part twice. */
export interface ThreadResume {
  /** When the first attempt at this thread began: a part on X since then with the same words is ours. */
  attemptStartedAt: Date;
  /** An earlier attempt was cut short (a crash, a lost answer): the next part may be on X already. */
  wasInterrupted: boolean;
  /** A part found on X rather than posted now, after `onPartPosted` recorded it. */
  onPartAdopted(index: number, postId: string): Promise<void>;
}

/**
 * Posts a thread part by part, each replying to the one before (contract §7). Parts already
 * posted (`postedIds`, from an earlier attempt that failed part-way) are not posted again: the
 * thread resumes at the first missing part. `onPartPosted` runs after each part so the caller
 * can record its id before the next is tried. twitter-api-v2's `tweetThread` would leave a
 * partial thread with no way to resume (§8), hence one `tweet` call per part.
 */
export async function publishThread(
  client: TwitterApi,
  parts: string[],
  postedIds: string[],
  onPartPosted: (index: number, postId: string) => Promise<void>,
  images: ImageFile[] = [],
  resume: (ThreadResume & { accountId: string }) | null = null,
): Promise<PublishedThread> {
  const postIds = postedIds.filter((id) => id.length > 0);
  if (images.length > MAX_IMAGES_PER_POST) throw new ConnectorError('permanent', `An X post takes at most ${MAX_IMAGES_PER_POST} images.`);
  const firstMissing = postIds.length;
  for (let index = firstMissing; index < parts.length; index += 1) {
    const text = parts[index]!;
    const previous = postIds[index - 1] ?? null;
    const findLostPart = () => (resume ? findPostedPart(client, resume.accountId, text, previous, resume.attemptStartedAt) : Promise.resolve(null));
    // Only the part in flight when an attempt was cut short can be on X unrecorded.
    let postId = resume?.wasInterrupted && index === firstMissing ? await findLostPart() : null;
    let isAdopted = postId !== null;
    if (!postId) {
      try {
        postId = await postPart(client, text, previous, index === 0 ? images : []);
      } catch (error) {
        const problem = toPublishError(error);
        // X refuses the same words twice: on a resumed thread that may be our own lost part.
        postId = problem.details.isDuplicate ? await findLostPart() : null;
        if (!postId) throw problem;
        isAdopted = true;
      }
    }
    postIds.push(postId);
    await onPartPosted(index, postId);
    if (isAdopted) await resume?.onPartAdopted(index, postId);
  }
  // x.com/i/web/status/{id} opens a post without knowing the account's handle.
  return { postIds, permalink: `https://x.com/i/web/status/${postIds[0]}` };
}

async function postPart(client: TwitterApi, text: string, previous: string | null, images: ImageFile[]): Promise<string> {
  // The images go on the opening post, so a thread that resumes later never uploads them again.
  const mediaIds = await uploadImages(client, images);
  let postId: string | undefined;
  try {
    const result = await client.v2.tweet({
      text,
      ...(previous ? { reply: { in_reply_to_tweet_id: previous } } : {}),
      ...(mediaIds.length ? { media: { media_ids: mediaIds as [string] } } : {}),
    });
    postId = result.data?.id;
  } catch (error) {
    throw toConnectorError(error);
  }
  if (!postId) throw new ConnectorError('transient', 'X answered without a post id');
  return postId;
}

// The account posts at most 100 times in 15 minutes (§7): a few pages reach back well past any attempt.
const MAX_TIMELINE_PAGES = 5;

/**
 * The account's post since `since` with these words, replying to `inReplyToId` (or to nothing,
 * for an opening post), read from its Post timeline (`GET /2/users/:id/tweets`). X returns links
 * rewritten to t.co (§7): compared as X compares them.
 */
export async function findPostedPart(client: TwitterApi, accountId: string, text: string, inReplyToId: string | null, since: Date): Promise<string | null> {
  try {
    const timeline = await client.v2.userTimeline(accountId, {
      // A minute's grace: the platform's clock and ours need not agree to the second.
      start_time: new Date(since.getTime() - 60_000).toISOString(),
      max_results: 100,
      'tweet.fields': ['created_at', 'referenced_tweets'],
    });
    for (let pages = 1; !timeline.done && pages < MAX_TIMELINE_PAGES; pages += 1) await timeline.fetchNext();
    const match = timeline.tweets.find((tweet) => {
      const repliesTo = tweet.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id ?? null;
      return repliesTo === inReplyToId && isSameXText(tweet.text, text);
    });
    return match?.id ?? null;
  } catch (error) {
    throw toConnectorError(error);
  }
}

// Contract §7: 1-4 media ids on a post.
const MAX_IMAGES_PER_POST = 4;

async function uploadImages(client: TwitterApi, images: ImageFile[]): Promise<string[]> {
  const mediaIds: string[] = [];
  for (const image of images) mediaIds.push(await uploadXImage(client, image, 'tweet_image'));
  return mediaIds;
}

/** Deletes a post; one already gone counts as deleted, so a withdrawal can be retried. */
export async function deleteXPost(client: TwitterApi, postId: string): Promise<void> {
  try {
    await client.v2.deleteTweet(postId);
  } catch (error) {
    const problem = toConnectorError(error);
    if (problem.details.platformCode === 404) return;
    throw problem;
  }
}

function toPublishError(error: unknown): ConnectorError {
  const problem = toConnectorError(error);
  if (problem.kind !== 'permanent' || problem.details.platformCode !== 403 || problem.details.isDuplicate) return problem;
  return new ConnectorError('permanent', 'X refused the post (HTTP 403).', problem.details);
}
