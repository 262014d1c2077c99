import type { ContactView } from '../../shared/api';
import type { ChannelType, DeliveryStatus, RiskLevel, ThreadStatus } from '../../shared/constants';

/** Words the desk uses for each shared constant. Records, so a new constant fails the build here. */

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  facebook: 'Facebook',
  twitter: 'X',
  webchat: 'Web chat',
  report_form: 'Online report',
  instagram: 'Instagram',
};

export const RISK_LABELS: Record<RiskLevel, string> = {
  emergency: 'Emergency',
  priority: 'Priority',
  routine: 'Routine',
};

export const STATUS_LABELS: Record<ThreadStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  escalated: 'Escalated',
  closed: 'Closed',
};

/** How an outbound message's delivery reads; `failed` adds the reason, so it has no fixed words. */
export const DELIVERY_LABELS: Record<Exclude<DeliveryStatus, 'failed'>, string> = {
  received: 'Received',
  queued: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};

export function contactName(contact: ContactView): string {
  return contact.displayName?.trim() || contact.handle?.trim() || 'Unknown sender';
}
