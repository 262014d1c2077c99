import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../server/config';
import { startDesk } from '../server/desk';
import { createLogger } from '../server/logger';
import { startFakeFacebook } from './fake-facebook/server';
import { DEFAULT_SAMPLE_PATH, loadSampleTexts, startTrafficSimulator } from './fake-facebook/simulator';
import { startFakeX } from './fake-x/server';
import { startXTrafficSimulator } from './fake-x/simulator';
import { ensureRedis } from './services/redis';

// `npm run demo`: the whole desk on one machine, with a fake Facebook Page sending it traffic.
// `npm run demo -- --reset` forgets the demo data (and its agents) first.
const startedAt = Date.now();
const DEMO_PAGE = { id: '100200300400500', token: 'demo-page-token', secret: 'demo-app-secret', verifyToken: 'demo-verify-token' };
const DEMO_X = {
  userId: '1578398451921985538',
  consumerKey: 'demo-x-consumer-key',
  consumerSecret: 'demo-x-consumer-secret',
  accessToken: 'demo-x-access-token',
  accessTokenSecret: 'demo-x-access-secret',
};

if (process.argv.includes('--reset')) rmSync('.data/pglite', { recursive: true, force: true });
const redis = await ensureRedis();
const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

// Echoes on, as a real Page subscribed to message_echoes: the desk matches them to its own replies.
const facebook = await startFakeFacebook({ appSecret: DEMO_PAGE.secret, pageId: DEMO_PAGE.id, pageAccessToken: DEMO_PAGE.token, deliverEchoes: true });
// A polling-only X account: its DMs reach the desk through the poller, as most accounts' do.
const x = await startFakeX({ ...DEMO_X, name: 'Anytown Police' });
let config;
try {
  config = loadConfig({
    SEED_DEMO_AGENTS: 'true',
    SESSION_SECRET: demoSessionSecret(),
    FACEBOOK_PAGE_ID: DEMO_PAGE.id,
    FACEBOOK_PAGE_NAME: 'Anytown Police (demo)',
    FACEBOOK_PAGE_ACCESS_TOKEN: DEMO_PAGE.token,
    FACEBOOK_APP_SECRET: DEMO_PAGE.secret,
    FACEBOOK_VERIFY_TOKEN: DEMO_PAGE.verifyToken,
    X_USER_ID: DEMO_X.userId,
    X_ACCOUNT_NAME: '@anytownpolice (demo)',
    X_CONSUMER_KEY: DEMO_X.consumerKey,
    X_CONSUMER_SECRET: DEMO_X.consumerSecret,
    X_ACCESS_TOKEN: DEMO_X.accessToken,
    X_ACCESS_TOKEN_SECRET: DEMO_X.accessTokenSecret,
    ...process.env,
    REDIS_URL: redis.url,
    FACEBOOK_GRAPH_URL: facebook.baseUrl,
    X_API_URL: x.baseUrl,
  });
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  process.exit(78);
}
const logger = createLogger(config.logLevel);
const desk = await startDesk(config, logger);
facebook.setWebhookUrl(`${desk.url}/webhooks/facebook`);

const messagesPerMinute = Number(process.env.DEMO_MESSAGES_PER_MINUTE ?? 6);
const simulator = startTrafficSimulator({
  fake: facebook,
  messagesPerMinute,
  texts: existsSync(DEFAULT_SAMPLE_PATH) ? loadSampleTexts(DEFAULT_SAMPLE_PATH) : [],
});
const xSimulator = startXTrafficSimulator({
  fake: x,
  messagesPerMinute: messagesPerMinute / 2,
  texts: existsSync(DEFAULT_SAMPLE_PATH) ? loadSampleTexts(DEFAULT_SAMPLE_PATH) : [],
});

console.log(`
Social Desk demo is ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s
  Open       ${desk.url}
  Database   ${desk.database.kind === 'pglite' ? 'PGlite, embedded (data in .data/pglite)' : 'PostgreSQL server (DATABASE_URL)'}
  Redis      ${redis.url}${redis.isOwned ? ' (started by the demo)' : ''}
  Traffic    about ${messagesPerMinute} simulated Facebook messages a minute (DEMO_MESSAGES_PER_MINUTE)
             and half as many X DMs${config.twitter ? `, read by polling the fake X API every ${Math.round(900 / (300 * config.twitter.pollShare))} s` : ' (X is switched off: X_USER_ID is empty)'}`);
if (desk.seededAccounts.length > 0) {
  console.log('  Sign in as (shown once; `npm run demo -- --reset` makes new ones; the supervisor is cleared for restricted threads, the agent is not):');
  for (const account of desk.seededAccounts) console.log(`             ${account.email}  password: ${account.password}`);
} else {
  console.log('  Sign in with the demo accounts printed at the first start, or `npm run demo -- --reset` for new ones.');
}
console.log('  Stop with Ctrl+C.\n');

const stop = async () => {
  simulator.stop();
  xSimulator.stop();
  await desk.close();
  await facebook.close();
  await x.close();
  await redis.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

/** Kept under .data so a restarted demo keeps its agents signed in. */
function demoSessionSecret(): string {
  const file = '.data/demo-session-secret';
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync('.data', { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
