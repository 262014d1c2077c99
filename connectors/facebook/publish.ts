import type { AxiosInstance } from 'axios';
import { ConnectorError, type ImageFile } from '../connector';
import { toConnectorError } from './send';

/** A post on the Page (contracts/platforms.md §4): text with an optional link, or a photo with a caption. */
export interface PagePost {
  text: string;
  link?: string;
  /** A public URL of a photo: posted to `/{page}/photos` with `text` as its caption. */
  photoUrl?: string;
  /** Publish later: Meta accepts 10 minutes to 30 days ahead. */
  scheduledAt?: Date;
  /** Images uploaded with the post (a multi-photo post), each with its alt text. */
  images?: ImageFile[];
}

export interface PublishedPost {
  /** `{page-id}_{post-id}`: what edit and delete take. */
  postId: string;
  permalink: string;
  scheduledAt: Date | null;
}

const MINUTE_MS = 60_000;
export const EARLIEST_SCHEDULE_MS = 10 * MINUTE_MS;
export const LATEST_SCHEDULE_MS = 30 * 24 * 60 * MINUTE_MS;

/** Checks a schedule before Meta does, so the broadcast form can say what is wrong. */
export function scheduleProblem(scheduledAt: Date, now: Date): string | null {
  const ahead = scheduledAt.getTime() - now.getTime();
  if (ahead < EARLIEST_SCHEDULE_MS) return 'A scheduled Facebook post must be at least 10 minutes ahead.';
  if (ahead > LATEST_SCHEDULE_MS) return 'A scheduled Facebook post can be at most 30 days ahead.';
  return null;
}

export async function publishPagePost(graph: AxiosInstance, pageId: string, post: PagePost, now = new Date()): Promise<PublishedPost> {
  const problem = post.scheduledAt ? scheduleProblem(post.scheduledAt, now) : null;
  if (problem) throw new ConnectorError('permanent', problem);
  const schedule = post.scheduledAt
    ? { published: false, scheduled_publish_time: Math.floor(post.scheduledAt.getTime() / 1000) }
    : {};
  try {
    if (post.images?.length) {
      // Multi-photo post (§4): each photo uploaded unpublished, then one /feed post attaching them all.
      const photoIds: string[] = [];
      for (const image of post.images) photoIds.push(await uploadUnpublishedPhoto(graph, pageId, image, post.scheduledAt !== undefined));
      const response = await graph.post(`${encodeURIComponent(pageId)}/feed`, {
        message: post.text,
        ...(post.link ? { link: post.link } : {}),
        attached_media: photoIds.map((id) => ({ media_fbid: id })),
        ...schedule,
      });
      const postId = String((response.data as { id?: unknown }).id);
      return { postId, permalink: permalinkOf(postId), scheduledAt: post.scheduledAt ?? null };
    }
    if (post.photoUrl) {
      const response = await graph.post(`${encodeURIComponent(pageId)}/photos`, { url: post.photoUrl, caption: post.text, ...schedule });
      const body = response.data as { id?: unknown; post_id?: unknown };
      const postId = typeof body.post_id === 'string' ? body.post_id : `${pageId}_${String(body.id)}`;
      return { postId, permalink: permalinkOf(postId), scheduledAt: post.scheduledAt ?? null };
    }
    const response = await graph.post(`${encodeURIComponent(pageId)}/feed`, {
      message: post.text,
      ...(post.link ? { link: post.link } : {}),
      ...schedule,
    });
    const postId = String((response.data as { id?: unknown }).id);
    return { postId, permalink: permalinkOf(postId), scheduledAt: post.scheduledAt ?? null };
  } catch (error) {
    throw toConnectorError(error);
  }
}

/**
 * Graph photo upload as the file itself (multipart `source`), not posted yet (`published=false`);
 * a photo for a scheduled post must also be `temporary` (Pages API: scheduled multi-photo posts).
 */
async function uploadUnpublishedPhoto(graph: AxiosInstance, pageId: string, image: ImageFile, isForSchedule: boolean): Promise<string> {
  const form = new FormData();
  form.append('published', 'false');
  if (isForSchedule) form.append('temporary', 'true');
  if (image.altText) form.append('alt_text_custom', image.altText);
  form.append('source', new Blob([new Uint8Array(image.data)], { type: image.contentType }), `photo.${image.contentType.split('/')[1]}`);
  const response = await graph.post(`${encodeURIComponent(pageId)}/photos`, form);
  const id = (response.data as { id?: unknown }).id;
  if (typeof id !== 'string' || id.length === 0) throw new ConnectorError('transient', 'Facebook answered a photo upload without an id');
  return id;
}

/**
 * The Page's post with exactly this text made since `since`, if there is one: after a publish
 * whose answer never reached us (a crash, a lost connection), it tells whether Facebook took
 * the post. Reads the published feed and, for a post on Facebook's own schedule, the scheduled posts.
 */
export async function findRecentPagePost(
  graph: AxiosInstance,
  pageId: string,
  text: string,
  since: Date,
  isScheduled: boolean,
): Promise<PublishedPost | null> {
  // A minute's grace: the platform's clock and ours need not agree to the second.
  const params = { fields: 'id,message,created_time', since: Math.floor(since.getTime() / 1000) - 60, limit: 100 };
  try {
    for (const edge of isScheduled ? ['scheduled_posts', 'feed'] : ['feed']) {
      const response = await graph.get(`${encodeURIComponent(pageId)}/${edge}`, { params });
      const posts = ((response.data as { data?: Array<{ id?: unknown; message?: unknown }> }).data ?? []);
      const match = posts.find((candidate) => candidate.message === text && typeof candidate.id === 'string');
      if (match) return { postId: match.id as string, permalink: permalinkOf(match.id as string), scheduledAt: null };
    }
    return null;
  } catch (error) {
    throw toConnectorError(error);
  }
}

/** Changes the text of a published post. */
export async function editPagePost(graph: AxiosInstance, postId: string, text: string): Promise<void> {
  try {
    await graph.post(encodeURIComponent(postId), { message: text });
  } catch (error) {
    throw toConnectorError(error);
  }
}

export async function deletePagePost(graph: AxiosInstance, postId: string): Promise<void> {
  try {
    await graph.delete(encodeURIComponent(postId));
  } catch (error) {
    throw toConnectorError(error);
  }
}

function permalinkOf(postId: string): string {
  // `{page-id}_{post-id}` opens at facebook.com/{page-id}/posts/{post-id}.
  const [page, post] = postId.split('_');
  return `https://www.facebook.com/${page}/posts/${post ?? page}`;
}
