import {
  broadcastListResponseSchema,
  broadcastResponseSchema,
  type BroadcastChannel,
  type BroadcastDraft,
  type BroadcastListResponse,
  type BroadcastResponse,
  type BroadcastWithdrawal,
} from '../../../shared/broadcasts';
import { request } from '../api';

const path = (id: string, action = '') => `/api/broadcasts/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function listBroadcasts(area: string | null): Promise<BroadcastListResponse> {
  return request('GET', `/api/broadcasts${area ? `?area=${encodeURIComponent(area)}` : ''}`, broadcastListResponseSchema);
}

/** Saves the draft and submits it: to a supervisor, or straight out when its template needs no approval. */
export async function draftAndSubmit(draft: BroadcastDraft): Promise<BroadcastResponse> {
  const { broadcast } = await request('POST', '/api/broadcasts', broadcastResponseSchema, { body: draft });
  return request('POST', path(broadcast.id, 'submit'), broadcastResponseSchema, { body: {} });
}

export function approveBroadcast(id: string): Promise<BroadcastResponse> {
  return request('POST', path(id, 'approve'), broadcastResponseSchema, { body: {} });
}

export function returnBroadcast(id: string, comment: string): Promise<BroadcastResponse> {
  return request('POST', path(id, 'return'), broadcastResponseSchema, { body: { comment } });
}

export function retryChannel(id: string, channel: BroadcastChannel): Promise<BroadcastResponse> {
  return request('POST', path(id, `channels/${channel}/retry`), broadcastResponseSchema, { body: {} });
}

export function withdrawBroadcast(id: string, withdrawal: BroadcastWithdrawal): Promise<BroadcastResponse> {
  return request('POST', path(id, 'withdraw'), broadcastResponseSchema, { body: withdrawal });
}
