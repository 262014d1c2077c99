import { z } from 'zod';

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
    CLIENT_DIST_DIR: z.string().default('dist/client'),
    TEAMS: z
      .string()
      .default('Control room,Safeguarding,Roads policing,CID')
      .transform((value) => [...new Set(value.split(',').map((team) => team.trim()).filter(Boolean))]),
    SLA_POLICY: z
      .string()
      .default('emergency=5m,priority=1h,routine=24h')
      .transform((value, context) => parseSlaPolicy(value, context)),
  })
  .superRefine((env, context) => {
    if (!env.FACEBOOK_PAGE_ID) return;
    for (const name of ['FACEBOOK_PAGE_ACCESS_TOKEN', 'FACEBOOK_APP_SECRET', 'FACEBOOK_VERIFY_TOKEN'] as const) {
      if (!env[name]) {
        context.addIssue({ code: 'custom', path: [name], message: 'is required when FACEBOOK_PAGE_ID is set' });
      }
    }
  });

const SLA_RISKS = ['emergency', 'priority', 'routine'] as const;
const SLA_CHANNELS = ['facebook', 'twitter', 'webchat', 'report_form'] as const;

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
}

export interface DeskConfig {
  environment: 'development' | 'production' | 'test';
  logLevel: string;
  roles: { web: boolean; worker: boolean };
  http: { host: string; port: number; webhookBodyLimit: string; clientDistDir: string };
  database: { url: string } | { pgliteDataDir: string | null };
  redis: { url: string; prefix: string };
  session: { secret: string; secureCookie: boolean };
  seedDemoAgents: boolean;
  facebook: FacebookConfig | null;
  /** Teams threads are escalated to and queued for; created at start if missing. */
  teams: string[];
  /** First-response targets per risk (and per channel). */
  slaPolicy: SlaTarget[];
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
        }
      : null,
    teams: env.TEAMS,
    slaPolicy: env.SLA_POLICY,
  };
}
