import express from 'express';

// The yardstick of `npm run bench`: the least an Express app can do with a webhook POST — read
// the raw body and answer 200 — on 127.0.0.1:BARE_EXPRESS_PORT.
const app = express();
app.post('/webhooks/facebook', express.raw({ type: () => true, limit: '1mb' }), (_request, response) => {
  response.status(200).type('text/plain').send('EVENT_RECEIVED');
});
app.get('/readyz', (_request, response) => {
  response.send('ok');
});
app.listen(Number(process.argv[2]), '127.0.0.1');
