import type { TwitterApi } from 'twitter-api-v2';
import { ConnectorError, type ImageFile } from '../connector';
import { uploadXImage } from './media';
import { toConnectorError } from './send';

export interface PublishedThread {
  /** Every part's post id, in order; the first is the thread's. */
  postIds: string[];
  permalink: string;
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
): Promise<PublishedThread> {
  const postIds = postedIds.filter((id) => id.length > 0);
  if (images.length > MAX_IMAGES_PER_POST) throw new ConnectorError('permanent', `An X post takes at most ${MAX_IMAGES_PER_POST} images.`);
  for (let index = postIds.length; index < parts.length; index += 1) {
    const previous = postIds[index - 1];
    // The images go on the opening post, so a thread that resumes later never uploads them again.
    const mediaIds = index === 0 ? await uploadImages(client, images) : [];
    let postId: string;
    try {
      const result = await client.v2.tweet({
        text: parts[index]!,
        ...(previous ? { reply: { in_reply_to_tweet_id: previous } } : {}),
        ...(mediaIds.length ? { media: { media_ids: mediaIds as [string] } } : {}),
      });
      postId = result.data?.id;
    } catch (error) {
      throw toPublishError(error);
    }
    if (!postId) throw new ConnectorError('transient', 'X answered without a post id');
    postIds.push(postId);
    await onPartPosted(index, postId);
  }
  // x.com/i/web/status/{id} opens a post without knowing the account's handle.
  return { postIds, permalink: `https://x.com/i/web/status/${postIds[0]}` };
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
  if (problem.kind !== 'permanent' || problem.details.platformCode !== 403 || /duplicate/i.test(problem.reasonForAgent)) return problem;
  return new ConnectorError('permanent', 'X refused the post (HTTP 403).', problem.details);
}
