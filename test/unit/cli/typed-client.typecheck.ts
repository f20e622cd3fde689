/**
 * Type-level checks of the CLI's client, compiled by `npm run typecheck` (tsconfig includes test/)
 * and never run. Each `@ts-expect-error` must meet an error: if the client stopped being typed by
 * cli/api-types.ts (an `any` somewhere, a path no longer checked), the directive would be unused
 * and the typecheck would fail. The positive lines pin the exact types the commands rely on.
 */
import { type Api, type JsonBody, ok, pages, type Schemas } from '../../../cli/client.ts';

export async function typedClientChecks(api: Api): Promise<void> {
  // @ts-expect-error a path the document does not have
  await api.GET('/v1/no-such-route');
  // @ts-expect-error an operator path with a method it does not have
  await api.GET('/ops/partners');
  // @ts-expect-error a path parameter left out
  await api.GET('/v1/device-batches/{batchId}', {});
  // @ts-expect-error a required query parameter left out (the devices of which tenant?)
  await api.GET('/v1/devices', { params: { query: {} } });
  // @ts-expect-error a batch action the document does not allow
  await api.POST('/v1/device-batches', { body: { tenantId: 't_1', action: 'delete' } });
  // @ts-expect-error a required body field left out
  await api.POST('/v1/consent-checks', { body: {} });
  // @ts-expect-error a body field of the wrong type
  await api.POST('/v1/consent-checks', { body: { tenants: 'fabrikam.example' } });

  const me = await ok(api.GET('/v1/me'));
  const kind: 'direct-csp' | 'indirect-provider' | 'indirect-reseller' | 'oem' = me.partner.kind;
  // @ts-expect-error a field the answer does not have
  void me.partner.nickname;
  // @ts-expect-error the answer is typed, not `any`
  const notANumber: number = me;

  const created = await ok(api.POST('/ops/partners', { body: { name: 'Contoso', kind: 'oem', contactEmail: 'ops@contoso.example' } }));
  const apiKey: string = created.apiKey;

  // Batch results answer JSON or CSV; the CLI's client asks for JSON only, so the data is the page.
  const page = await ok(api.GET('/v1/device-batches/{batchId}/results', { params: { path: { batchId: 'b_1' } } }));
  const first: Schemas['batchResult'] | undefined = page.items[0];

  // A 204 has no data.
  const revoked: undefined = await ok(api.DELETE('/ops/partners/{partnerId}/api-keys/{keyId}', { params: { path: { partnerId: 'p_1', keyId: 'k_1' } } }));

  // pages() yields the items of the path it was given.
  for await (const customer of pages((cursor) => ok(api.GET('/v1/customers', { params: { query: { cursor, limit: 100 } } })))) {
    const status: 'active' | 'terminated' | 'revoked' = customer.relationship.status;
    // @ts-expect-error an item of /v1/customers has no serial number
    void customer.serialNumber;
    void status;
  }

  const events: JsonBody<'/v1/webhook', 'put'>['events'] = ['consent.accepted'];
  // @ts-expect-error an event the document does not know
  const unknownEvents: JsonBody<'/v1/webhook', 'put'>['events'] = ['consent.maybe'];

  void [kind, notANumber, apiKey, first, revoked, events, unknownEvents];
}
