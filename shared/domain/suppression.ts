/**
 * Email suppression: an address that bounced for good, or whose owner complained (marked our mail
 * as spam), is never emailed again, whatever asks for it (a consent request, its reminder, a
 * sign-in link). Mailing such addresses is what gets an SES account paused. This module reads
 * SES's notifications; it has no AWS imports.
 */
export type SuppressionReason = 'bounced' | 'complained';

/** What one SES notification means for the service. */
export type SesNotice =
  | { kind: 'bounce'; permanent: boolean; recipients: string[]; subType?: string; feedbackId?: string; diagnosticCode?: string; messageId?: string; tags: Record<string, string> }
  | { kind: 'complaint'; recipients: string[]; feedbackType?: string; feedbackId?: string; messageId?: string; tags: Record<string, string> }
  | { kind: 'delivery'; recipients: string[]; messageId?: string; tags: Record<string, string> }
  | { kind: 'other'; type: string; messageId?: string };

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const addresses = (list: unknown, field: string): string[] =>
  (Array.isArray(list) ? list : []).flatMap((entry) => {
    const address = field ? str(obj(entry)[field]) : str(entry);
    return address ? [address] : [];
  });

/**
 * Reads the message of an SES notification as SES publishes it to SNS: an event of a
 * configuration set (`eventType`) or an identity notification (`notificationType`), Bounce,
 * Complaint or Delivery; anything else is `other`. The message tags the service sent with the
 * email (`mail.tags`, e.g. `requestId`) come back with it, one value each. Throws on a message
 * that is not such a notification at all.
 */
export function readSesNotification(message: string): SesNotice {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw new Error('SES notification: the message is not JSON');
  }
  const body = obj(parsed);
  const type = str(body.eventType) ?? str(body.notificationType);
  if (!type) throw new Error('SES notification: neither eventType nor notificationType');
  const mail = obj(body.mail);
  const messageId = str(mail.messageId);
  const tags = Object.fromEntries(
    Object.entries(obj(mail.tags)).flatMap(([name, values]) => {
      const first = Array.isArray(values) ? str(values[0]) : str(values);
      return first ? [[name, first]] : [];
    }),
  );
  switch (type) {
    case 'Bounce': {
      const bounce = obj(body.bounce);
      const recipients = Array.isArray(bounce.bouncedRecipients) ? bounce.bouncedRecipients : [];
      return {
        kind: 'bounce',
        permanent: bounce.bounceType === 'Permanent',
        recipients: addresses(recipients, 'emailAddress'),
        subType: str(bounce.bounceSubType),
        feedbackId: str(bounce.feedbackId),
        diagnosticCode: str(obj(recipients[0]).diagnosticCode),
        messageId,
        tags,
      };
    }
    case 'Complaint': {
      const complaint = obj(body.complaint);
      return { kind: 'complaint', recipients: addresses(complaint.complainedRecipients, 'emailAddress'), feedbackType: str(complaint.complaintFeedbackType), feedbackId: str(complaint.feedbackId), messageId, tags };
    }
    case 'Delivery':
      return { kind: 'delivery', recipients: addresses(obj(body.delivery).recipients, ''), messageId, tags };
    default:
      return { kind: 'other', type, messageId };
  }
}

/**
 * Which addresses a notice suppresses, and why: every recipient of a permanent bounce (the
 * address does not exist, or SES itself keeps it suppressed), every recipient of a complaint
 * unless the feedback says it is not spam. Transient bounces (a full mailbox, a greylisting
 * server) suppress nothing: SES retried them already and the next email may well arrive.
 */
export function suppressionsOf(notice: SesNotice): { email: string; reason: SuppressionReason }[] {
  if (notice.kind === 'bounce' && notice.permanent) return notice.recipients.map((email) => ({ email, reason: 'bounced' as const }));
  if (notice.kind === 'complaint' && notice.feedbackType !== 'not-spam') return notice.recipients.map((email) => ({ email, reason: 'complained' as const }));
  return [];
}
