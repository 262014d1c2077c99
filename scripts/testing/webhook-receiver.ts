import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: any;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** The next answers, in order (then 200 with `defaultBody`): e.g. [{ status: 500 }] for one failure. */
  answerNext(...answers: Array<{ status: number; body?: unknown }>): void;
  defaultBody: unknown;
  close(): Promise<void>;
}

/** A real HTTP server standing in for the force's C&C system or an integration, for tests. */
export async function startWebhookReceiver(defaultBody: unknown = { received: true }): Promise<WebhookReceiver> {
  const queued: Array<{ status: number; body?: unknown }> = [];
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answerNext: (...answers) => void queued.push(...answers),
    defaultBody,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = null;
      }
      receiver.received.push({ headers: request.headers, rawBody, body });
      const answer = queued.shift() ?? { status: 200, body: receiver.defaultBody };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body ?? { error: 'try later' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
