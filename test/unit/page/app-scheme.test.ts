import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAppRequest, appIndexUrl } from '../../../electron/page/app-scheme.js';
import { isPermissionGranted } from '../../../electron/page/permissions.js';
import { contentSecurityPolicy } from '../../../shared/security/content-security-policy.js';

describe("Electron's frameline: scheme", () => {
  let root: string;
  beforeAll(() => {
    const parent = mkdtempSync(join(tmpdir(), 'frameline-scheme-'));
    root = join(parent, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'assets', 'a.js'), 'export {};');
    writeFileSync(join(parent, 'secret.txt'), 'outside the renderer');
  });
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('serves the page and its files with the one policy and no sniffing', async () => {
    const page = await answerAppRequest(new Request(appIndexUrl), root);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy({ delivery: 'header', connectSources: [] }));
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>x</title>');
    const script = await answerAppRequest(new Request('frameline://app/assets/a.js'), root);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses other hosts, methods, malformed paths and anything outside the renderer', async () => {
    const status = async (url: string, method = 'GET'): Promise<number> => (await answerAppRequest(new Request(url, { method }), root)).status;
    expect(await status('frameline://other/index.html')).toBe(404);
    expect(await status(appIndexUrl, 'POST')).toBe(405);
    expect(await status('frameline://app/%')).toBe(400);
    expect(await status('frameline://app/%2e%2e/secret.txt')).toBe(404);
    expect(await status('frameline://app/..%2fsecret.txt')).toBe(404);
    expect(await status('frameline://app/missing.js')).toBe(404);
    expect(await status('frameline://app/assets')).toBe(404);
  });
});

describe('window permissions', () => {
  it('grants only clipboard writes, and only to our own page', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'frameline://app')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', appIndexUrl)).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen']) {
      expect(isPermissionGranted(permission, 'frameline://app')).toBe(false);
    }
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.test')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'frameline://evil')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'not a url')).toBe(false);
  });
});
