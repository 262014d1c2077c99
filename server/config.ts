import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AGENT_ROLES, type AgentRole } from '../shared/constants';
import { REPORT_TYPES, type ReportType } from '../shared/public-contact';
import { CHANNEL_TYPES, RISK_LEVELS, SENSITIVE_CATEGORIES, TRIAGE_CATEGORIES, type SensitiveCategory, type TriageCategory } from '../shared/constants';
import { BROADCAST_TEMPLATES, type BroadcastTemplate } from '../shared/broadcasts';

const booleanSetting = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const ROLES = ['web', 'worker'] as const;

/** Every setting the desk reads, with its default. `.env.example` documents each one. */
const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ROLES: z
      .string()
      .default('web,worker')
      .transform((value) => value.split(',').map((role) => role.trim()).filter(Boolean))
      .pipe(z.array(z.enum(ROLES)).min(1)),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z.string().url().optional(),
    PGLITE_DATA_DIR: z.string().default('.data/pglite'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** Prefix of every Redis key (queues, sessions, Socket.IO); lets deployments share one Redis. */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('sd'),
    /** A job whose worker died (kill -9, lost host) is run again by another worker after this long. */
    JOB_STALLED_AFTER_MS: z.coerce.number().int().min(1000).default(30_000),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
    /** Encrypts secrets the desk stores and must read back (webhook subscriptions' signing secrets). */
    DATA_ENCRYPTION_KEY: z.string().refine((value) => decodeDataEncryptionKey(value) !== null, '32 bytes as 64 hex digits or base64').optional(),
    COOKIE_SECURE: booleanSetting.optional(),
    SEED_DEMO_AGENTS: booleanSetting.default(false),
    WEBHOOK_BODY_LIMIT: z.string().default('1mb'),
    FACEBOOK_PAGE_ID: z.string().min(1).optional(),
    FACEBOOK_PAGE_NAME: z.string().default('Facebook Page'),
    FACEBOOK_PAGE_ACCESS_TOKEN: z.string().min(1).optional(),
    FACEBOOK_APP_SECRET: z.string().min(1).optional(),
    FACEBOOK_VERIFY_TOKEN: z.string().min(1).optional(),
    FACEBOOK_GRAPH_URL: z.string().url().default('https://graph.facebook.com'),
    FACEBOOK_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v25.0'),
    FACEBOOK_HUMAN_AGENT_TAG: booleanSetting.default(false),
    FACEBOOK_INSTAGRAM_ACCOUNT_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
    FACEBOOK_INSTAGRAM_NAME: z.string().default('Instagram'),
    FACEBOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
    FACEBOOK_POLL_OVERLAP_MS: z.coerce.number().int().min(0).default(5 * 60_000),
    FACEBOOK_RATE_LIMIT_BACKOFF_MS: z.coerce.number().int().min(0).default(60_000),
    CLIENT_DIST_DIR: z.string().default('dist/client'),
    X_USER_ID: z.string().regex(/^\d+$/, 'the numeric X user id').optional(),
    X_ACCOUNT_NAME: z.string().default('X account'),
    X_CONSUMER_KEY: z.string().min(1).optional(),
    X_CONSUMER_SECRET: z.string().min(1).optional(),
    X_ACCESS_TOKEN: z.string().min(1).optional(),
    X_ACCESS_TOKEN_SECRET: z.string().min(1).optional(),
    X_API_URL: z.string().url().default('https://api.x.com'),
    X_POLL_SHARE: z.coerce.number().gt(0).max(1).default(0.6),
    X_ACCOUNT_ACTIVITY: booleanSetting.default(false),
    AUTO_ACKNOWLEDGEMENT: booleanSetting.default(true),
    AUTO_REPLY_PERIOD_MINUTES: z.coerce.number().int().min(1).default(24 * 60),
    ACKNOWLEDGEMENT_TEMPLATES_FILE: z.string().optional(),
    TRIAGE_RULES_EXTENSION_FILE: z.string().optional(),
    PUBLIC_QUICK_EXIT_URL: z.string().url().default('https://www.bbc.co.uk/weather'),
    PUBLIC_DESK_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM-HH:MM (UK time), or empty for 24/7')
      .optional(),
    PUBLIC_OUT_OF_HOURS_MESSAGE_EN: z.string().max(1000).optional(),
    PUBLIC_OUT_OF_HOURS_MESSAGE_CY: z.string().max(1000).optional(),
    PUBLIC_REPORT_TEAMS: z
      .string()
      .default('')
      .transform((value, context) => parseTeamsByKey(value, context, REPORT_TYPES, 'report type')),
    /** Who may read a restricted thread of each sensitive category (besides its assignee and its team). */
    RESTRICTED_CATEGORY_TEAMS: z
      .string()
      .default('sexual-offence=Safeguarding,domestic-abuse=Safeguarding,intelligence=CID')
      .transform((value, context) => parseTeamsByKey(value, context, SENSITIVE_CATEGORIES, 'category')),
    /** Comma-separated words or phrases no reply or broadcast may contain. */
    BLOCKED_PHRASES: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((phrase) => phrase.trim()).filter(Boolean)),
    /** Comma-separated triage categories whose threads' replies wait for a supervisor's approval. */
    APPROVAL_CATEGORIES: z
      .string()
      .default('')
      .transform((value) => [...new Set(value.split(',').map((category) => category.trim()).filter(Boolean))])
      .pipe(z.array(z.enum(TRIAGE_CATEGORIES))),
    /** The team whose routing handles threads that arrive with no team (empty: those wait to be taken). */
    ROUTING_DEFAULT_TEAM: z.string().trim().default(''),
    /** How long an agent whose inbox closed (no socket) has to come back before their routed threads move on. */
    ROUTING_SIGNED_OFF_GRACE_MS: z.coerce.number().int().min(0).default(120_000),
    /** How often the worker routes waiting threads again (new capacity, agents back from away); 0 = never. */
    ROUTING_SWEEP_MS: z.coerce.number().int().min(0).default(15_000),
    TEAMS: z
      .string()
      .default('Control room,Safeguarding,Roads policing,CID')
      .transform((value) => [...new Set(value.split(',').map((team) => team.trim()).filter(Boolean))]),
    SLA_POLICY: z
      .string()
      .default('emergency=5m,priority=1h,routine=24h')
      .transform((value, context) => parseSlaPolicy(value, context)),
    BROADCAST_AREA_TAGS: z
      .string()
      .default('North,South,East,West,Town centre')
      .transform((value) => [...new Set(value.split(',').map((tag) => tag.trim()).filter(Boolean))]),
    BROADCAST_APPROVAL_TEMPLATES: z
      .string()
      .default('missing_person,wanted_appeal,witness_appeal')
      .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean))
      .pipe(z.array(z.enum(BROADCAST_TEMPLATES))),
    BROADCAST_APPEAL_REMINDER_HOURS: z.coerce.number().positive().default(72),
    /** What a team can record as an escalation's outcome: `key=Label`, comma-separated. */
    ESCALATION_OUTCOMES: z
      .string()
      .default(
        'incident_created=Incident created,officer_deployed=Officer deployed,advice_given=Advice given,no_further_action=No further action,referred_to_partner=Referred to partner',
      )
      .transform((value, context) => parseOutcomeKinds(value, context)),
    INCIDENT_WEBHOOK_URL: z.string().url().optional(),
    INCIDENT_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    INCIDENT_TEAM: z.string().default('Control room'),
    INTEGRATION_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
    INTEGRATION_RETRY_DELAY_MS: z.coerce.number().int().min(1).default(5000),
    INTEGRATION_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** Single sign-on through the force's OpenID Connect provider (e.g. Microsoft Entra ID). */
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_REDIRECT_URL: z.string().url().optional(),
    OIDC_SCOPES: z.string().default('openid profile email'),
    OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
    OIDC_ROLE_MAP: z
      .string()
      .default('SocialDesk.Admin=admin,SocialDesk.Supervisor=supervisor,SocialDesk.Agent=agent')
      .transform((value, context) => parseClaimMap(value, context, AGENT_ROLES)),
    OIDC_TEAM_CLAIM: z.string().min(1).default('groups'),
    OIDC_TEAM_MAP: z
      .string()
      .default('')
      .transform((value, context) => parseClaimMap(value, context, null)),
    OIDC_BUTTON_LABEL: z.string().min(1).max(80).default('Sign in with your force account'),
    /** Days after closing that a thread's messages and its sender's details are purged; 0 keeps them. */
    RETENTION_CLOSED_DAYS: z.coerce.number().int().min(0).default(365),
    RETENTION_SWEEP_MINUTES: z.coerce.number().int().min(1).default(60),
    /** Days an outbound-webhook delivery log entry is kept once delivered or given up; 0 keeps them. */
    WEBHOOK_DELIVERY_LOG_DAYS: z.coerce.number().int().min(0).default(90),
    /** Largest image an agent may attach (bytes); X takes images up to 5 MB. */
    UPLOAD_MAX_BYTES: z.coerce.number().int().positive().max(5 * 1024 * 1024).default(5 * 1024 * 1024),
  })
  .superRefine((env, context) => {
    if (env.FACEBOOK_PAGE_ID) {
      for (const name of ['FACEBOOK_PAGE_ACCESS_TOKEN', 'FACEBOOK_APP_SECRET', 'FACEBOOK_VERIFY_TOKEN'] as const) {
        if (!env[name]) {
          context.addIssue({ code: 'custom', path: [name], message: 'is required when FACEBOOK_PAGE_ID is set' });
        }
      }
    }
    if (env.NODE_ENV === 'production' && !env.DATA_ENCRYPTION_KEY) {
      context.addIssue({ code: 'custom', path: ['DATA_ENCRYPTION_KEY'], message: 'is required in production' });
    }
    if (env.NODE_ENV === 'production' && env.INCIDENT_WEBHOOK_URL?.startsWith('http://')) {
      context.addIssue({ code: 'custom', path: ['INCIDENT_WEBHOOK_URL'], message: 'must be https:// in production' });
    }
    if (env.INCIDENT_WEBHOOK_URL && !env.INCIDENT_WEBHOOK_SECRET) {
      context.addIssue({ code: 'custom', path: ['INCIDENT_WEBHOOK_SECRET'], message: 'is required when INCIDENT_WEBHOOK_URL is set' });
    }
    if (env.OIDC_ISSUER) {
      for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const) {
        if (!env[name]) context.addIssue({ code: 'custom', path: [name], message: 'is required when OIDC_ISSUER is set' });
      }
      if (env.NODE_ENV === 'production' && !env.OIDC_ISSUER.startsWith('https://')) {
        context.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be https in production' });
      }
    }
    if (env.X_USER_ID) {
      for (const name of ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_TOKEN_SECRET'] as const) {
        if (!env[name]) context.addIssue({ code: 'custom', path: [name], message: 'is required when X_USER_ID is set' });
      }
    }
  });

