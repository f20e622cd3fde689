import { Command, Option } from 'commander';
import { type JsonBody, ok } from '../client.ts';
import { contextOf, table } from '../context.ts';

type PartnerKind = JsonBody<'/ops/partners', 'post'>['kind'];
type PartnerStatus = NonNullable<JsonBody<'/ops/partners/{partnerId}', 'patch'>['status']>;
// `satisfies`: a choice the document does not know fails the compile.
const KINDS = ['direct-csp', 'indirect-provider', 'indirect-reseller', 'oem'] as const satisfies readonly PartnerKind[];
const STATUSES = ['active', 'suspended'] as const satisfies readonly PartnerStatus[];

/** `partners create|get|update`: operators manage partners (DEVICE_CONSENT_OPS_TOKEN). */
export const partners = new Command('partners').description('Operators: partners (DEVICE_CONSENT_OPS_TOKEN)');

partners
  .command('create')
  .description('Create a partner; prints its first API key (shown this once)')
  .requiredOption('--name <name>', 'partner name')
  .addOption(new Option('--kind <kind>', 'partner kind').choices(KINDS).makeOptionMandatory())
  .requiredOption('--email <email>', 'contact email')
  .option('--provider <partnerId>', "an Indirect Reseller's Indirect Provider")
  .option('--direct-api-eligible', 'an OEM allowed direct API consent (R9)')
  .action(async (o: { name: string; kind: PartnerKind; email: string; provider?: string; directApiEligible?: true }, command: Command) => {
    const { opsApi, print } = contextOf(command);
    const body = await ok(
      opsApi().POST('/ops/partners', {
        body: { name: o.name, kind: o.kind, contactEmail: o.email, ...(o.provider ? { providerId: o.provider } : {}), ...(o.directApiEligible ? { directApiEligible: true } : {}) },
      }),
    );
    print(body, () => `partner ${body.partner.id} (${body.partner.kind}) created\nAPI key (shown this once): ${body.apiKey}`);
  });

partners
  .command('get <partnerId>')
  .description('Read a partner')
  .action(async (id: string, _o: object, command: Command) => {
    const { opsApi, print } = contextOf(command);
    const body = await ok(opsApi().GET('/ops/partners/{partnerId}', { params: { path: { partnerId: id } } }));
    print(body.partner, () => table([body.partner], ['id', 'name', 'kind', 'status', 'providerId', 'directApiEligible', 'createdAt']));
  });

partners
  .command('update <partnerId>')
  .description("Change a partner's eligibility or status")
  .addOption(new Option('--direct-api-eligible <yes|no>', 'OEM direct API eligibility').choices(['yes', 'no']))
  .addOption(new Option('--status <status>').choices(STATUSES))
  .action(async (id: string, o: { directApiEligible?: 'yes' | 'no'; status?: PartnerStatus }, command: Command) => {
    const { opsApi, print } = contextOf(command);
    const body = await ok(
      opsApi().PATCH('/ops/partners/{partnerId}', {
        params: { path: { partnerId: id } },
        body: { ...(o.directApiEligible ? { directApiEligible: o.directApiEligible === 'yes' } : {}), ...(o.status ? { status: o.status } : {}) },
      }),
    );
    print(body.partner, () => `partner ${body.partner.id}: status ${body.partner.status}${body.partner.directApiEligible !== undefined ? `, directApiEligible ${body.partner.directApiEligible}` : ''}`);
  });

/** `keys list|create|revoke`: operators manage a partner's API keys. */
export const keys = new Command('keys').description("Operators: a partner's API keys");

keys
  .command('list <partnerId>')
  .description('List API keys (never their secrets)')
  .action(async (id: string, _o: object, command: Command) => {
    const { opsApi, print } = contextOf(command);
    // The route takes no cursor: its one page is every key.
    const { items } = await ok(opsApi().GET('/ops/partners/{partnerId}/api-keys', { params: { path: { partnerId: id } } }));
    print(items, () => table(items, ['keyId', 'createdAt', 'revokedAt']));
  });

keys
  .command('create <partnerId>')
  .description('Create another API key (rotation: create, then revoke the old one)')
  .action(async (id: string, _o: object, command: Command) => {
    const { opsApi, print } = contextOf(command);
    const body = await ok(opsApi().POST('/ops/partners/{partnerId}/api-keys', { params: { path: { partnerId: id } } }));
    print(body, () => `key ${body.keyId} created\nAPI key (shown this once): ${body.apiKey}`);
  });

keys
  .command('revoke <partnerId> <keyId>')
  .description('Revoke an API key')
  .action(async (id: string, keyId: string, _o: object, command: Command) => {
    const { opsApi, print } = contextOf(command);
    await ok(opsApi().DELETE('/ops/partners/{partnerId}/api-keys/{keyId}', { params: { path: { partnerId: id, keyId } } }));
    print({ revoked: keyId }, () => `key ${keyId} revoked`);
  });

/** `me`: the partner of DEVICE_CONSENT_KEY, as the service knows it. */
export const me = new Command('me').description('The calling partner (DEVICE_CONSENT_KEY)').action(async (_o: object, command: Command) => {
  const { partnerApi, print } = contextOf(command);
  const body = await ok(partnerApi().GET('/v1/me'));
  print(body.partner, () => table([body.partner], ['id', 'name', 'kind', 'status']));
});
