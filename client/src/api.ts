import type { z } from 'zod';
import { presenceResponseSchema, type PresenceResponse } from '../../shared/presence';
import {
  cannedResponseListSchema,
  cannedResponseResponseSchema,
  type CannedResponseList,
  type CannedResponseRequest,
  type CannedResponseResponse,
  escalationListResponseSchema,
  escalationResponseSchema,
  type EscalationListResponse,
  type EscalationRequest,
  type EscalationResolution,
  type EscalationResponse,
  deskDirectoryResponseSchema,
  errorResponseSchema,
  threadResponseSchema,
  type AssignmentRequest,
  type DeskDirectoryResponse,
  type NoteRequest,
  type StatusRequest,
  type ThreadListQuery,
  type ThreadResponse,
  meResponseSchema,
  replyResponseSchema,
  threadDetailResponseSchema,
  threadListResponseSchema,
  type LoginRequest,
  type MeResponse,
  type ReplyRequest,
  type ReplyResponse,
  type RiskOverrideRequest,
  type ThreadDetailResponse,
  type ThreadListResponse,
} from '../../shared/api';
import { reportResponseSchema, type ReportQuery, type ReportResponse } from '../../shared/reports';
import {
  apiTokenCreatedResponseSchema,
  apiTokenListResponseSchema,
  type ApiTokenCreatedResponse,
  type ApiTokenListResponse,
  type ApiTokenRequest,
} from '../../shared/api-tokens';
import type { Language } from '../../shared/constants';

/**
 * A failed API call. `code` and `message` come from the server's `{ error: { code, message } }`
 * when it sent one; `status` is 0 when the server could not be reached at all.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  get isUnauthorised(): boolean {
    return this.status === 401;
  }
}

export function isUnauthorised(error: unknown): boolean {
  return error instanceof ApiError && error.isUnauthorised;
}

/** Words to show an agent for any error thrown by a call in this module. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong. Try again.';
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', 'Could not reach Social Desk. Check the connection and try again.');
  }

  if (!response.ok) throw await toApiError(response);
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = errorResponseSchema.safeParse(body);
  if (parsed.success) {
    return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
  }
  return new ApiError(
    response.status,
    `http_${response.status}`,
    `Social Desk answered with an unexpected error (${response.status}). Try again.`,
  );
}

export async function request<T>(
  method: string,
  path: string,
  schema: z.ZodType<T>,
  options?: RequestOptions,
): Promise<T> {
  const response = await send(method, path, options);
  const body: unknown = await response.json().catch(() => null);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    // The server and client disagree about the contract in shared/api.ts: worth a loud log.
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiError(response.status, 'invalid_response', 'Social Desk sent a response this page cannot read. Reload the page.');
  }
  return parsed.data;
}

function threadPath(threadId: string): string {
  return `/api/threads/${encodeURIComponent(threadId)}`;
}

export function getMe(): Promise<MeResponse> {
  return request('GET', '/api/auth/me', meResponseSchema);
}

export function login(credentials: LoginRequest): Promise<MeResponse> {
  return request('POST', '/api/auth/login', meResponseSchema, { body: credentials });
}

/** The agent's screen language, kept on their account. */
export function setUiLanguage(uiLanguage: Language): Promise<MeResponse> {
  return request('PUT', '/api/auth/me/language', meResponseSchema, { body: { uiLanguage } });
}

export async function logout(): Promise<void> {
  await send('POST', '/api/auth/logout');
}

/** `?view=…&risk=a&risk=b&q=…`: repeated keys for several values of one filter. */
export function threadListSearch(query?: Partial<ThreadListQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== '') params.append(key, String(item));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The threads of a view, filtered and searched, in the view's order. */
export function listThreads(query?: Partial<ThreadListQuery>): Promise<ThreadListResponse> {
  return request('GET', `/api/threads${threadListSearch(query)}`, threadListResponseSchema);
}

/** Teams and agents, for assigning and escalating. */
export function getDirectory(): Promise<DeskDirectoryResponse> {
  return request('GET', '/api/directory', deskDirectoryResponseSchema);
}

export function takeThread(threadId: string): Promise<ThreadResponse> {
  return request('POST', `${threadPath(threadId)}/take`, threadResponseSchema);
}

export function assignThread(threadId: string, assignment: AssignmentRequest): Promise<ThreadResponse> {
  return request('POST', `${threadPath(threadId)}/assignment`, threadResponseSchema, { body: assignment });
}