/** 64 hex digits or base64 (either alphabet) of 32 bytes; null when it is neither. */
function decodeDataEncryptionKey(value: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return Buffer.from(value, 'base64');
  return null;
}

/**
 * Outside production the key may be left out: one is derived from SESSION_SECRET, so a developer's
 * desk needs no extra setting (changing SESSION_SECRET then makes stored webhook secrets unreadable).
 */
function dataEncryptionKey(env: { DATA_ENCRYPTION_KEY?: string | undefined; SESSION_SECRET: string }): Buffer {
  if (env.DATA_ENCRYPTION_KEY) return decodeDataEncryptionKey(env.DATA_ENCRYPTION_KEY)!;
  return Buffer.from(hkdfSync('sha256', env.SESSION_SECRET, '', 'social-desk data encryption key', 32));
}

/** "theft=CID,road_traffic=Roads Policing": each key = a team name, comma-separated. */
function parseTeamsByKey<Key extends string>(
  value: string,
  context: z.RefinementCtx,
  keys: readonly Key[],
  keyName: string,
): Partial<Record<Key, string>> {
  const teams: Partial<Record<Key, string>> = {};
  for (const pair of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [key, team] = pair.split('=').map((part) => part.trim());
    if (!keys.includes(key as Key) || !team) {
      context.addIssue({ code: 'custom', message: `"${pair}" is not <${keyName}>=<team>; ${keyName}s are ${keys.join(', ')}` });
      continue;
    }
    teams[key as Key] = team;
  }
  return teams;
}

