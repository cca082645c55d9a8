import { ConsoleLogger, inertText } from '../../../src/core/log.js';
import { renderMarkdown, renderText, Summary } from '../../../src/core/summary.js';

describe('outside text in the log', () => {
  it('wraps text holding a workflow command in a stop-commands block with a fresh random token', () => {
    const wrapped = inertText('{"version":"1.0\n::error title=X::y"}');
    const [first, ...rest] = wrapped.split('\n');
    const token = /^::stop-commands::(slipway-[0-9a-f]{32})$/.exec(first ?? '')?.[1];
    expect(token).toBeDefined();
    expect(rest.at(-1)).toBe(`::${token}::`);
    expect(rest.slice(0, -1).join('\n')).toBe('{"version":"1.0\n::error title=X::y"}');
    expect(inertText('::x')).not.toContain(token);
  });

  it('catches indented commands and the old ##[ form, and leaves plain text alone', () => {
    expect(inertText('  ::add-mask::x')).toMatch(/^::stop-commands::/);
    expect(inertText('##[error]x')).toMatch(/^::stop-commands::/);
    expect(inertText('deployed 1.4.2 :: ok')).toBe('deployed 1.4.2 :: ok');
  });

  it('is what the console logger prints (the CLI runs inside workflows too)', () => {
    const chunks: string[] = [];
    const stream = { write: (chunk: string) => { chunks.push(chunk); return true; } } as unknown as NodeJS.WritableStream;
    new ConsoleLogger({ stream }).info('remote says\n::error::forged');
    expect(chunks.join('')).toMatch(/^::stop-commands::slipway-[0-9a-f]{32}\nremote says\n::error::forged\n::slipway-[0-9a-f]{32}::\n$/);
  });
});

describe('the job summary', () => {
  it('HTML-escapes table cells, headings, text and list items from outside', () => {
    const markdown = renderMarkdown(new Summary()
      .heading('<img src=x onerror=alert(1)>')
      .table(['detail'], [['<script>alert(1)</script> | a & b\nnext']])
      .list(['<b>x</b>'])
      .text('<details>'));
    expect(markdown).not.toMatch(/<(img|script|b|details)\b/);
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| a &amp; b<br>next');
  });
});

describe('the summary as text', () => {
  it('is inert too (the CLI prints it into job logs), and is not wrapped twice when logged', () => {
    const text = renderText(new Summary().table(['check'], [['::error::forged']]));
    expect(text).toMatch(/^::stop-commands::(slipway-[0-9a-f]{32})\n[\s\S]*::error::forged\n::\1::\n$/);
    expect(inertText(text.trimEnd())).toBe(text.trimEnd());
    expect(inertText('::stop-commands::slipway-00000000000000000000000000000000\n::error::x\n::slipway-00000000000000000000000000000000::')).toMatch(/^::stop-commands::slipway-(?!0{32})/);
  });
});
