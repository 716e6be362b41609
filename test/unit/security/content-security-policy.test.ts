import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageHeaders } from '../../../electron/page/page-headers.js';
import { policyMarker, policyMetaTag } from '../../../renderer/vite.config.js';
import { anyBridgeConnectSources, contentSecurityPolicy, electronConnectSources, webHostConnectSources } from '../../../shared/security/content-security-policy.js';

/** A policy as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('the one Content-Security-Policy', () => {
  it('allows scripts and workers only from the page itself, and no eval, inline script, plugins or frames', () => {
    const policy = directives(contentSecurityPolicy({ delivery: 'header', connectSources: [] }));
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('differs between header and meta only where a meta tag cannot say it (frame-ancestors)', () => {
    const header = directives(contentSecurityPolicy({ delivery: 'header', connectSources: anyBridgeConnectSources }));
    const meta = directives(contentSecurityPolicy({ delivery: 'meta', connectSources: anyBridgeConnectSources }));
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });

  it('is the header of the web host (its own port) and of Electronʼs scheme (no sockets)', () => {
    expect(pageHeaders('text/html', webHostConnectSources(7777))['Content-Security-Policy']).toBe(contentSecurityPolicy({ delivery: 'header', connectSources: ['ws://127.0.0.1:7777', 'ws://localhost:7777'] }));
    expect(pageHeaders('text/html', electronConnectSources)['Content-Security-Policy']).toBe(contentSecurityPolicy({ delivery: 'header', connectSources: [] }));
  });

  it('is the meta tag the build writes into index.html, which holds no policy of its own', async () => {
    const source = readFileSync(join(process.cwd(), 'renderer', 'index.html'), 'utf8');
    expect(source).toContain(policyMarker);
    expect(source).not.toMatch(/http-equiv="Content-Security-Policy"/i);
    const plugin = policyMetaTag();
    const transform = plugin.transformIndexHtml as { handler: (html: string) => string };
    const built = transform.handler(source);
    const metas = [...built.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/g)].map((match) => match[1]);
    expect(metas).toEqual([contentSecurityPolicy({ delivery: 'meta', connectSources: anyBridgeConnectSources })]);
    // Before every script and style it has to cover.
    expect(built.indexOf('Content-Security-Policy')).toBeLessThan(built.indexOf('<script'));
    expect(() => transform.handler('<html><head></head></html>')).toThrow(/lacks/);
  });
});