/** `officer_deployed=Officer deployed,…`: keys are what is stored, labels what people read. */
function parseOutcomeKinds(value: string, context: z.RefinementCtx): Array<{ key: string; label: string }> {
  const kinds: Array<{ key: string; label: string }> = [];
  for (const pair of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [key, label] = pair.split('=').map((part) => part.trim());
    if (!key || !/^[a-z0-9_]{1,40}$/.test(key) || !label) {
      context.addIssue({ code: 'custom', message: `"${pair}" is not <key>=<label> (key: a-z, 0-9 and _)` });
      return z.NEVER;
    }
    if (!kinds.some((kind) => kind.key === key)) kinds.push({ key, label });
  }
  if (kinds.length === 0) context.addIssue({ code: 'custom', message: 'name at least one outcome' });
  return kinds;
}

/** "claim value=target,…": the targets are roles (when given) or team names. */
function parseClaimMap<Target extends string>(
  value: string,
  context: z.RefinementCtx,
  targets: readonly Target[] | null,
): Array<{ claimValue: string; target: Target }> {
  const entries: Array<{ claimValue: string; target: Target }> = [];
  for (const pair of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    const claimValue = pair.slice(0, at).trim();
    const target = pair.slice(at + 1).trim();
    if (at <= 0 || !target || (targets && !targets.includes(target as Target))) {
      context.addIssue({ code: 'custom', message: `"${pair}" is not <claim value>=<${targets ? targets.join('|') : 'team'}>` });
      continue;
    }
    entries.push({ claimValue, target: target as Target });
  }
  return entries;
}

