import { randomInt } from 'node:crypto';
import type { RequestHandler } from 'express';
import { GraphApiError, invalidParameter, unsupportedRequest } from './graph-errors';
import { readFileParam, readGraphParams, requirePageToken, sendGraphJson, type GraphContext, type GraphParams } from './graph-http';

export interface PagePostRecord {
  /** `{page-id}_{post-id}` (§4). */
  id: string;
  message: string | undefined;
  link: string | undefined;
  photoUrl: string | undefined;
  published: boolean;
  /** Unix ms, for scheduled posts. */
  scheduledFor: number | undefined;
  /** Photos uploaded unpublished and attached with `attached_media` (a multi-photo post). */
  photoIds: string[];
  /** Unix ms, as `created_time` reads it. */
  createdAt: number;
  deleted: boolean;
  editCount: number;
}

/** A photo uploaded to the Page: by `url`, or as the file itself (`source`, multipart). */
export interface PagePhotoRecord {
  id: string;
  url: string | undefined;
  upload: { data: Buffer; contentType: string | undefined } | undefined;
  /** `alt_text_custom`: what screen readers say. */
  altText: string | undefined;
  published: boolean;
  /** The post that shows it: its own (published photo), or the feed post it is attached to. */
  postId: string | undefined;
}

const MINUTE_MS = 60_000;
// §4: scheduled_publish_time must be 10 minutes to 30 days ahead (older references: 6 months [?]).
const EARLIEST_SCHEDULE_MS = 10 * MINUTE_MS;
const LATEST_SCHEDULE_MS = 30 * 24 * 60 * MINUTE_MS;

/** Page publishing (contract §4): `/feed`, `/photos`, edit and delete of a post. */
export class PagePosts {
  readonly posts: PagePostRecord[] = [];
  readonly photos: PagePhotoRecord[] = [];
  private answersToLose = 0;

  constructor(
    private readonly pageId: string,
    private readonly context: GraphContext,
    private readonly now: () => number,
  ) {}

  /** `POST /{PAGE_ID}/feed`: `message` and/or `link`; `published=false` + `scheduled_publish_time`. */
  readonly feed: RequestHandler = (req, res) => {
    const params = this.begin(req, String(req.params.objectId), 'feed');
    const message = optionalString(params, 'message');
    const link = optionalString(params, 'link');
    const photos = this.readAttachedMedia(params);
    if (message === undefined && link === undefined && photos.length === 0) throw invalidParameter('param message or link must be non-empty.');
    const post = this.record({ message, link, photoUrl: undefined, photoIds: photos.map((photo) => photo.id), ...this.readSchedule(params) });
    for (const photo of photos) photo.postId = post.id;
    if (this.answersToLose > 0) {
      // Facebook has the post, but the caller never hears so (a crash or a dropped connection).
      this.answersToLose -= 1;
      res.socket?.destroy();
      return;
    }
    sendGraphJson(res, 200, { id: post.id }, this.context);
  };

