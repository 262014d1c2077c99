import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { ConnectorError, type ImageFile, type OutboundReply, type SendResult } from '../connector';
import { DESK_METADATA_PREFIX } from './normalise';

export interface GraphClientOptions {
  graphUrl: string;
  graphVersion: string;
  pageId: string;
  pageAccessToken: string;
  timeoutMs?: number;
  /** Shortest wait after a rate-limit answer when Meta's usage headers name no time (default 60 s). */
  rateLimitBackoffMs?: number;
}

export function createGraphClient(options: GraphClientOptions): AxiosInstance {
  return axios.create({
    baseURL: `${options.graphUrl.replace(/\/$/, '')}/${options.graphVersion}/`,
    timeout: options.timeoutMs ?? 15_000,
    headers: { Authorization: `Bearer ${options.pageAccessToken}` },
  });
}

function readMessageId(body: unknown): string | null {
  const messageId = (body as { message_id?: unknown } | null)?.message_id;
  return typeof messageId === 'string' && messageId.length > 0 ? messageId : null;
}

/**
 * Send API (contracts/platforms.md §2): `RESPONSE` inside the 24-hour window, the `HUMAN_AGENT`
 * tag between 24 h and 7 days. Text and each attachment go in separate calls; the text's message
 * id is the one the desk keeps. `metadata` names the desk message so its echo can be matched.
 */
export async function sendMessengerReply(
  graph: AxiosInstance,
  options: Pick<GraphClientOptions, 'pageId' | 'rateLimitBackoffMs'>,
  reply: OutboundReply,
): Promise<SendResult> {
  const addressing = {
    recipient: { id: reply.recipientId },
    ...(reply.messagingTag ? { messaging_type: 'MESSAGE_TAG', tag: reply.messagingTag } : { messaging_type: 'RESPONSE' }),
  };
  const metadata = reply.deskMessageId ? { metadata: `${DESK_METADATA_PREFIX}${reply.deskMessageId}` } : {};
  const parts: OutgoingPart[] = [
    ...(reply.text ? [{ message: { text: reply.text, ...metadata } }] : []),
    // Every part carries the metadata, so no echo of ours is mistaken for a Page inbox reply.
    ...(reply.attachments ?? []).map((attachment): OutgoingPart =>
      'image' in attachment
        ? { message: { attachment: { type: 'image', payload: { is_reusable: true } }, ...metadata }, file: attachment.image }
        : { message: { attachment: { type: attachment.type, payload: { url: attachment.url, is_reusable: true } }, ...metadata } },
    ),
  ];
  const sentIds = [...(reply.sentPartIds ?? [])];
  for (const [index, part] of parts.entries()) {
    // Accepted on an earlier attempt: sending it again would show the person the same thing twice.
    if (sentIds[index]) continue;
    try {
      const response = await graph.post(`${encodeURIComponent(options.pageId)}/messages`, part.file ? asUpload(addressing, part) : { ...addressing, message: part.message });
      const platformMessageId = readMessageId(response.data);
      if (!platformMessageId) throw new ConnectorError('transient', 'Facebook answered without a message id');
      sentIds[index] = platformMessageId;
      await reply.onPartSent?.(index, platformMessageId);
    } catch (error) {
      const failure = toConnectorError(error, options.rateLimitBackoffMs);
      if (reply.messagingTag && failure.details.platformCode === 10) {
        throw new ConnectorError(
          'permanent',
          'Outside Facebook’s 7-day human agent window: the person must message the Page again before we can reply.',
          failure.details,
        );
      }
      throw failure;
    }
  }
  const first = sentIds[0] ?? null;
  if (!first) throw new ConnectorError('permanent', 'There was nothing to send.');
  return { platformMessageId: first };
}

interface OutgoingPart {
  message: Record<string, unknown>;
  /** An image sent as the upload itself (`filedata`), for files with no public URL. */
  file?: ImageFile;
}