export function setThreadStatus(threadId: string, status: StatusRequest['status']): Promise<ThreadResponse> {
  return request('POST', `${threadPath(threadId)}/status`, threadResponseSchema, { body: { status } });
}

/** A private note: stored on the thread, never sent to the platform. */
export function addNote(threadId: string, note: NoteRequest): Promise<ReplyResponse> {
  return request('POST', `${threadPath(threadId)}/notes`, replyResponseSchema, { body: note });
}

/** One thread with its messages, oldest first. The server marks it read for this agent. */
export function getThread(threadId: string, signal?: AbortSignal): Promise<ThreadDetailResponse> {
  return request('GET', threadPath(threadId), threadDetailResponseSchema, { signal });
}

/** Queues a reply. Sending the same `clientId` again returns the same message, not a second one. */
export function sendReply(threadId: string, reply: ReplyRequest): Promise<ReplyResponse> {
  return request('POST', `${threadPath(threadId)}/replies`, replyResponseSchema, { body: reply });
}

/** Sets the thread's risk by hand, with the reason (audited); later triage leaves it alone. */
export function overrideRisk(threadId: string, override: RiskOverrideRequest): Promise<void> {
  return send('PUT', `${threadPath(threadId)}/risk`, { body: override }).then(() => undefined);
}

export function listThreadEscalations(threadId: string): Promise<EscalationListResponse> {
  return request('GET', `${threadPath(threadId)}/escalations`, escalationListResponseSchema);
}

export function raiseEscalation(threadId: string, escalation: EscalationRequest): Promise<EscalationResponse> {
  return request('POST', `${threadPath(threadId)}/escalations`, escalationResponseSchema, { body: escalation });
}

export function acknowledgeEscalation(escalationId: string): Promise<EscalationResponse> {
  return request('POST', `/api/escalations/${encodeURIComponent(escalationId)}/acknowledge`, escalationResponseSchema);
}

export function resolveEscalation(escalationId: string, resolution: EscalationResolution): Promise<EscalationResponse> {
  return request('POST', `/api/escalations/${encodeURIComponent(escalationId)}/resolve`, escalationResponseSchema, { body: resolution });
}

export function listCannedResponses(): Promise<CannedResponseList> {
  return request('GET', '/api/canned-responses', cannedResponseListSchema);
}

/** Supervisors and admins only. */
export function createCannedResponse(canned: CannedResponseRequest): Promise<CannedResponseResponse> {
  return request('POST', '/api/canned-responses', cannedResponseResponseSchema, { body: canned });
}

export async function deleteCannedResponse(id: string): Promise<void> {
  await send('DELETE', `/api/canned-responses/${encodeURIComponent(id)}`);
}

export function setThreadTags(threadId: string, tags: string[]): Promise<ThreadResponse> {
  return request('PUT', `${threadPath(threadId)}/tags`, threadResponseSchema, { body: { tags } });
}

/** The same person's other threads, newest first. */
export function getContactHistory(threadId: string): Promise<ThreadListResponse> {
  return request('GET', `${threadPath(threadId)}/history`, threadListResponseSchema);
}

/** Moves this thread's messages into another thread and closes it. */
export function mergeThread(threadId: string, intoThreadId: string): Promise<ThreadResponse> {
  return request('POST', `${threadPath(threadId)}/merge`, threadResponseSchema, { body: { intoThreadId } });
}

export function getReport(query: ReportQuery): Promise<ReportResponse> {
  return request('GET', `/api/reports?${new URLSearchParams(query)}`, reportResponseSchema);
}

/** Who is on shift and how deep each team's queue is (the header's view of the desk). */
export function getPresence(): Promise<PresenceResponse> {
  return request('GET', '/api/presence', presenceResponseSchema);
}

export async function setAway(isAway: boolean): Promise<void> {
  await send('PUT', '/api/presence/me', { body: { isAway } });
}

export function listApiTokens(): Promise<ApiTokenListResponse> {
  return request('GET', '/api/api-tokens', apiTokenListResponseSchema);
}

export function createApiToken(token: ApiTokenRequest): Promise<ApiTokenCreatedResponse> {
  return request('POST', '/api/api-tokens', apiTokenCreatedResponseSchema, { body: token });
}

export async function revokeApiToken(id: string): Promise<void> {
  await send('POST', `/api/api-tokens/${encodeURIComponent(id)}/revoke`, { body: {} });
}
