import type { Rows } from './report.ts';
/**
 * Issue 27 (R32): a device file of 100,000 devices uploaded on the partner portal, through the
 * path a browser takes: step one's use case (startUpload), the file put into the local S3 engine
 * under the upload's key (as the presigned POST stores it), the page's receiveUpload (HeadObject,
 * received, the import queued), then the import as the outbox worker runs it (importUpload: the
 * object read, parsed, the batch created, 100 parts of 1,000 staged, submitted), in this process on
 * the handlers' SDK client, every DynamoDB request counted. The import must fit the worker's
 * 5 minutes; working the batch afterwards is the batch engine's row (bench/batches.ts). Devices
 * without hardware hashes (BENCH_UPLOAD_HASHES=1 adds a 4,000-character hash to each).
 * `BENCH_ONLY=uploads npm run bench` (size: BENCH_UPLOAD_DEVICES, default 100,000).
 */
import { countDynamoDbRequests } from './support.ts';

export async function benchUploads(log: (line: string) => void): Promise<Rows> {
  const n = Number(process.env.BENCH_UPLOAD_DEVICES ?? 100_000);
  const { createPartner } = await import('#shared/partners/partners.ts');
  const { createTenant, createUser } = await import('#shared/directory/directory.ts');
  const { relationshipActivated } = await import('#shared/table/relationships.ts');
  const { commitChange } = await import('#shared/outbox/commit.ts');
  const { importUpload, receiveUpload, startUpload } = await import('#shared/devices/device-uploads.ts');
  const { uploadObjectKey } = await import('#shared/files/uploads.ts');
  const { s3 } = await import('#shared/files/s3-client.ts');
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  const { getUpload } = await import('#shared/table/uploads.ts');
  const { getBatch } = await import('#shared/table/batches.ts');
  const { newSecret } = await import('#shared/domain/tokens.ts');
  const counter = await countDynamoDbRequests();
  const system = { type: 'system' as const, id: 'bench' };
  const { partner } = await createPartner({ name: 'Bench CSP', kind: 'direct-csp', contactEmail: 'bench@example.com' }, system);
  const tenant = await createTenant({ name: 'Bench tenant', initialDomain: `upload${Date.now()}.onmicrosoft.example` }, system);
  const user = await createUser(tenant.id, { email: `admin@${tenant.initialDomain}`, displayName: 'Admin', roles: ['GlobalAdministrator'] }, system);
  await commitChange({
    writes: relationshipActivated({ tenantId: tenant.id, partnerId: partner.id, partnerKind: partner.kind, status: 'active', grantedAt: new Date().toISOString(), acceptedBy: { userId: user.id, email: user.email }, source: { linkId: 'bench' } }),
    audit: { action: 'consent.accepted', actor: system, tenantId: tenant.id, partnerId: partner.id },
  });
  const stamp = Date.now();
  const hashes = process.env.BENCH_UPLOAD_HASHES === '1';
  // A stand-in hash: canonical base64 of 3,000 bytes (4,000 characters), unique per device.
  const hashOf = (i: number) => Buffer.concat([Buffer.from(`${stamp}-${i}-`), Buffer.alloc(3000 - `${stamp}-${i}-`.length, i % 251)]).toString('base64');
  const lines = [
    `Manufacturer name,Device model,Device Serial Number${hashes ? ',Hardware Hash' : ''}`,
    ...Array.from({ length: n }, (_, i) => `Fabrikam,Tablet 3,UP-${stamp}-${i}${hashes ? `,${hashOf(i)}` : ''}`),
  ];
  const file = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  log(`upload of ${n} devices, ${(file.length / 1024 / 1024).toFixed(1)} MB`);
  const person = { type: 'partner_user' as const, id: 'bench-person', partnerId: partner.id, name: 'Bench person', signIn: 'email' as const };
  counter.reset();
  const start = process.hrtime.bigint();
  const upload = await startUpload(partner, { tenantId: tenant.id, mode: 'register', formToken: newSecret() }, person);
  const putStart = process.hrtime.bigint();
  await s3().send(new PutObjectCommand({ Bucket: process.env.DOWNLOADS_BUCKET, Key: uploadObjectKey(partner.id, upload.id), Body: file }));
  const putSeconds = Number(process.hrtime.bigint() - putStart) / 1e9;
  await receiveUpload(upload, person);
  const importStart = process.hrtime.bigint();
  await importUpload(upload.id);
  const importSeconds = Number(process.hrtime.bigint() - importStart) / 1e9;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const requests = counter.total();
  const ended = (await getUpload(upload.id))!;
  if (ended.status !== 'registered') throw new Error(`upload ended ${ended.status}: ${ended.failure ?? ''}`);
  const staged = (await getBatch(ended.batchId!))!;
  if (staged.received !== n || staged.status !== 'queued') throw new Error(`upload staged ${staged.received} of ${n}, ${staged.status}`);
  const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
  console.log('\n## Issue 27: a 100,000-device file uploaded on the partner portal\n');
  console.log('| devices | file MB | hashes | put into S3 s | import s | whole s | DynamoDB requests per 1,000 |');
  console.log('|---:|---:|---|---:|---:|---:|---:|');
  console.log(`| ${n.toLocaleString('en-US')} | ${round(file.length / 1024 / 1024)} | ${hashes ? 'yes' : 'no'} | ${round(putSeconds)} | ${round(importSeconds)} | ${round(seconds)} | ${round((requests / n) * 1000)} |`);
  return {
    portalUploadSeconds: {
      figure: round(importSeconds),
      budget: 300,
      unit: 's',
      withinBudget: importSeconds <= 300,
      description: `the partner portal's upload of ${n.toLocaleString('en-US')} devices (${round(file.length / 1024 / 1024)} MB, ${hashes ? 'with' : 'no'} hardware hashes) through S3: the import (object read, parsed, batch created, ${Math.ceil(n / 1000)} parts staged, submitted) within the outbox worker's 5 minutes (issue 27); put into S3 ${round(putSeconds)} s, whole path ${round(seconds)} s`,
      requestsPer1000: round((requests / n) * 1000),
    },
  };
}
