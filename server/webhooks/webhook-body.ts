import { HttpError } from '../http/errors';

/**
 * Parses a verified webhook body and normalises it: bad JSON and an envelope the connector cannot
 * read are the sender's fault (400), anything else is ours.
 */
export function readWebhookBody<Result>(
  rawBody: Buffer,
  normalise: (payload: unknown) => Result,
  isMalformed: (error: unknown) => error is Error,
): Result {
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed_json', 'The body is not valid JSON.');
  }
  try {
    return normalise(payload);
  } catch (error) {
    if (isMalformed(error)) throw new HttpError(400, 'malformed_event', error.message);
    throw error;
  }
}
