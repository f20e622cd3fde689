import { createPartner, createTenant, createUser, ops } from './api.ts';
import { acceptThroughLink } from './pages.ts';

/** A tenant with a global admin, and a partner the admin authorized through its reusable link. */
export async function authorizedPartner(kind: 'direct-csp' | 'oem' = 'direct-csp') {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const partner = await createPartner(kind);
  if (kind === 'oem') await ops('PATCH', `/ops/partners/${partner.partner.id}`, { directApiEligible: true });
  await acceptThroughLink(admin.email, partner.apiKey);
  return { tenant, admin, partner };
}

/** A reseller authorized for a tenant, and its provider (authorized through it, R8). */
export async function authorizedReseller() {
  const tenant = await createTenant();
  const admin = await createUser(tenant.id, `admin@${tenant.initialDomain}`);
  const provider = await createPartner('indirect-provider');
  const reseller = await createPartner('indirect-reseller', { providerId: provider.partner.id });
  await acceptThroughLink(admin.email, reseller.apiKey);
  return { tenant, admin, provider, reseller };
}
