import { ApiRequestError, ApiResponseError, type TwitterApi } from 'twitter-api-v2';
import { ConnectorError, type OutboundReply, type SendResult } from '../connector';
import { uploadXImage } from './media';

/**
 * Sends a DM to the person, in their 1:1 conversation (contracts/platforms.md §5). The library is
 * typed as returning `{dm_event_id}` but returns the raw `{data:{…}}` body (§8): read both.
 */
export async function sendXReply(client: TwitterApi, reply: OutboundReply): Promise<SendResult> {
  const images = (reply.attachments ?? []).flatMap((attachment) => ('image' in attachment ? [attachment.image] : []));
  // §5: a DM carries exactly one media id; the desk allows one image per reply.
  if (images.length > 1 || images.length !== (reply.attachments ?? []).length) {
    throw new ConnectorError('permanent', 'An X DM can carry one uploaded image, nothing more.');
  }
  // Uploaded before the send: an upload X accepted but the DM never used is harmless (it expires).
  const mediaId = images[0] ? await uploadXImage(client, images[0], 'dm_image') : null;
  if (mediaId) await reply.onMediaReady?.([mediaId]);
  try {
    const result: unknown = await client.v2.sendDmToParticipant(reply.recipientId, {
      ...(reply.text ? { text: reply.text } : {}),
      ...(mediaId ? { attachments: [{ media_id: mediaId }] } : {}),
    });
    const platformMessageId = readEventId(result);
    if (!platformMessageId) throw new ConnectorError('transient', 'X answered without a message id');
    return { platformMessageId };
  } catch (error) {
    throw toConnectorError(error);
  }
}

function readEventId(result: unknown): string | null {
  const body = result as { data?: { dm_event_id?: unknown }; dm_event_id?: unknown } | null;
  const id = body?.data?.dm_event_id ?? body?.dm_event_id;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

export function toConnectorError(error: unknown, now = Date.now()): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof ApiRequestError) return new ConnectorError('transient', 'Could not reach X; retrying.');
  if (!(error instanceof ApiResponseError)) return new ConnectorError('transient', 'Could not reach X; retrying.');
  const status = error.code;
  const details = { platformCode: status };
  if (status === 429 || status === 420) {
    // No Retry-After on X: the window's reset (Unix seconds) says when to try again (§5).
    const resetMs = (error.rateLimit?.reset ?? 0) * 1000;
    const retryAfterMs = resetMs > now ? resetMs - now + 250 : 60_000;
    return new ConnectorError('rate_limited', 'X is limiting how fast we can send; retrying when the limit resets.', {
      ...details,
      retryAfterMs,
    });
  }
  if (status >= 500) return new ConnectorError('transient', 'X had a temporary problem; retrying.', details);
  const detail = describeProblem(error.data);
  if (status === 401) {
    return new ConnectorError('permanent', 'X refused the desk’s credentials (token expired or revoked): an admin must reconnect the X account.', {
      ...details,
      isChannelProblem: true,
    });
  }
  if (/duplicate/i.test(detail)) {
    return new ConnectorError('permanent', 'X refused this as a duplicate of a message just sent: change the wording to send it.', { ...details, isDuplicate: true });
  }
  if (status === 403) {
    return new ConnectorError('permanent', 'X will not let us message this person (they may not accept DMs from us, or have blocked the account).', details);
  }
  return new ConnectorError('permanent', `X refused the message (HTTP ${status}).`, details);
}

/** The words of a problem body, of either shape (§5): problem JSON, or v1.1 `errors[]`. */
function describeProblem(data: unknown): string {
  if (typeof data === 'string') return data;
  const body = data as { detail?: unknown; title?: unknown; errors?: Array<{ message?: unknown }> } | null;
  const parts = [body?.title, body?.detail, ...(body?.errors ?? []).map((item) => item?.message)];
  return parts.filter((part): part is string => typeof part === 'string').join(' ');
}
