/** SES notifications in the shape SES publishes them (see dev/ses-notifications.ts). */
export { bounceNotification, complaintNotification, deliveryNotification, snsEventOf } from '../../dev/ses-notifications.ts';
