import { randomInt } from 'node:crypto';
import type { RequestHandler } from 'express';
import { GraphApiError, invalidParameter, unsupportedRequest } from './graph-errors';
import { readGraphParams, requirePageToken, sendGraphJson, type GraphContext, type GraphParams } from './graph-http';

export interface PagePostRecord {
  /** `{page-id}_{post-id}` (§4). */
  id: string;
  message: string | undefined;
  link: string | undefined;
  photoUrl: string | undefined;
  published: boolean;
  /** Unix ms, for scheduled posts. */
  scheduledFor: number | undefined;
  deleted: boolean;
  editCount: number;
}

const MINUTE_MS = 60_000;
// §4: scheduled_publish_time must be 10 minutes to 30 days ahead (older references: 6 months [?]).
const EARLIEST_SCHEDULE_MS = 10 * MINUTE_MS;
const LATEST_SCHEDULE_MS = 30 * 24 * 60 * MINUTE_MS;

/** Page publishing (contract §4): `/feed`, `/photos`, edit and delete of a post. */
export class PagePosts {
  readonly posts: PagePostRecord[] = [];

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
    if (message === undefined && link === undefined) throw invalidParameter('param message or link must be non-empty.');
    const post = this.record({ message, link, photoUrl: undefined, ...this.readSchedule(params) });
    sendGraphJson(res, 200, { id: post.id }, this.context);
  };

  /** `POST /{PAGE_ID}/photos`: a photo by `url`, with `caption`. */
  readonly photos: RequestHandler = (req, res) => {
    const params = this.begin(req, String(req.params.objectId), 'photos');
    const photoUrl = optionalString(params, 'url');
    if (photoUrl === undefined || !/^https?:\/\//.test(photoUrl)) throw invalidParameter('param url must be a valid URL.');
    const post = this.record({ message: optionalString(params, 'caption'), link: undefined, photoUrl, ...this.readSchedule(params) });
    const photoId = newObjectId();
    sendGraphJson(res, 200, { id: photoId, post_id: post.id }, this.context);
  };

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

  private record(input: Omit<PagePostRecord, 'id' | 'deleted' | 'editCount'>): PagePostRecord {
    const post: PagePostRecord = { ...input, id: `${this.pageId}_${newObjectId()}`, deleted: false, editCount: 0 };
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
