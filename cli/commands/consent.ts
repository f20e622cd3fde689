import { Command, Option } from 'commander';
import { type JsonBody, newIdempotencyKey, ok, pages, type Schemas, sleep, UsageError } from '../client.ts';
import { asSent, contextOf, list, positive, table } from '../context.ts';

type RequestStatus = Schemas['consentRequest']['status'];
type DelegatedRole = NonNullable<JsonBody<'/v1/consent-requests', 'post'>['delegatedAdmin']>['roles'][number];
// `satisfies`: a choice the document does not know fails the compile.
const STATUSES = ['pending', 'accepted', 'declined', 'expired', 'cancelled'] as const satisfies readonly RequestStatus[];

/** `consent request|list|get|cancel|wait|link`: a partner's consent requests (DEVICE_CONSENT_KEY). */
export const consent = new Command('consent').description('Partners: consent requests');

consent
  .command('request')
  .description('Ask a customer for consent (an Idempotency-Key is made for you)')
  .requiredOption('--email <recipient>', "the customer's global administrator")
  .option('--domain <tenantDomain>', "the customer's domain")
  .option('--roles <list>', 'delegated admin roles, comma-separated (e.g. IntuneAdministrator)', list)
  .option('--days <n>', 'delegated admin duration in days (1-730)', positive)
  .option('--auto-extend', 'extend the roles by 180 days at each end until the customer turns it off (R31)')
  .option('--message <text>', 'a message shown to the customer')
  .option('--idempotency-key <key>', 'to retry a request safely (default: a new one)')
  .action(async (o: { email: string; domain?: string; roles?: string[]; days?: number; autoExtend?: boolean; message?: string; idempotencyKey?: string }, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(
      partnerApi().POST('/v1/consent-requests', {
        params: { header: { 'Idempotency-Key': o.idempotencyKey ?? newIdempotencyKey() } },
        body: {
          recipientEmail: o.email,
          ...(o.domain ? { tenantDomain: o.domain } : {}),
          ...(o.roles ? { delegatedAdmin: { roles: asSent<DelegatedRole>(o.roles), durationDays: o.days ?? 30, ...(o.autoExtend ? { autoExtend: true } : {}) } } : {}),
          ...(o.message ? { message: o.message } : {}),
        },
      }),
    );
    const r = body.consentRequest;
    print(r, () => `consent request ${r.id}: ${r.status}, email ${r.email.status}; expires ${r.expiresAt}\nwait for the answer: device-consent consent wait ${r.id}`);
  });

consent
  .command('list')
  .description('Your consent requests, newest first')
  .addOption(new Option('--status <status>').choices(STATUSES))
  .option('--limit <n>', 'at most this many', positive, 50)
  .action(async (o: { status?: RequestStatus; limit: number }, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const api = partnerApi();
    const items: Schemas['consentRequest'][] = [];
    for await (const r of pages((cursor) => ok(api.GET('/v1/consent-requests', { params: { query: { status: o.status, limit: Math.min(o.limit, 100), cursor } } })))) {
      items.push(r);
      if (items.length >= o.limit) break;
    }
    print(items, () => table(items, ['id', 'status', 'recipientEmail', 'tenantId', 'createdAt']));
  });

consent
  .command('get <requestId>')
  .description('One consent request')
  .action(async (id: string, _o: object, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().GET('/v1/consent-requests/{requestId}', { params: { path: { requestId: id } } }));
    print(body.consentRequest, () => table([{ ...body.consentRequest, email: body.consentRequest.email.status }], ['id', 'status', 'recipientEmail', 'tenantId', 'email', 'expiresAt']));
  });

consent
  .command('cancel <requestId>')
  .description('Cancel a pending consent request')
  .action(async (id: string, _o: object, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().DELETE('/v1/consent-requests/{requestId}', { params: { path: { requestId: id } } }));
    print(body.consentRequest, () => `consent request ${id}: ${body.consentRequest.status}`);
  });

consent
  .command('wait <requestId>')
  .description('Wait until the customer answers; exit 0 when accepted, 2 when declined, expired or cancelled')
  .option('--timeout <seconds>', 'give up after this long (exit 1)', positive, 600)
  .option('--interval <seconds>', 'poll every this many seconds', positive, 2)
  .action(async (id: string, o: { timeout: number; interval: number }, command: Command) => {
    const { partnerApi, print, partial } = contextOf(command);
    const api = partnerApi();
    const end = Date.now() + o.timeout * 1000;
    for (;;) {
      const { consentRequest: r } = await ok(api.GET('/v1/consent-requests/{requestId}', { params: { path: { requestId: id } } }));
      if (r.status !== 'pending') {
        print(r, () => `consent request ${id}: ${r.status}${r.tenantId ? ` (tenant ${r.tenantId})` : ''}`);
        if (r.status !== 'accepted') partial();
        return;
      }
      if (Date.now() > end) throw new UsageError(`consent request ${id} is still pending after ${o.timeout} s`);
      await sleep(o.interval * 1000);
    }
  });

consent
  .command('link')
  .description('Your reusable consent link (R9 for OEMs)')
  .action(async (_o: object, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().GET('/v1/consent-link'));
    print(body, () => body.url);
  });
