import { Command } from 'commander';
import { type JsonBody, ok } from '../client.ts';
import { asSent, contextOf, list, table } from '../context.ts';

type DirectoryRole = JsonBody<'/ops/tenants/{tenantId}/users', 'post'>['roles'][number];

/** `tenants create|get`: operators manage tenants (DEVICE_CONSENT_OPS_TOKEN). */
export const tenants = new Command('tenants').description('Operators: tenants');

tenants
  .command('create')
  .description('Create a tenant')
  .requiredOption('--name <name>', 'tenant name')
  .requiredOption('--domain <domain>', 'initial domain, e.g. fabrikam.onmicrosoft.example')
  .option('--domains <list>', 'more verified domains, comma-separated', list)
  .option('--require-idp-sign-in', 'its users sign in only through their identity provider (R21)')
  .action(async (o: { name: string; domain: string; domains?: string[]; requireIdpSignIn?: true }, command: Command) => {
    const { opsApi, print } = contextOf(command);
    const body = await ok(
      opsApi().POST('/ops/tenants', {
        body: { name: o.name, initialDomain: o.domain, ...(o.domains ? { domains: o.domains } : {}), ...(o.requireIdpSignIn ? { requireIdpSignIn: true } : {}) },
      }),
    );
    print(body.tenant, () => `tenant ${body.tenant.id} (${body.tenant.domains.join(', ')}) created`);
  });

tenants
  .command('get <tenantId>')
  .description('Read a tenant')
  .action(async (id: string, _o: object, command: Command) => {
    const { opsApi, print } = contextOf(command);
    const body = await ok(opsApi().GET('/ops/tenants/{tenantId}', { params: { path: { tenantId: id } } }));
    print(body.tenant, () => table([{ ...body.tenant, domains: body.tenant.domains.join(' ') }], ['id', 'name', 'initialDomain', 'domains', 'requireIdpSignIn']));
  });

/** `users create`: operators create the users of a tenant's directory. */
export const users = new Command('users').description('Operators: users of a tenant');

users
  .command('create <tenantId>')
  .description('Create a user of a tenant')
  .requiredOption('--email <email>')
  .requiredOption('--name <displayName>')
  .option('--roles <list>', 'directory roles, comma-separated (e.g. GlobalAdministrator)', list, [])
  .action(async (tenantId: string, o: { email: string; name: string; roles: string[] }, command: Command) => {
    const { opsApi, print } = contextOf(command);
    const body = await ok(
      opsApi().POST('/ops/tenants/{tenantId}/users', { params: { path: { tenantId } }, body: { email: o.email, displayName: o.name, roles: asSent<DirectoryRole>(o.roles) } }),
    );
    print(body.user, () => `user ${body.user.id} <${body.user.email}> created, roles: ${body.user.roles.join(', ') || 'none'}`);
  });
