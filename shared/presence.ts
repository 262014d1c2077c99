import { z } from 'zod';

export const presenceResponseSchema = z.object({
  /** Agents with the inbox open now; `isAway` when they said they stepped away. */
  onShift: z.array(z.object({ id: z.string(), name: z.string(), isAway: z.boolean() })),
  /** Threads waiting in each team's queue (new, open or pending). */
  queues: z.array(z.object({ teamId: z.string(), teamName: z.string(), waiting: z.number() })),
});
export type PresenceResponse = z.infer<typeof presenceResponseSchema>;

export const availabilityRequestSchema = z.object({ isAway: z.boolean() });
export type AvailabilityRequest = z.infer<typeof availabilityRequestSchema>;
