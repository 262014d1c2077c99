import { z } from 'zod';
import {
  accountListResponseSchema,
  accountViewSchema,
  authMethodsResponseSchema,
  type AccountCreateRequest,
  type AccountListResponse,
  type AccountUpdateRequest,
  type AccountView,
  type AuthMethodsResponse,
} from '../../../shared/accounts';
import { request } from '../api';

// Calls for account management (admins) and for how the login page offers to sign in.

const accountResponseSchema = z.object({ account: accountViewSchema });
const noContentSchema = z.unknown();

export function getAuthMethods(): Promise<AuthMethodsResponse> {
  return request('GET', '/api/auth/methods', authMethodsResponseSchema);
}

export function listAccounts(): Promise<AccountListResponse> {
  return request('GET', '/api/accounts', accountListResponseSchema);
}

export async function createAccount(account: AccountCreateRequest): Promise<AccountView> {
  return (await request('POST', '/api/accounts', accountResponseSchema, { body: account })).account;
}

export async function updateAccount(agentId: string, update: AccountUpdateRequest): Promise<AccountView> {
  return (await request('PATCH', `/api/accounts/${encodeURIComponent(agentId)}`, accountResponseSchema, { body: update })).account;
}

export async function setAccountEnabled(agentId: string, enabled: boolean): Promise<AccountView> {
  const path = `/api/accounts/${encodeURIComponent(agentId)}/${enabled ? 'enable' : 'disable'}`;
  return (await request('POST', path, accountResponseSchema, { body: {} })).account;
}

export async function resetAccountPassword(agentId: string, password: string): Promise<void> {
  await request('POST', `/api/accounts/${encodeURIComponent(agentId)}/password`, noContentSchema, { body: { password } });
}
