import { stack } from './api.ts';

/**
 * Publishes TXT records at a name on the local DNS server (dev/dns.ts) the stack resolves domain
 * proofs through (R21): a real DNS server on UDP, its records set over HTTP on the same port.
 */
export async function publishTxt(name: string, txt: string[]): Promise<void> {
  const dnsUrl = stack().dnsUrl;
  if (!dnsUrl) throw new Error('this test project runs no local DNS server');
  const res = await fetch(`${dnsUrl}/records/${encodeURIComponent(name)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ txt }) });
  if (res.status !== 204) throw new Error(`publishTxt failed: ${res.status} ${await res.text()}`);
}
