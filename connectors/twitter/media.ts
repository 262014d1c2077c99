import type { EUploadMimeType, TwitterApi } from 'twitter-api-v2';
import type { ImageFile } from '../connector';
import { toConnectorError } from './send';

/**
 * Uploads an image with twitter-api-v2's v2 chunked upload (INITIALIZE, APPEND, FINALIZE, and
 * STATUS when X is still processing it, contract §7), then sets its alt text with media
 * metadata create. Returns the media id a post or DM names.
 */
export async function uploadXImage(client: TwitterApi, image: ImageFile, category: 'tweet_image' | 'dm_image'): Promise<string> {
  try {
    const mediaId = await client.v2.uploadMedia(image.data, { media_type: image.contentType as `${EUploadMimeType}`, media_category: category });
    if (image.altText) await client.v2.createMediaMetadata(mediaId, { alt_text: { text: image.altText } });
    return mediaId;
  } catch (error) {
    throw toConnectorError(error);
  }
}
