import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml } from '#shared/util/html.ts';

const str = (h: SafeHtml) => {
  expect(h).toBeInstanceOf(SafeHtml);
  return h.toString();
};

describe('html', () => {
  it('escapes a script tag', () => {
    expect(str(html`<p>${'<script>alert(1)</script>'}</p>`)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('escapes double quotes, single quotes and backticks, so a value cannot leave an attribute', () => {
    expect(str(html`<a title="${'" onmouseover="x'}">`)).toBe('<a title="&quot; onmouseover=&quot;x">');
    expect(str(html`<a title='${"' onfocus='x"}'>`)).toBe('<a title=\'&#39; onfocus=&#39;x\'>');
    expect(str(html`<a title=${'`x`'}>`)).toBe('<a title=&#96;x&#96;>');
  });

  it('escapes ampersands, also those that already look like entities (no unescaping)', () => {
    expect(str(html`${'Tom & Jerry'}`)).toBe('Tom &amp; Jerry');
    expect(str(html`${'&lt;'}`)).toBe('&amp;lt;');
  });

  it('escapes every interpolation, not only the first', () => {
    expect(str(html`${'<a>'}${'<b>'}-${'<c>'}`)).toBe('&lt;a&gt;&lt;b&gt;-&lt;c&gt;');
  });

  it('keeps the literal template parts as they are', () => {
    expect(str(html`<div class="x">&nbsp;${'y'}</div>`)).toBe('<div class="x">&nbsp;y</div>');
  });

  it('nests SafeHtml without escaping it twice', () => {
    const inner = html`<b>${'A & B'}</b>`;
    expect(str(html`<p>${inner}</p>`)).toBe('<p><b>A &amp; B</b></p>');
    expect(str(html`<div>${html`<p>${html`<i>${'<'}</i>`}</p>`}</div>`)).toBe('<div><p><i>&lt;</i></p></div>');
  });

  it('joins arrays without separators, escaping strings and keeping SafeHtml, also nested arrays', () => {
    const items = ['<x>', 'y & z'].map((v) => html`<li>${v}</li>`);
    expect(str(html`<ul>${items}</ul>`)).toBe('<ul><li>&lt;x&gt;</li><li>y &amp; z</li></ul>');
    expect(str(html`${['<a>', html`<b>`, ['<c>', html`<d>`]]}`)).toBe('&lt;a&gt;<b>&lt;c&gt;<d>');
    expect(str(html`<ul>${[]}</ul>`)).toBe('<ul></ul>');
  });

  it('drops null, undefined and false, also inside arrays, but prints 0', () => {
    expect(str(html`[${null}|${undefined}|${false}]`)).toBe('[||]');
    expect(str(html`${[null, 'a', undefined, false, 'b']}`)).toBe('ab');
    expect(str(html`${0}`)).toBe('0');
    const show = false as boolean;
    expect(str(html`<p>${show && html`<b>secret</b>`}</p>`)).toBe('<p></p>');
  });

  it('a plain object is not trusted as markup just because it has a value', () => {
    const fake = { value: '<script>' } as unknown as SafeHtml;
    expect(str(html`${fake}`)).not.toContain('<script>');
  });

  it('escapeHtml escapes the six characters and nothing else', () => {
    expect(escapeHtml(`&<>"'\`é/=`)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;é/=');
  });
});
