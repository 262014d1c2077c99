import { eq, inArray, sql } from 'drizzle-orm';
import { IMAGE_TYPES, sniffImageType, uploadUrl, type ImageType, type UploadView } from '../../shared/media';
import type { Database, Transaction } from '../db/database';
import { messages, threads, uploads } from '../db/schema';
import { HttpError } from '../http/errors';

export interface StoredImage {
  id: string;
  contentType: ImageType;
  data: Buffer;
}

/**
 * Keeps an image an agent uploaded. Its type is read from its bytes: a file that is not a JPEG,
 * PNG, GIF or WebP is refused whatever its name or declared type says.
 */
export async function storeUpload(db: Database, agentId: string, bytes: Buffer, maxBytes: number): Promise<UploadView> {
  if (bytes.length === 0) throw new HttpError(400, 'empty_upload', 'The file is empty.');
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  const contentType = sniffImageType(bytes);
  if (!contentType) {
    throw new HttpError(415, 'unsupported_media_type', `Only images can be attached: ${IMAGE_TYPES.map((type) => type.slice(6).toUpperCase()).join(', ')}.`);
  }
  const [row] = await db
    .insert(uploads)
    .values({ contentType, byteSize: bytes.length, data: bytes, uploadedById: agentId })
    .returning({ id: uploads.id });
  return { id: row!.id, contentType, byteSize: bytes.length, url: uploadUrl(row!.id) };
}

export function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'upload_too_large', `The image is larger than ${Math.floor(maxBytes / 1024 / 1024 * 10) / 10} MB.`);
}

export async function loadUpload(db: Database, id: string): Promise<StoredImage | null> {
  const [row] = await db.select({ id: uploads.id, contentType: uploads.contentType, data: uploads.data }).from(uploads).where(eq(uploads.id, id));
  return row ? { id: row.id, contentType: row.contentType as ImageType, data: row.data } : null;
}

/** The uploads named, in the order named; an unknown id is a 400 the agent can act on. */
export async function requireUploads(db: Database | Transaction, ids: string[]): Promise<Array<{ id: string; contentType: ImageType }>> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: uploads.id, contentType: uploads.contentType }).from(uploads).where(inArray(uploads.id, ids));
  return ids.map((id) => {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) throw new HttpError(400, 'upload_not_found', 'An attached image is missing: upload it again.');
    return { id, contentType: row.contentType as ImageType };
  });
}

/** The threads whose messages carry this upload (a reply's image), with whether each is restricted. */
export async function threadsShowingUpload(db: Database, uploadId: string): Promise<Array<{ threadId: string; restricted: boolean }>> {
  return db
    .selectDistinct({ threadId: threads.id, restricted: threads.restricted })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .where(sql`${messages.attachments} @> ${JSON.stringify([{ uploadId }])}::jsonb`);
}
