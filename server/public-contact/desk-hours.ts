/** Whether the desk is staffed at this moment, with hours given in UK time (GMT or BST). */
export function isWithinDeskHours(hours: { opens: string; closes: string } | null, at: Date): boolean {
  if (!hours) return true; // a 24/7 desk
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const now = `${parts.find((part) => part.type === 'hour')!.value}:${parts.find((part) => part.type === 'minute')!.value}`;
  // "22:00-06:00" is a night desk: open after opening OR before closing.
  return hours.opens <= hours.closes ? now >= hours.opens && now < hours.closes : now >= hours.opens || now < hours.closes;
}
