import { z } from 'zod';
import { AGENT_ROLES } from './constants';

// Account management by admins (issue 11): local accounts and those created by single sign-on.

const password = z.string().min(1, 'A password is needed').max(1024);

export const accountCreateRequestSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().email(),
  role: z.enum(AGENT_ROLES),
  teamIds: z.array(z.string().uuid()).max(50).default([]),
  password,
});
export type AccountCreateRequest = z.infer<typeof accountCreateRequestSchema>;

export const accountUpdateRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(AGENT_ROLES).optional(),
    teamIds: z.array(z.string().uuid()).max(50).optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'Nothing to change');
export type AccountUpdateRequest = z.infer<typeof accountUpdateRequestSchema>;

export const passwordResetRequestSchema = z.object({ password });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordChangeRequestSchema = z.object({ currentPassword: password, newPassword: password });
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;

export const accountViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(AGENT_ROLES),
  active: z.boolean(),
  teamIds: z.array(z.string()),
  /** Signs in through the force's identity provider rather than with a password. */
  isSingleSignOn: z.boolean(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const accountListResponseSchema = z.object({ accounts: z.array(accountViewSchema) });
export type AccountListResponse = z.infer<typeof accountListResponseSchema>;

/** How the login page offers to sign in: always a password form, and single sign-on when configured. */
export const authMethodsResponseSchema = z.object({
  singleSignOn: z.object({ label: z.string(), startUrl: z.string() }).nullable(),
});
export type AuthMethodsResponse = z.infer<typeof authMethodsResponseSchema>;
