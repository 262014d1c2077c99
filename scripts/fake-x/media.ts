import express, { type Express, type Request, type Response } from 'express';
import { parseMultipart } from '../fake-common/multipart';
import type { SnowflakeIds } from './snowflake';

/** An image the account uploaded through the v2 chunked upload (contract §7). */
export interface UploadedMedia {
  id: string;
  mediaKey: string;
  mediaType: string;
  totalBytes: number;
  chunks: Map<number, Buffer>;
  isFinalized: boolean;
  altText: string | undefined;
  at: number;
}

// X's image formats for tweet_image / dm_image; 5 MB per image [doc: docs.x.com media best practices].
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
// An upload may be attached for 24 hours (§5: "uploaded by the same user within 24 h").
const EXPIRES_AFTER_SECS = 86_400;
const MAX_ALT_TEXT = 1000;

type Admit = (req: Request, res: Response) => boolean;
type Refuse = (res: Response, parameters: Record<string, string[]>, message: string) => void;

/**
 * The v2 media endpoints twitter-api-v2 1.29 calls (read in its `uploadMedia` and
 * `createMediaMetadata`): INITIALIZE (JSON), APPEND (multipart `segment_index` + `media`),
 * FINALIZE, STATUS (GET with `command=STATUS`), and metadata create for alt text.
 */
export class MediaStore {
  readonly media = new Map<string, UploadedMedia>();

  constructor(
    private readonly ids: SnowflakeIds,
    private readonly now: () => number,
  ) {}

  /** A finalized upload of this account, fit to attach; null otherwise. */
  attachable(id: unknown): UploadedMedia | null {
    const media = typeof id === 'string' ? this.media.get(id) : undefined;
    if (!media?.isFinalized || this.now() - media.at > EXPIRES_AFTER_SECS * 1000) return null;
    return media;
  }

  /** The whole file as X assembled it from its chunks. */
  bytesOf(media: UploadedMedia): Buffer {
    return Buffer.concat([...media.chunks.entries()].sort(([a], [b]) => a - b).map(([, chunk]) => chunk));
  }

  mount(app: Express, admit: Admit, refuse: Refuse): void {
    const json = express.json({ limit: '1mb' });
    const send = (res: Response, status: number, body: object) => res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));

    app.post('/2/media/upload/initialize', json, (req, res) => {
      if (!admit(req, res)) return;
      const body = (req.body ?? {}) as { media_type?: unknown; total_bytes?: unknown; media_category?: unknown };
      const mediaType = typeof body.media_type === 'string' ? body.media_type : '';
      const totalBytes = Number(body.total_bytes);
      if (!IMAGE_TYPES.includes(mediaType)) return void refuse(res, { media_type: [mediaType] }, `media_type must be one of ${IMAGE_TYPES.join(', ')}`);
      if (!Number.isInteger(totalBytes) || totalBytes < 1 || totalBytes > MAX_IMAGE_BYTES) {
        return void refuse(res, { total_bytes: [String(body.total_bytes)] }, `total_bytes must be 1 to ${MAX_IMAGE_BYTES} for an image`);
      }
      const id = this.ids.next();
      const media: UploadedMedia = { id, mediaKey: `3_${id}`, mediaType, totalBytes, chunks: new Map(), isFinalized: false, altText: undefined, at: this.now() };
      this.media.set(id, media);
      send(res, 200, { data: { id, media_key: media.mediaKey, expires_after_secs: EXPIRES_AFTER_SECS } });
    });

    app.post('/2/media/upload/:id/append', express.raw({ type: () => true, limit: '6mb' }), (req, res) => {
      if (!admit(req, res)) return;
      const media = this.media.get(String(req.params.id));
      if (!media || media.isFinalized) return void refuse(res, { id: [String(req.params.id)] }, 'No upload in progress with this id');
      const parts = Buffer.isBuffer(req.body) ? parseMultipart(req.headers['content-type'], req.body) : null;
      const segment = Number(parts?.find((part) => part.name === 'segment_index')?.data.toString());
      const chunk = parts?.find((part) => part.name === 'media')?.data;
      if (!parts || !chunk || !Number.isInteger(segment) || segment < 0 || segment > 999) {
        return void refuse(res, { media: ['(multipart)'] }, 'APPEND takes multipart/form-data with segment_index and media');
      }
      media.chunks.set(segment, chunk);
      send(res, 200, { data: { expires_at: Math.floor(media.at / 1000) + EXPIRES_AFTER_SECS } });
    });

    app.post('/2/media/upload/:id/finalize', (req, res) => {
      if (!admit(req, res)) return;
      const media = this.media.get(String(req.params.id));
      if (!media) return void refuse(res, { id: [String(req.params.id)] }, 'No upload with this id');
      const size = this.bytesOf(media).length;
      if (size !== media.totalBytes) return void refuse(res, { total_bytes: [String(media.totalBytes)] }, `Received ${size} bytes, expected ${media.totalBytes}`);
      media.isFinalized = true;
      // Images need no processing, so no processing_info (the client then skips STATUS).
      send(res, 200, { data: { id: media.id, media_key: media.mediaKey, size, expires_after_secs: EXPIRES_AFTER_SECS } });
    });

    app.get('/2/media/upload', (req, res) => {
      if (!admit(req, res)) return;
      const query = new URL(req.originalUrl, 'http://fake.invalid').searchParams;
      const media = this.media.get(query.get('media_id') ?? '');
      if (query.get('command') !== 'STATUS' || !media) return void refuse(res, { media_id: [String(query.get('media_id'))] }, 'STATUS needs the media_id of an upload');
      send(res, 200, { data: { id: media.id, media_key: media.mediaKey, processing_info: { state: 'succeeded', progress_percent: 100 } } });
    });

    app.post('/2/media/metadata', json, (req, res) => {
      if (!admit(req, res)) return;
      const body = (req.body ?? {}) as { id?: unknown; metadata?: { alt_text?: { text?: unknown } } };
      const media = this.attachable(body.id);
      if (!media) return void refuse(res, { id: [String(body.id)] }, 'No finalized upload with this id');
      const text = body.metadata?.alt_text?.text;
      if (typeof text !== 'string' || text.length === 0 || text.length > MAX_ALT_TEXT) {
        return void refuse(res, { 'metadata.alt_text.text': [String(text)] }, `alt_text.text must be 1 to ${MAX_ALT_TEXT} characters`);
      }
      media.altText = text;
      send(res, 200, { data: { id: media.id, associated_metadata: { alt_text: { text } } } });
    });
  }
}
