import { z } from 'zod';

/**
 * Images agents attach to replies and broadcasts. Only formats both platforms take as photos
 * (Messenger image attachments; X tweet_image / dm_image): JPEG, PNG, GIF and WebP.
 */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** X allows at most 4 images on a post (contract §7); a DM takes exactly one media id (§5). */
export const MAX_BROADCAST_IMAGES = 4;
export const MAX_REPLY_ATTACHMENTS = 1;
/** X reads alt text up to 1,000 characters (media metadata create). */
export const MAX_ALT_TEXT_LENGTH = 1000;

/**
 * The image type a file really is, from its first bytes (magic numbers), or null for anything
 * else. A file's name and the browser's Content-Type are the sender's claim; these bytes are not.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const startsWith = (signature: number[], offset = 0) => signature.every((value, index) => bytes[offset + index] === value);
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export const uploadViewSchema = z.object({
  id: z.string(),
  contentType: z.enum(IMAGE_TYPES),
  byteSize: z.number(),
  /** Where the desk serves it to signed-in staff. */
  url: z.string(),
});
export type UploadView = z.infer<typeof uploadViewSchema>;

export const uploadResponseSchema = z.object({ upload: uploadViewSchema });
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

export function uploadUrl(id: string): string {
  return `/api/uploads/${id}`;
}
