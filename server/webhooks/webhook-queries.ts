import { z } from 'zod';

/** Meta's subscription check (`GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`); a wrong token is answered 403 by the route. */
export const subscriptionChallengeQuerySchema = z.object({
  'hub.mode': z.string().max(40).optional(),
  'hub.verify_token': z.string().max(500).optional(),
  'hub.challenge': z.string().max(500).optional(),
});

/** X's challenge-response check (`GET ?crc_token=…`). */
export const crcQuerySchema = z.object({ crc_token: z.string().min(1, 'crc_token is required').max(500) });
