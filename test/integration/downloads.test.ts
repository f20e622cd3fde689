import { describe, expect, it } from 'vitest';
import { DOWNLOAD_LINK_SECONDS, publishDownload } from '#shared/files/downloads.ts';

async function* linesOf(count: number, width: number): AsyncIterable<string> {
  yield 'row,text\n';
  for (let i = 0; i < count; i++) yield `${i},${'x'.repeat(width)}\n`;
}

describe('large downloads: streamed to the local S3 engine, fetched by a short-lived presigned URL', () => {
  it('a small file downloads whole, as a named CSV attachment', async () => {
    const before = Date.now();
    const download = await publishDownload({ owner: 'test', filename: 'small.csv', contentType: 'text/csv; charset=utf-8', lines: linesOf(3, 5) });
    expect(Date.parse(download.expiresAt) - before).toBeGreaterThanOrEqual(DOWNLOAD_LINK_SECONDS * 1000 - 1000);
    expect(download.url).toMatch(/X-Amz-Signature=/);
    const res = await fetch(download.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="small.csv"');
    expect(await res.text()).toBe('row,text\n0,xxxxx\n1,xxxxx\n2,xxxxx\n');
  });

  it('a file over Lambda\'s 6 MB answer limit (and over one 8 MB upload part) downloads whole', async () => {
    const download = await publishDownload({ owner: 'test', filename: 'large.csv', contentType: 'text/csv; charset=utf-8', lines: linesOf(20_000, 1000) });
    const body = await (await fetch(download.url)).text();
    const lines = body.split('\n');
    expect(body.length).toBeGreaterThan(18 * 1024 * 1024);
    expect(lines).toHaveLength(20_002);
    expect(lines[20_000]).toBe(`19999,${'x'.repeat(1000)}`);
  });

  it('two downloads of the same name are two files: a link names one random key', async () => {
    const [a, b] = await Promise.all(
      ['a', 'b'].map((text) =>
        publishDownload({ owner: 'test', filename: 'same.csv', contentType: 'text/csv', lines: (async function* () { yield text; })() }),
      ),
    );
    expect(new URL(a.url).pathname).not.toBe(new URL(b.url).pathname);
    expect([await (await fetch(a.url)).text(), await (await fetch(b.url)).text()]).toEqual(['a', 'b']);
  });
});
