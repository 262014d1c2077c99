import type { z } from 'zod';
import { errorResponseSchema } from '../../../shared/api';
import {
  chatHistorySchema,
  chatSessionResponseSchema,
  publicConfigSchema,
  reportReceiptSchema,
  type ChatHistory,
  type PublicConfig,
  type ReportAdditionRequest,
  type ReportReceipt,
  type ReportRequest,
} from '../../../shared/public-contact';

/** A failed public call; `code` is the server's error code (`rate_limited`, `report_not_found`…). */
export class PublicApiError extends Error {
  override readonly name = 'PublicApiError';
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new PublicApiError(0, 'network_error');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorResponseSchema.safeParse(payload);
    throw new PublicApiError(response.status, parsed.success ? parsed.data.error.code : `http_${response.status}`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new PublicApiError(response.status, 'invalid_response');
  return parsed.data;
}

export const getPublicConfig = (): Promise<PublicConfig> => call('GET', '/api/public/config', publicConfigSchema);

export const startChatSession = () => call('POST', '/api/public/chat/session', chatSessionResponseSchema, {});

export const submitReport = (report: ReportRequest): Promise<ReportReceipt> => call('POST', '/api/public/reports', reportReceiptSchema, report);

export const lookUpReport = (reference: string, code: string): Promise<ChatHistory> =>
  call('POST', '/api/public/reports/lookup', chatHistorySchema, { reference, code });

export const addToReport = (addition: ReportAdditionRequest) =>
  call('POST', '/api/public/reports/additions', chatHistorySchema.pick({ reference: true }), addition);

/** crypto.randomUUID exists only in secure contexts; getRandomValues everywhere. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
