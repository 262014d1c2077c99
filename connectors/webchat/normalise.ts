import type { InboundEvent } from '../../shared/inbound';
import type { ParsedReport, ReportType, VisitorMessage } from '../../shared/public-contact';

// The public pages post already-validated shapes (shared/public-contact.ts); here they become the
// same InboundEvent a Facebook DM becomes. platformMessageId is built from the browser's client
// id, so a message resent after a lost acknowledgement is stored once.

export function normaliseChatMessage(accountId: string, conversationId: string, message: VisitorMessage, sentAt: Date): InboundEvent {
  return {
    channel: 'webchat',
    accountId,
    platformMessageId: `${conversationId}/${message.clientId}`,
    platformConversationId: conversationId,
    // No name is asked for before chatting: the inbox shows the channel's word for them.
    sender: { platformUserId: conversationId, displayName: 'Web chat visitor', handle: null },
    text: message.text,
    attachments: [],
    sentAt: sentAt.toISOString(),
  };
}

const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  antisocial_behaviour: 'Antisocial behaviour',
  theft: 'Theft',
  criminal_damage: 'Criminal damage',
  road_traffic: 'Road traffic matter',
  other: 'Something else',
};

/** The report as one message, laid out for an agent to read top to bottom. */
export function normaliseReport(
  accountId: string,
  conversationId: string,
  report: ParsedReport,
  sentAt: Date,
  teamName?: string,
): InboundEvent {
  const lines = [
    `Online report: ${REPORT_TYPE_LABELS[report.type]}`,
    `What happened: ${report.whatHappened}`,
    `When: ${report.when}`,
    `Where: ${report.where}`,
    `Suspect or vehicle: ${report.suspectOrVehicle || 'none given'}`,
    `Contact: ${describeContact(report)}`,
    `Language: ${report.language === 'cy' ? 'Welsh' : 'English'}`,
  ];
  return {
    channel: 'report_form',
    accountId,
    platformMessageId: `${conversationId}/report`,
    platformConversationId: conversationId,
    sender: { platformUserId: conversationId, displayName: report.name || null, handle: null },
    text: lines.join('\n'),
    attachments: [],
    sentAt: sentAt.toISOString(),
    ...(teamName ? { teamName } : {}),
  };
}

export function normaliseReportAddition(
  accountId: string,
  conversationId: string,
  addition: { clientId: string; text: string },
  sentAt: Date,
): InboundEvent {
  return {
    channel: 'report_form',
    accountId,
    platformMessageId: `${conversationId}/${addition.clientId}`,
    platformConversationId: conversationId,
    sender: { platformUserId: conversationId, displayName: null, handle: null },
    text: `Added by the reporter: ${addition.text}`,
    attachments: [],
    sentAt: sentAt.toISOString(),
  };
}

function describeContact(report: ParsedReport): string {
  if (report.contactPreference === 'none') return 'does not want to be contacted';
  return `by ${report.contactPreference}${report.contactDetail ? `: ${report.contactDetail}` : ' (no detail given)'}`;
}
