/**
 * The demo world: what `npm start` creates on an empty DATA_DIR, and `npm run seed` creates against
 * a running service. One customer tenant with a cloud-native global admin, a custom-domain global
 * admin and a user without admin roles; one partner of each kind, each with its API key. Kept in
 * DATA_DIR/demo.json (the keys are shown only once by the API), printed with what to try.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DemoWorld {
  url: string;
  tenant: { id: string; name: string; initialDomain: string; domains: string[] };
  users: { globalAdmin: string; customDomainAdmin: string; nonAdmin: string };
  partners: Record<'directCsp' | 'indirectProvider' | 'indirectReseller' | 'oem', { id: string; name: string; kind: string; apiKey: string }>;
}

export const DEMO_FILE = 'demo.json';

async function post(url: string, token: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`seeding failed: POST ${path} answered ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** Creates the demo world through the operator API (so it is exactly what an operator could make). */
export async function seedDemo(url: string, opsToken: string, dataDir?: string): Promise<DemoWorld> {
  const { tenant } = await post(url, opsToken, '/ops/tenants', { name: 'Fabrikam (demo)', initialDomain: 'fabrikam.onmicrosoft.example', domains: ['fabrikam.example'] });
  const users = {
    globalAdmin: 'admin@fabrikam.onmicrosoft.example',
    customDomainAdmin: 'it-admin@fabrikam.example',
    nonAdmin: 'helpdesk@fabrikam.example',
  };
  await post(url, opsToken, `/ops/tenants/${tenant.id}/users`, { email: users.globalAdmin, displayName: 'Fabrikam Global Admin', roles: ['GlobalAdministrator'] });
  await post(url, opsToken, `/ops/tenants/${tenant.id}/users`, { email: users.customDomainAdmin, displayName: 'Fabrikam IT Admin', roles: ['GlobalAdministrator'] });
  await post(url, opsToken, `/ops/tenants/${tenant.id}/users`, { email: users.nonAdmin, displayName: 'Fabrikam Helpdesk', roles: ['HelpdeskAdministrator'] });
  const partner = async (name: string, kind: string, extra: Record<string, unknown> = {}) => {
    const created = await post(url, opsToken, '/ops/partners', { name, kind, contactEmail: `ops@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`, ...extra });
    return { id: created.partner.id as string, name, kind, apiKey: created.apiKey as string };
  };
  const indirectProvider = await partner('Northwind Distribution', 'indirect-provider');
  const world: DemoWorld = {
    url,
    tenant: { id: tenant.id, name: tenant.name, initialDomain: tenant.initialDomain, domains: tenant.domains },
    users,
    partners: {
      directCsp: await partner('Contoso Devices', 'direct-csp'),
      indirectProvider,
      indirectReseller: await partner('Tailspin Resellers', 'indirect-reseller', { providerId: indirectProvider.id }),
      oem: await partner('Litware Hardware', 'oem', { directApiEligible: true }),
    },
  };
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, DEMO_FILE), `${JSON.stringify(world, null, 2)}\n`, { mode: 0o600 });
  }
  return world;
}

/** What to try, with the demo's own ids and keys: every line copy-pastes. */
export function demoGuide(world: DemoWorld, opsToken: string, sesUrl: string): string {
  const p = world.partners;
  return `Demo world (${world.tenant.name}, tenant ${world.tenant.id}):
  users      ${world.users.globalAdmin} (global admin), ${world.users.customDomainAdmin} (global admin, custom domain), ${world.users.nonAdmin} (no admin role)
  partners   ${p.directCsp.name} (direct-csp) ${p.directCsp.apiKey}
             ${p.indirectProvider.name} (indirect-provider) ${p.indirectProvider.apiKey}
             ${p.indirectReseller.name} (indirect-reseller of ${p.indirectProvider.name}) ${p.indirectReseller.apiKey}
             ${p.oem.name} (oem, directApiEligible) ${p.oem.apiKey}
Try, in another terminal:
  export DEVICE_CONSENT_URL=${world.url} SES_URL=${sesUrl} DEVICE_CONSENT_KEY=${p.directCsp.apiKey} DEVICE_CONSENT_OPS_TOKEN=${opsToken}
  npx device-consent consent request --email ${world.users.globalAdmin}
  npx device-consent local accept --email ${world.users.globalAdmin}
  npx device-consent devices register samples/devices.csv --tenant ${world.tenant.id}
(kept in DATA_DIR/${DEMO_FILE}; the README walks through it)`;
}

/** `npm run seed`: against the service `npm start` runs (its operator token from DATA_DIR or the environment). */
if (import.meta.main) {
  const dataDir = resolve(process.env.DATA_DIR ?? '.local');
  const url = process.env.DEVICE_CONSENT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const secretsFile = join(dataDir, 'secrets.json');
  const opsToken = process.env.DEVICE_CONSENT_OPS_TOKEN ?? process.env.OPS_TOKEN ?? (existsSync(secretsFile) ? (JSON.parse(readFileSync(secretsFile, 'utf8')) as { opsToken: string }).opsToken : undefined);
  if (!opsToken) {
    console.error(`npm run seed failed: no operator token: start the service with npm start first (it keeps one in ${secretsFile}), or set DEVICE_CONSENT_OPS_TOKEN`);
    process.exit(1);
  }
  try {
    const world = await seedDemo(url, opsToken, dataDir);
    console.log(demoGuide(world, opsToken, `http://localhost:${process.env.SES_PORT ?? 8005}`));
  } catch (error) {
    console.error(`npm run seed failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