const SLA_RISKS = RISK_LEVELS;
const SLA_CHANNELS = CHANNEL_TYPES;

export interface SlaTarget {
  /** null: every channel without a target of its own. */
  channel: (typeof SLA_CHANNELS)[number] | null;
  risk: (typeof SLA_RISKS)[number];
  minutes: number;
}

/** `emergency=5m,priority=1h,routine=24h,webchat.routine=4h`: minutes (m), hours (h) or days (d). */
function parseSlaPolicy(value: string, context: z.RefinementCtx): SlaTarget[] {
  const targets: SlaTarget[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^(?:([a-z_]+)\.)?([a-z]+)=(\d+)([mhd])$/.exec(entry);
    const channel = match?.[1] ?? null;
    const risk = match?.[2];
    const isKnownChannel = channel === null || (SLA_CHANNELS as readonly string[]).includes(channel);
    if (!match || !isKnownChannel || !(SLA_RISKS as readonly string[]).includes(risk!)) {
      context.addIssue({ code: 'custom', message: `cannot read "${entry}" (e.g. routine=24h or webchat.priority=30m)` });
      return z.NEVER;
    }
    const minutes = Number(match[3]) * { m: 1, h: 60, d: 1440 }[match[4] as 'm' | 'h' | 'd'];
    targets.push({ channel: channel as SlaTarget['channel'], risk: risk as SlaTarget['risk'], minutes });
  }
  return targets;
}

export interface FacebookConfig {
  pageId: string;
  pageName: string;
  pageAccessToken: string;
  appSecret: string;
  verifyToken: string;
  graphUrl: string;
  graphVersion: string;
  /** The force has Meta's Human Agent permission: replies with the HUMAN_AGENT tag up to 7 days. */
  humanAgentTagAllowed: boolean;
  /** Catch-up polling of the Conversations API; 0 turns it off. */
  pollIntervalMs: number;
  pollOverlapMs: number;
  rateLimitBackoffMs: number;
  /** An Instagram professional account linked to the Page: its DMs as a channel of their own (§9). */
  instagram: { accountId: string; displayName: string } | null;
}

