import { z } from 'zod';
import { REPORT_TYPES, type ReportType } from '../shared/public-contact';
import { CHANNEL_TYPES, RISK_LEVELS, SENSITIVE_CATEGORIES, type SensitiveCategory } from '../shared/constants';
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
  })
  .superRefine((env, context) => {
    if (env.FACEBOOK_PAGE_ID) {
      for (const name of ['FACEBOOK_PAGE_ACCESS_TOKEN', 'FACEBOOK_APP_SECRET', 'FACEBOOK_VERIFY_TOKEN'] as const) {
        if (!env[name]) {
          context.addIssue({ code: 'custom', path: [name], message: 'is required when FACEBOOK_PAGE_ID is set' });
        }
      }
    }
    if (env.X_USER_ID) {
      for (const name of ['X_CONSUMER_KEY', 'X_CONSUMER_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_TOKEN_SECRET'] as const) {
        if (!env[name]) context.addIssue({ code: 'custom', path: [name], message: 'is required when X_USER_ID is set' });
      }
    }
  });

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
  );
  const parsed = environmentSchema.safeParse(blankAsMissing);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
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
    restrictedCategoryTeams: env.RESTRICTED_CATEGORY_TEAMS,
    slaPolicy: env.SLA_POLICY,
    broadcasts: {
      areaTags: env.BROADCAST_AREA_TAGS,
      templatesNeedingApproval: env.BROADCAST_APPROVAL_TEMPLATES,
      reminderAfterHours: env.BROADCAST_APPEAL_REMINDER_HOURS,
    },
  };
}
