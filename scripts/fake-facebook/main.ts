// Runs the fake Facebook on its own, with demo traffic: `npx tsx scripts/fake-facebook/main.ts`.
// Everything is configured here, once, from the environment.
import { z } from 'zod';
import { startFakeFacebook } from './server';
import { DEFAULT_SAMPLE_PATH, loadSampleTexts, startTrafficSimulator } from './simulator';

const config = z
  .object({
    FAKE_FACEBOOK_PORT: z.coerce.number().int().min(0).default(0),
    FACEBOOK_APP_SECRET: z.string().min(1).default('fake-app-secret'),
    FACEBOOK_PAGE_ID: z.string().regex(/^\d+$/).default('100200300400500'),
    FACEBOOK_PAGE_ACCESS_TOKEN: z.string().min(1).default('fake-page-token'),
    FAKE_FACEBOOK_WEBHOOK_URL: z.url().default('http://127.0.0.1:3000/webhooks/facebook'),
    FAKE_FACEBOOK_MESSAGES_PER_MINUTE: z.coerce.number().positive().default(6),
    FAKE_FACEBOOK_SAMPLES: z.string().default(DEFAULT_SAMPLE_PATH),
  })
  .parse(process.env);

const fake = await startFakeFacebook({
  appSecret: config.FACEBOOK_APP_SECRET,
  pageId: config.FACEBOOK_PAGE_ID,
  pageAccessToken: config.FACEBOOK_PAGE_ACCESS_TOKEN,
  webhookUrl: config.FAKE_FACEBOOK_WEBHOOK_URL,
  port: config.FAKE_FACEBOOK_PORT,
});
console.log(`fake-facebook: Graph API at ${fake.baseUrl}, webhooks to ${config.FAKE_FACEBOOK_WEBHOOK_URL}`);

let texts: string[] = [];
try {
  texts = loadSampleTexts(config.FAKE_FACEBOOK_SAMPLES);
} catch (error) {
  console.warn(`fake-facebook: using built-in messages only; could not read samples: ${String(error)}`);
}
const simulator = startTrafficSimulator({
  fake,
  messagesPerMinute: config.FAKE_FACEBOOK_MESSAGES_PER_MINUTE,
  texts,
  log: (line) => console.log(line),
});

process.once('SIGINT', () => {
  simulator.stop();
  void fake.close().then(() => process.exit(0));
});
