import { Command } from 'commander';
import { ok, pages, type Schemas, UsageError } from '../client.ts';
import { contextOf, table } from '../context.ts';
import { readInput } from '../terminal.ts';

/** API.md: at most 100 tenants a consent check. */
const CHECK_SIZE = 100;

/** R28: how the customer approves your devices, in a word or two (and the default group tag it gives them). */
const approvalOf = ({ mode, threshold, defaultGroupTag }: Schemas['customer']['relationship']['approvalPolicy']) =>
  `${mode === 'above' ? `above ${threshold}` : mode}${defaultGroupTag ? ` (group tag ${defaultGroupTag})` : ''}`;

/** `customers list|get|check`: the tenants a partner is authorized for (DEVICE_CONSENT_KEY). */
export const customers = new Command('customers').description('Partners: tenants you are authorized for');

customers
  .command('list')
  .description('Every tenant you are authorized for now')
  .action(async (_o: object, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const api = partnerApi();
    const items: Schemas['customer'][] = [];
    for await (const c of pages((cursor) => ok(api.GET('/v1/customers', { params: { query: { limit: 100, cursor } } })))) items.push(c);
    print(items, () => table(items.map((c) => ({ tenantId: c.tenantId, name: c.name, domains: c.domains.join(' '), status: c.relationship.status, grantedAt: c.relationship.grantedAt, approval: approvalOf(c.relationship.approvalPolicy) })), ['tenantId', 'name', 'domains', 'status', 'grantedAt', 'approval']));
  });

customers
  .command('get <tenantId>')
  .description('One tenant you are authorized for')
  .action(async (id: string, _o: object, command: Command) => {
    const { partnerApi, print } = contextOf(command);
    const body = await ok(partnerApi().GET('/v1/customers/{tenantId}', { params: { path: { tenantId: id } } }));
    print(body.customer, () => table([{ ...body.customer, domains: body.customer.domains.join(' '), status: body.customer.relationship.status, approval: approvalOf(body.customer.relationship.approvalPolicy) }], ['tenantId', 'name', 'domains', 'status', 'approval']));
  });

customers
  .command('check [tenants...]')
  .description('Consent status of tenants (ids or domains), given here or one a line in --file; exit 2 if any is not active')
  .option('--file <path>', 'a file of tenants, one a line (# comments allowed); - for standard input')
  .action(async (given: string[], o: { file?: string }, command: Command) => {
    const { partnerApi, print, partial } = contextOf(command);
    const fromFile = o.file
      ? (await readInput(o.file))
          .toString('utf8')
          .split(/\r?\n/)
          .map((l) => l.replace(/#.*/, '').trim())
          .filter(Boolean)
      : [];
    const all = [...given, ...fromFile];
    if (all.length === 0) throw new UsageError('give tenants (ids or domains) or --file');
    const api = partnerApi();
    const results: Schemas['consentCheckAnswer']['results'] = [];
    for (let i = 0; i < all.length; i += CHECK_SIZE) {
      const body = await ok(api.POST('/v1/consent-checks', { body: { tenants: all.slice(i, i + CHECK_SIZE) } }));
      results.push(...body.results);
    }
    if (results.some((r) => r.status !== 'active')) partial();
    print(results, () => table(results, ['tenant', 'tenantId', 'status']));
  });
