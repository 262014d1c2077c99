import { AGENT_ROLES, type AgentRole } from '../../shared/constants';
import type { OidcConfig } from '../config';

export interface SignedInIdentity {
  subject: string;
  email: string;
  name: string;
  /** The highest role the claims map to; null when they map to none (no access to the desk). */
  role: AgentRole | null;
  /** Names of the desk's teams the claims map to. */
  teamNames: string[];
}

/** Reads who signed in from the ID token's claims, mapping role and team claims per the configuration. */
export function identityFromClaims(claims: Record<string, unknown>, config: OidcConfig): SignedInIdentity | null {
  const subject = typeof claims.sub === 'string' ? claims.sub : null;
  // Entra ID puts the sign-in name in preferred_username and may leave email out.
  const email = [claims.email, claims.preferred_username].find((value): value is string => typeof value === 'string' && value.includes('@'));
  if (!subject || !email) return null;
  const roleValues = claimValues(claims[config.roleClaim]);
  const roles = config.roleMap.filter((entry) => roleValues.includes(entry.claimValue)).map((entry) => entry.target);
  const role = [...AGENT_ROLES].reverse().find((candidate) => roles.includes(candidate)) ?? null;
  const teamValues = claimValues(claims[config.teamClaim]);
  const teamNames = teamValues.map((value) => config.teamMap.find((entry) => entry.claimValue === value)?.target ?? value);
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
  return { subject, email: email.trim().toLowerCase(), name, role, teamNames: [...new Set(teamNames)] };
}

function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((value): value is string => typeof value === 'string');
  return [];
}
