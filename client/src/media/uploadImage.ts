import { errorResponseSchema } from '../../../shared/api';
import { IMAGE_TYPES, uploadResponseSchema, type UploadView } from '../../../shared/media';
import { ApiError } from '../api';

/** What the file picker offers; the desk still checks the bytes, whatever the file claims. */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',');

/** Sends an image's bytes to the desk (POST /api/uploads) and returns what a reply or broadcast names. */
export async function uploadImage(file: File): Promise<UploadView> {
  let response: Response;
  try {
    response = await fetch('/api/uploads', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach Social Desk. Check the connection and try again.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = errorResponseSchema.safeParse(body);
    throw new ApiError(response.status, problem.success ? problem.data.error.code : `http_${response.status}`, problem.success ? problem.data.error.message : 'The image could not be uploaded. Try again.');
  }
  const parsed = uploadResponseSchema.safeParse(body);
  if (!parsed.success) throw new ApiError(response.status, 'invalid_response', 'Social Desk sent a response this page cannot read. Reload the page.');
  return parsed.data.upload;
}