export interface TwitterConfig {
  userId: string;
  accountName: string;
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
  apiUrl: string;
  /** Share (0–1] of the 300 DM reads per 15 minutes the poller may use. */
  pollShare: number;
  /** The account is subscribed to the Account Activity API: serve /webhooks/twitter. */
  hasAccountActivity: boolean;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  scopes: string;
  roleClaim: string;
  /** Claim values to roles; a user holding several gets the highest. */
  roleMap: Array<{ claimValue: string; target: AgentRole }>;
  teamClaim: string;
  /** Claim values (e.g. Entra group ids) to team names; a value naming a team directly needs no entry. */
  teamMap: Array<{ claimValue: string; target: string }>;
  buttonLabel: string;
}

export interface DeskConfig {
  environment: 'development' | 'production' | 'test';
  logLevel: string;
  roles: { web: boolean; worker: boolean };
  http: { host: string; port: number; webhookBodyLimit: string; clientDistDir: string };
  database: { url: string } | { pgliteDataDir: string | null };
  redis: { url: string; prefix: string };
  /** How long a job of a worker that died keeps its lock before another worker takes it. */
  jobStalledAfterMs: number;
  session: { secret: string; secureCookie: boolean };
  /** AES-256 key sealing stored secrets the desk must read back (DATA_ENCRYPTION_KEY). */
  dataEncryptionKey: Buffer;
  /** Single sign-on; null when only local accounts sign in. */
  oidc: OidcConfig | null;
  /** Closed threads older than this many days are purged; 0 turns retention off. */
  retention: { closedDays: number; deliveryLogDays: number; sweepMinutes: number };
  seedDemoAgents: boolean;
  facebook: FacebookConfig | null;
  twitter: TwitterConfig | null;
  triage: { rulesExtensionFile: string | null };
  acknowledgements: { isEnabled: boolean; periodMinutes: number; templatesFile: string | null };
  publicContact: {
    quickExitUrl: string;
    /** When the chat is staffed, UK time; null for a 24/7 desk. */
    deskHours: { opens: string; closes: string } | null;
    /** Shown outside desk hours instead of the built-in words, when set. */
    outOfHoursMessage: { en: string | null; cy: string | null };
    /** The team queue a new online report of each type starts in; types not listed get none. */
    reportTeams: Partial<Record<ReportType, string>>;
  };
  /** Teams threads are escalated to and queued for; created at start if missing. */
  teams: string[];
  /** Words and phrases no reply or broadcast may contain. */
  blockedPhrases: string[];
  /** Triage categories whose threads' replies wait for a supervisor's approval. */
  approvalCategories: TriageCategory[];
  routing: { defaultTeam: string | null; sweepMs: number; signedOffGraceMs: number };
  /** The team cleared to read restricted threads of each sensitive category. */
  restrictedCategoryTeams: Partial<Record<SensitiveCategory, string>>;
  /** First-response targets per risk (and per channel). */
  slaPolicy: SlaTarget[];
  broadcasts: {
    /** Districts, towns or postcodes a broadcast can be tagged with. */
    areaTags: string[];
    /** Templates whose broadcasts a supervisor must approve before they go out. */
    templatesNeedingApproval: BroadcastTemplate[];
    /** An appeal up longer than this is flagged: is it still needed? */
    reminderAfterHours: number;
  };
  escalations: {
    /** What a team records as an escalation's outcome, in the order offered. */
    outcomeKinds: Array<{ key: string; label: string }>;
  };
  integrations: {
    /** The command-and-control team (INCIDENT_TEAM): its escalations carry incident numbers. */
    incidentTeam: string;
    /** The force's command-and-control system: escalations to the incident team can ask it for an incident. */
    incident: { url: string; secret: string } | null;
    attempts: number;
    /** First retry after this long, doubling each time (BullMQ exponential backoff). */
    retryDelayMs: number;
    timeoutMs: number;
  };
  /** Images agents attach to replies and broadcasts. */
  uploads: { maxBytes: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the settings once, at start; the rest of the desk receives the typed result. */
export function loadConfig(environment: Record<string, string | undefined>): DeskConfig {
  const blankAsMissing = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string>;
  const fileProblems = readSecretFiles(blankAsMissing);
  const parsed = environmentSchema.safeParse(blankAsMissing);
  if (!parsed.success || fileProblems.length > 0) {
    throw new ConfigError([
      ...fileProblems,
      ...(parsed.error?.issues ?? []).map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    ]);
  }
  const env = parsed.data;
  return {
    environment: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    roles: { web: env.ROLES.includes('web'), worker: env.ROLES.includes('worker') },
    http: {
      host: env.HOST,
      port: env.PORT,
      webhookBodyLimit: env.WEBHOOK_BODY_LIMIT,
      clientDistDir: env.CLIENT_DIST_DIR,
    },
    database: env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDataDir: env.PGLITE_DATA_DIR },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    jobStalledAfterMs: env.JOB_STALLED_AFTER_MS,
    session: { secret: env.SESSION_SECRET, secureCookie: env.COOKIE_SECURE ?? env.NODE_ENV === 'production' },
    dataEncryptionKey: dataEncryptionKey(env),
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID!,
          clientSecret: env.OIDC_CLIENT_SECRET!,
          redirectUrl: env.OIDC_REDIRECT_URL!,
          scopes: env.OIDC_SCOPES,
          roleClaim: env.OIDC_ROLE_CLAIM,
          roleMap: env.OIDC_ROLE_MAP,
          teamClaim: env.OIDC_TEAM_CLAIM,
          teamMap: env.OIDC_TEAM_MAP,
          buttonLabel: env.OIDC_BUTTON_LABEL,
        }
      : null,
    retention: { closedDays: env.RETENTION_CLOSED_DAYS, deliveryLogDays: env.WEBHOOK_DELIVERY_LOG_DAYS, sweepMinutes: env.RETENTION_SWEEP_MINUTES },
    seedDemoAgents: env.SEED_DEMO_AGENTS,
    facebook: env.FACEBOOK_PAGE_ID
      ? {
          pageId: env.FACEBOOK_PAGE_ID,
          pageName: env.FACEBOOK_PAGE_NAME,
          pageAccessToken: env.FACEBOOK_PAGE_ACCESS_TOKEN!,
          appSecret: env.FACEBOOK_APP_SECRET!,
          verifyToken: env.FACEBOOK_VERIFY_TOKEN!,
          graphUrl: env.FACEBOOK_GRAPH_URL,
          graphVersion: env.FACEBOOK_GRAPH_VERSION,
          humanAgentTagAllowed: env.FACEBOOK_HUMAN_AGENT_TAG,
          pollIntervalMs: env.FACEBOOK_POLL_INTERVAL_MS,
          pollOverlapMs: env.FACEBOOK_POLL_OVERLAP_MS,
          rateLimitBackoffMs: env.FACEBOOK_RATE_LIMIT_BACKOFF_MS,
          instagram: env.FACEBOOK_INSTAGRAM_ACCOUNT_ID
            ? { accountId: env.FACEBOOK_INSTAGRAM_ACCOUNT_ID, displayName: env.FACEBOOK_INSTAGRAM_NAME }
            : null,
        }
      : null,
    twitter: env.X_USER_ID
      ? {
          userId: env.X_USER_ID,
          accountName: env.X_ACCOUNT_NAME,
          consumerKey: env.X_CONSUMER_KEY!,
          consumerSecret: env.X_CONSUMER_SECRET!,
          accessToken: env.X_ACCESS_TOKEN!,
          accessTokenSecret: env.X_ACCESS_TOKEN_SECRET!,
          apiUrl: env.X_API_URL,
          pollShare: env.X_POLL_SHARE,
          hasAccountActivity: env.X_ACCOUNT_ACTIVITY,
        }
      : null,
    triage: { rulesExtensionFile: env.TRIAGE_RULES_EXTENSION_FILE ?? null },
    acknowledgements: {
      isEnabled: env.AUTO_ACKNOWLEDGEMENT,
      periodMinutes: env.AUTO_REPLY_PERIOD_MINUTES,
      templatesFile: env.ACKNOWLEDGEMENT_TEMPLATES_FILE ?? null,
    },
    publicContact: {
      quickExitUrl: env.PUBLIC_QUICK_EXIT_URL,
      deskHours: env.PUBLIC_DESK_HOURS
        ? { opens: env.PUBLIC_DESK_HOURS.slice(0, 5), closes: env.PUBLIC_DESK_HOURS.slice(6) }
        : null,
      outOfHoursMessage: { en: env.PUBLIC_OUT_OF_HOURS_MESSAGE_EN ?? null, cy: env.PUBLIC_OUT_OF_HOURS_MESSAGE_CY ?? null },
      reportTeams: env.PUBLIC_REPORT_TEAMS,
    },
    teams: env.TEAMS,
    blockedPhrases: env.BLOCKED_PHRASES,
    approvalCategories: env.APPROVAL_CATEGORIES,
    routing: { defaultTeam: env.ROUTING_DEFAULT_TEAM || null, sweepMs: env.ROUTING_SWEEP_MS, signedOffGraceMs: env.ROUTING_SIGNED_OFF_GRACE_MS },
    restrictedCategoryTeams: env.RESTRICTED_CATEGORY_TEAMS,
    slaPolicy: env.SLA_POLICY,
    broadcasts: {
      areaTags: env.BROADCAST_AREA_TAGS,
      templatesNeedingApproval: env.BROADCAST_APPROVAL_TEMPLATES,
      reminderAfterHours: env.BROADCAST_APPEAL_REMINDER_HOURS,
    },
    escalations: { outcomeKinds: env.ESCALATION_OUTCOMES },
    integrations: {
      incidentTeam: env.INCIDENT_TEAM,
      incident: env.INCIDENT_WEBHOOK_URL ? { url: env.INCIDENT_WEBHOOK_URL, secret: env.INCIDENT_WEBHOOK_SECRET! } : null,
      attempts: env.INTEGRATION_ATTEMPTS,
      retryDelayMs: env.INTEGRATION_RETRY_DELAY_MS,
      timeoutMs: env.INTEGRATION_TIMEOUT_MS,
    },
    uploads: { maxBytes: env.UPLOAD_MAX_BYTES },
  };
}