/**
 * Send API attachment upload (Meta: "Attachment Upload" on the Send API reference): a multipart
 * body whose `recipient`, `messaging_type` and `message` fields are JSON strings, and the file
 * as `filedata`.
 */
function asUpload(addressing: Record<string, unknown>, part: OutgoingPart): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...addressing, message: part.message })) {
    form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const file = part.file!;
  form.append('filedata', new Blob([new Uint8Array(file.data)], { type: file.contentType }), `image.${file.contentType.split('/')[1]}`);
  return form;
}

interface GraphErrorBody {
  error?: { code?: unknown; error_subcode?: unknown; message?: unknown; is_transient?: unknown };
}

// Error codes from Meta's Send API reference (contracts/platforms.md §2). Read the numeric
// fields only: Meta's message strings are not stable ("(# 613)" with a space, for one).
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80006]);
const TRANSIENT_CODES = new Set([1, 2, 1200]);
const DEFAULT_RATE_LIMIT_BACKOFF_MS = 60_000;

export function toConnectorError(error: unknown, rateLimitBackoffMs = DEFAULT_RATE_LIMIT_BACKOFF_MS): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (!axios.isAxiosError(error)) return new ConnectorError('transient', 'Could not reach Facebook');
  if (!error.response) return new ConnectorError('transient', 'Could not reach Facebook');
  const body = error.response.data as GraphErrorBody | undefined;
  const code = Number(body?.error?.code);
  const subcode = Number(body?.error?.error_subcode);
  const details = { platformCode: code || undefined, platformSubcode: subcode || undefined };
  if (code === 10 && (subcode === 2018278 || subcode === 2018065)) {
    return new ConnectorError(
      'permanent',
      'Outside Facebook’s 24-hour messaging window: the person must message the Page again before we can reply.',
      details,
    );
  }
  if (code === 551) return new ConnectorError('permanent', 'This person isn’t available on Messenger right now.', details);
  if (code === 100 && subcode === 2018001) {
    return new ConnectorError('permanent', 'Facebook has no such person for this Page.', details);
  }
  if (code === 190) {
    return new ConnectorError('permanent', 'The Facebook Page token has expired or was revoked: an admin must reconnect the Page.', {
      ...details,
      isChannelProblem: true,
    });
  }
  if (code === 200) {
    return new ConnectorError('permanent', 'The Facebook app lacks the permission to send this message: an admin must grant it.', {
      ...details,
      isChannelProblem: true,
    });
  }
  if (RATE_LIMIT_CODES.has(code) || error.response.status === 429) {
    return new ConnectorError('rate_limited', 'Facebook is limiting how fast we can send; retrying shortly.', {
      ...details,
      retryAfterMs: Math.max(rateLimitBackoffMs, waitFromUsageHeaders(error.response)),
    });
  }
  if (TRANSIENT_CODES.has(code) || body?.error?.is_transient === true || error.response.status >= 500) {
    return new ConnectorError('transient', 'Facebook had a temporary problem; retrying.', details);
  }
  return new ConnectorError('permanent', `Facebook refused the message (code ${code || error.response.status}).`, details);
}

/**
 * Meta's usage headers (§2; layout partly from memory, so read defensively): a Page token's
 * `X-Business-Use-Case-Usage` names `estimated_time_to_regain_access` in minutes. Returns 0
 * when no header says how long to wait.
 */
export function waitFromUsageHeaders(response: Pick<AxiosResponse, 'headers'>): number {
  const header = response.headers['x-business-use-case-usage'];
  if (typeof header !== 'string') return 0;
  try {
    const usage = JSON.parse(header) as Record<string, Array<{ estimated_time_to_regain_access?: unknown }>>;
    const minutes = Object.values(usage)
      .flat()
      .map((entry) => Number(entry?.estimated_time_to_regain_access))
      .filter((value) => Number.isFinite(value) && value > 0);
    return minutes.length ? Math.max(...minutes) * 60_000 : 0;
  } catch {
    return 0;
  }
}