  /**
   * `POST /{PAGE_ID}/photos`: a photo by `url` or as the file (`source`, multipart), with
   * `caption` and `alt_text_custom`. With `published=false` (and no schedule) it is uploaded
   * but not posted, answering only its id, to be attached to a `/feed` post (contract §4).
   */
  readonly uploadPhoto: RequestHandler = (req, res) => {
    const params = this.begin(req, String(req.params.objectId), 'photos');
    const photoUrl = optionalString(params, 'url');
    const source = readFileParam(params, 'source');
    if (source && photoUrl !== undefined) throw invalidParameter('Only one of url and source may be given.');
    if (!source && (photoUrl === undefined || !/^https?:\/\//.test(photoUrl))) throw invalidParameter('param url must be a valid URL.');
    if (source && source.data.length === 0) throw invalidParameter('param source must be a non-empty file.');
    const schedule = this.readSchedule(params);
    const photo: PagePhotoRecord = {
      id: newObjectId(),
      url: photoUrl,
      upload: source ? { data: source.data, contentType: source.contentType } : undefined,
      altText: optionalString(params, 'alt_text_custom'),
      published: schedule.published,
      postId: undefined,
    };
    this.photos.push(photo);
    if (!schedule.published && schedule.scheduledFor === undefined) {
      sendGraphJson(res, 200, { id: photo.id }, this.context);
      return;
    }
    const post = this.record({ message: optionalString(params, 'caption'), link: undefined, photoUrl, photoIds: [photo.id], ...schedule });
    photo.postId = post.id;
    sendGraphJson(res, 200, { id: photo.id, post_id: post.id }, this.context);
  };

  /**
   * `GET /{PAGE_ID}/feed` (published posts) and `/scheduled_posts`, newest first, with `since`
   * (Unix seconds), `limit` and `fields` (id, message, created_time; id alone by default).
   */
  listPosts(kind: 'feed' | 'scheduled_posts'): RequestHandler {
    return (req, res) => {
      const objectId = String(req.params.objectId);
      if (objectId !== this.pageId && objectId !== 'me') throw unsupportedRequest('GET', `${objectId}/${kind}`);
      const params = readGraphParams(req);
      requirePageToken(req, params, this.context);
      const sinceMs = params.since === undefined ? 0 : Number(params.since) * 1000;
      const limit = Math.min(100, Number(params.limit ?? 25));
      if (!Number.isFinite(sinceMs) || !Number.isInteger(limit) || limit < 1) throw invalidParameter('param since must be Unix seconds and limit 1 to 100.');
      const fields = String(params.fields ?? 'id').split(',');
      const posts = this.posts
        .filter((post) => !post.deleted && post.createdAt >= sinceMs && (kind === 'feed' ? post.published || (post.scheduledFor ?? Infinity) <= this.now() : !post.published && (post.scheduledFor ?? 0) > this.now()))
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, limit);
      const data = posts.map((post) => ({
        id: post.id,
        ...(fields.includes('message') && post.message !== undefined ? { message: post.message } : {}),
        // Graph's time format: ISO 8601 with a +0000 offset and no milliseconds.
        ...(fields.includes('created_time') ? { created_time: new Date(post.createdAt).toISOString().replace(/\.\d{3}Z$/, '+0000') } : {}),
      }));
      sendGraphJson(res, 200, { data }, this.context);
    };
  }

  /** `POST /{POST_ID}` with `message`: edits a post. */
  readonly edit: RequestHandler = (req, res) => {
    const post = this.findPost(req, 'POST');
    const message = optionalString(readGraphParams(req), 'message');
    if (message === undefined) throw invalidParameter('param message must be non-empty.');
    post.message = message;
    post.editCount += 1;
    sendGraphJson(res, 200, { success: true }, this.context);
  };

  /** `DELETE /{POST_ID}` */
  readonly remove: RequestHandler = (req, res) => {
    const post = this.findPost(req, 'DELETE');
    post.deleted = true;
    sendGraphJson(res, 200, { success: true }, this.context);
  };

  /** The next `count` `/feed` posts are made, but their answers are lost: the connection drops. */
  loseNextAnswers(count: number): void {
    this.answersToLose += count;
  }

  isPost(objectId: string): boolean {
    return this.posts.some((post) => post.id === objectId && !post.deleted);
  }

  private begin(req: Parameters<RequestHandler>[0], objectId: string, edge: string): GraphParams {
    if (objectId !== this.pageId && objectId !== 'me') throw unsupportedRequest('POST', `${objectId}/${edge}`);
    const params = readGraphParams(req);
    requirePageToken(req, params, this.context);
    return params;
  }

  private findPost(req: Parameters<RequestHandler>[0], method: string): PagePostRecord {
    const objectId = String(req.params.objectId);
    requirePageToken(req, readGraphParams(req), this.context);
    const post = this.posts.find((candidate) => candidate.id === objectId && !candidate.deleted);
    if (!post) throw unsupportedRequest(method, objectId);
    return post;
  }

  private readSchedule(params: GraphParams): { published: boolean; scheduledFor: number | undefined } {
    const published = params.published === undefined ? true : params.published === true || params.published === 'true';
    const raw = params.scheduled_publish_time;
    if (raw === undefined || raw === '') return { published, scheduledFor: undefined };
    if (published) {
      throw invalidParameter('You cannot specify a scheduled publish time on a published post');
    }
    const scheduledFor = parseScheduleTime(raw);
    const ahead = scheduledFor - this.now();
    if (!(ahead >= EARLIEST_SCHEDULE_MS && ahead <= LATEST_SCHEDULE_MS)) {
      throw new GraphApiError(100, '(#100) The specified scheduled publish time is invalid.');
    }
    return { published, scheduledFor };
  }

  /** `attached_media`: a JSON array, or `attached_media[0]`… form fields, of `{"media_fbid": …}`. */
  private readAttachedMedia(params: GraphParams): PagePhotoRecord[] {
    let raw: unknown = params.attached_media;
    if (raw === undefined) {
      const indexed = Object.keys(params).filter((key) => /^attached_media\[\d+\]$/.test(key));
      if (indexed.length === 0) return [];
      raw = indexed.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0])).map((key) => params[key]);
    }
    if (typeof raw === 'string') raw = JSON.parse(raw) as unknown;
    if (!Array.isArray(raw)) throw invalidParameter('param attached_media must be an array.');
    return raw.map((item) => {
      const entry = (typeof item === 'string' ? JSON.parse(item) : item) as { media_fbid?: unknown };
      const photo = this.photos.find((candidate) => candidate.id === entry?.media_fbid);
      if (!photo || photo.published || photo.postId) {
        throw invalidParameter(`param attached_media: ${String(entry?.media_fbid)} is not an unpublished photo of this Page.`);
      }
      return photo;
    });
  }

  private record(input: Omit<PagePostRecord, 'id' | 'deleted' | 'editCount' | 'createdAt' | 'photoIds'> & { photoIds?: string[] }): PagePostRecord {
    const post: PagePostRecord = { photoIds: [], ...input, id: `${this.pageId}_${newObjectId()}`, createdAt: this.now(), deleted: false, editCount: 0 };
    this.posts.push(post);
    return post;
  }
}

function optionalString(params: GraphParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Unix seconds (number or digits) or an ISO 8601 string (§4; strtotime strings are not faked). */
function parseScheduleTime(raw: unknown): number {
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw))) return Number(raw) * 1000;
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw invalidParameter('param scheduled_publish_time must be a Unix timestamp or an ISO 8601 time.');
  return ms;
}

/** A 15-digit Graph object id (randomInt's range stops at 2^48, so in two parts). */
function newObjectId(): string {
  return `${randomInt(1e4, 1e5)}${randomInt(1e9, 1e10)}`;
}