/**
 * Settings holding a credential. Each may be given as `<NAME>_FILE`, the path of a file holding it
 * (Docker and Kubernetes secrets), so it need not sit in the environment; none is ever logged or
 * sent to a browser, and `describeConfig` hides them.
 */
export const SECRET_SETTINGS = [
  'SESSION_SECRET',
  'DATA_ENCRYPTION_KEY',
  'DATABASE_URL',
  'FACEBOOK_PAGE_ACCESS_TOKEN',
  'FACEBOOK_APP_SECRET',
  'FACEBOOK_VERIFY_TOKEN',
  'X_CONSUMER_KEY',
  'X_CONSUMER_SECRET',
  'X_ACCESS_TOKEN',
  'X_ACCESS_TOKEN_SECRET',
  'OIDC_CLIENT_SECRET',
] as const;

/** Moves each `<NAME>_FILE`'s content into NAME; returns what could not be read. */
function readSecretFiles(environment: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const name of SECRET_SETTINGS) {
    const file = environment[`${name}_FILE`];
    if (!file) continue;
    if (environment[name]) {
      problems.push(`${name}: set either ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      const value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      if (value) environment[name] = value;
    } catch (error) {
      problems.push(`${name}_FILE: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return problems;
}

const SECRET_FIELDS = new Set(['secret', 'dataEncryptionKey', 'pageAccessToken', 'appSecret', 'verifyToken', 'consumerKey', 'consumerSecret', 'accessToken', 'accessTokenSecret', 'clientSecret']);

/** The configuration with every credential replaced by "[hidden]", safe to log or show an operator. */
export function describeConfig(config: DeskConfig): unknown {
  const hide = (value: unknown, key: string): unknown => {
    if (SECRET_FIELDS.has(key) && (typeof value === 'string' || Buffer.isBuffer(value))) return '[hidden]';
    if (key === 'database' && value && typeof value === 'object' && 'url' in value) return { url: hideUrlPassword(String(value.url)) };
    if (Array.isArray(value)) return value.map((item) => hide(item, ''));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v, k)]));
    return value;
  };
  return hide(config, '');
}

function hideUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = 'hidden';
    return parsed.toString();
  } catch {
    return '[hidden]';
  }
}
