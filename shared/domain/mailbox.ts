import { normalizeEmail } from './directory.ts';

/**
 * Mail providers that deliver `a.b@` and `ab@` to one mailbox (dots in the local part are
 * ignored), with the domain each delivers as. Kept small and explicit: only providers that say so
 * in their own documentation. Gmail: "Gmail doesn't recognize dots as characters within
 * usernames", and googlemail.com is the same service. Outlook.com, Yahoo, iCloud and Microsoft 365
 * domains keep dots significant, so they are not here.
 */
export const DOTS_IGNORED_BY: Readonly<Record<string, string>> = {
  'gmail.com': 'gmail.com',
  'googlemail.com': 'gmail.com',
};

/**
 * The mailbox an address is delivered to, as the per-recipient rate limits count it (API.md "Rate
 * limits"): case folded, a `+tag` dropped (every address, whatever its provider: counting a tagged
 * address as its base can only make a limit stricter, never let it be dodged), and for the
 * providers of `DOTS_IGNORED_BY` the dots of the local part dropped and the domain unified. So
 * `A.B+x@GoogleMail.com` and `ab@gmail.com` are one key. A local part that is only a tag (`+x@`)
 * keeps it, so no two different addresses become an empty one.
 *
 * Only for counting: mail is sent to the address as given, and the stored address stays as given.
 */
export function mailboxOf(email: string): string {
  const address = normalizeEmail(email);
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1).replace(/\.$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const unified = DOTS_IGNORED_BY[domain];
  if (unified !== undefined) {
    const undotted = local.replaceAll('.', '');
    if (undotted !== '') local = undotted;
    domain = unified;
  }
  return `${local}@${domain}`;
}
