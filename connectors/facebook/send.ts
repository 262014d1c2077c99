import axios, { type AxiosInstance } from 'axios';
import { ConnectorError, type OutboundReply, type SendResult } from '../connector';

export interface GraphClientOptions {
  graphUrl: string;
  graphVersion: string;
  pageId: string;
  pageAccessToken: string;
  timeoutMs?: number;
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

/** Send API (contracts/platforms.md §2): a standard reply inside the 24-hour window. */
export async function sendMessengerReply(graph: AxiosInstance, pageId: string, reply: OutboundReply): Promise<SendResult> {
  try {
    const response = await graph.post(`${encodeURIComponent(pageId)}/messages`, {
      recipient: { id: reply.recipientId },
      messaging_type: 'RESPONSE',
      message: { text: reply.text },
    });
    const platformMessageId = readMessageId(response.data);
    if (!platformMessageId) throw new ConnectorError('transient', 'Facebook answered without a message id');
    return { platformMessageId };
  } catch (error) {
    throw toConnectorError(error);
  }
}

interface GraphErrorBody {
  error?: { code?: unknown; error_subcode?: unknown; message?: unknown; is_transient?: unknown };
}

// Error codes from Meta's Send API reference (contracts/platforms.md §2). Read the numeric
// fields only: Meta's message strings are not stable ("(# 613)" with a space, for one).
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80006]);
const TRANSIENT_CODES = new Set([1, 2, 1200]);

export function toConnectorError(error: unknown): ConnectorError {
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
    return new ConnectorError('permanent', 'The Facebook Page token has expired or was revoked: an admin must reconnect the Page.', details);
  }
  if (code === 200) return new ConnectorError('permanent', 'The Facebook app lacks the permission to send this message.', details);
  if (RATE_LIMIT_CODES.has(code) || error.response.status === 429) {
    return new ConnectorError('rate_limited', 'Facebook is limiting how fast we can send; retrying shortly.', {
      ...details,
      retryAfterMs: 60_000,
    });
  }
  if (TRANSIENT_CODES.has(code) || body?.error?.is_transient === true || error.response.status >= 500) {
    return new ConnectorError('transient', 'Facebook had a temporary problem; retrying.', details);
  }
  return new ConnectorError('permanent', `Facebook refused the message (code ${code || error.response.status}).`, details);
}
