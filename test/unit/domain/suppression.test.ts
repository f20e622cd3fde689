import { describe, expect, it } from 'vitest';
import { readSesNotification, suppressionsOf } from '#shared/domain/suppression.ts';
import { bounceNotification, complaintNotification, deliveryNotification } from '../../support/ses-events.ts';

const read = (notification: unknown) => readSesNotification(JSON.stringify(notification));

describe('SES notifications and suppression', () => {
  it('a permanent bounce suppresses every bounced recipient, with its subtype and the tags the email was sent with', () => {
    const notice = read(bounceNotification(['a@x.example', 'b@x.example'], { tags: { requestId: 'cr_0123456789abcdef01234567', email: 'reminder' } }));
    expect(notice).toMatchObject({ kind: 'bounce', permanent: true, recipients: ['a@x.example', 'b@x.example'], subType: 'General', tags: { requestId: 'cr_0123456789abcdef01234567', email: 'reminder' } });
    expect(suppressionsOf(notice)).toEqual([
      { email: 'a@x.example', reason: 'bounced' },
      { email: 'b@x.example', reason: 'bounced' },
    ]);
  });

  it('a transient or undetermined bounce, or a delivery, suppresses nothing', () => {
    expect(suppressionsOf(read(bounceNotification(['a@x.example'], { bounceType: 'Transient' })))).toEqual([]);
    expect(suppressionsOf(read(bounceNotification(['a@x.example'], { bounceType: 'Undetermined' })))).toEqual([]);
    expect(read(deliveryNotification(['a@x.example']))).toMatchObject({ kind: 'delivery', recipients: ['a@x.example'] });
    expect(suppressionsOf(read(deliveryNotification(['a@x.example'])))).toEqual([]);
  });

  it('a complaint suppresses, unless its feedback type is not-spam', () => {
    expect(suppressionsOf(read(complaintNotification(['a@x.example'])))).toEqual([{ email: 'a@x.example', reason: 'complained' }]);
    expect(suppressionsOf(read(complaintNotification(['a@x.example'], { feedbackType: 'not-spam' })))).toEqual([]);
  });

  it('reads identity notifications (notificationType) like configuration set events (eventType)', () => {
    const { eventType: _type, ...rest } = bounceNotification(['a@x.example']);
    expect(read({ notificationType: 'Bounce', ...rest })).toMatchObject({ kind: 'bounce', permanent: true, recipients: ['a@x.example'] });
    expect(read({ notificationType: 'AmazonSnsSubscriptionSucceeded', message: 'ok' })).toEqual({ kind: 'other', type: 'AmazonSnsSubscriptionSucceeded' });
  });

  it('throws on a message that is not an SES notification', () => {
    expect(() => readSesNotification('<html>')).toThrow(/not JSON/);
    expect(() => readSesNotification('{"a":1}')).toThrow(/eventType/);
  });
});
