import { describe, expect, it } from 'vitest';
import { baseUrl, skipReason } from './context';

describe.skipIf(skipReason !== '')('the API reference page', () => {
  it('/docs is a page whose scripts carry the nonce of its Content-Security-Policy', async () => {
    const res = await fetch(`${baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // Everything it loads comes from this origin.
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(url).toMatch(/^\//);
  });

  it('serves the renderer from this origin, cached for good under a versioned URL', async () => {
    const html = await (await fetch(`${baseUrl}/docs`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      const res = await fetch(`${baseUrl}${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toMatch(
        asset.includes('.css') ? /^text\/css/ : /^text\/javascript/,
      );
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
    expect((await fetch(`${baseUrl}/docs/assets/package.json`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/docs/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
