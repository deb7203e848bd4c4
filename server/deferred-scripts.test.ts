import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { deferScripts } from './deferred-scripts';

const N = '0123456789abcdef0123456789abcdef';
// The shape Next 16 writes: async scripts in the head (attributes in either order), one
// low-priority preload, a nomodule polyfill, and the RSC payload, whose strings name chunks too.
const page = [
  '<!DOCTYPE html><html><head><meta charset="utf-8"/>',
  `<link rel="preload" as="script" fetchPriority="low" nonce="${N}" href="/_next/static/chunks/runtime.js"/>`,
  `<script src="/_next/static/chunks/a.js" async="" nonce="${N}"></script>`,
  `<script src="/_next/static/chunks/b.js" async="" nonce="${N}"></script>`,
  `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${N}"></script>`,
  '<style>p{color:red}</style></head><body><main><p>Arriving today</p></main>',
  `<script nonce="${N}" id="_R_">(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push({})</script>`,
  `<script src="/_next/static/chunks/runtime.js" nonce="${N}" async=""></script>`,
  `<script nonce="${N}">self.__next_f.push([1,"b:\\"/_next/static/chunks/lazy.js\\"\\n<script src=\\"/_next/static/chunks/c.js\\" async=\\"\\"></script>"])</script>`,
  '</body></html>',
].join('');

const loaderOf = (html: string) => {
  const scripts = [...html.matchAll(/<script nonce="([0-9a-f]+)">(\(function \(\) \{[\s\S]*?)<\/script>/g)];
  expect(scripts).toHaveLength(1);
  return { nonce: scripts[0]![1], code: scripts[0]![2]! };
};

/** Runs the loader in a browser of the given traits; returns what it appended and the triggers. */
function runLoader(code: string, browser: { hidden?: boolean; lcp?: boolean }) {
  const appended: string[] = [];
  const timers: Array<() => void> = [];
  const frames: Array<() => void> = [];
  const observers: Array<{ callback: () => void; options: unknown }> = [];
  class PerformanceObserver {
    static supportedEntryTypes = browser.lcp ? ['paint', 'largest-contentful-paint'] : ['paint'];
    constructor(private callback: () => void) {}
    observe(options: unknown) {
      observers.push({ callback: this.callback, options });
    }
  }
  const window = { PerformanceObserver };
  runInNewContext(code, {
    window,
    PerformanceObserver,
    document: {
      visibilityState: browser.hidden ? 'hidden' : 'visible',
      createElement: () => ({}),
      head: { appendChild: (script: { src: string; async: boolean }) => appended.push(script.src) },
    },
    setTimeout: (fn: () => void) => timers.push(fn),
    requestAnimationFrame: (fn: () => void) => frames.push(fn),
  });
  return { appended, timers, frames, observers };
}

describe("the order page's scripts, loaded after its first paint", () => {
  const deferred = deferScripts(page);

  it('takes out the script tags and the preload, and leaves everything else as it was', () => {
    expect(deferred).not.toMatch(/<script src="\/_next\/static\/chunks\/(a|b|runtime)\.js"/);
    expect(deferred).not.toContain('rel="preload"');
    expect(deferred).toContain(`<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${N}">`);
    expect(deferred).toContain('<main><p>Arriving today</p></main>');
    // The payload's own text, which only looks like a tag, is untouched.
    expect(deferred).toContain('<script src=\\"/_next/static/chunks/c.js\\" async=\\"\\"></script>');
    expect(deferred).toContain('(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push({})');
    expect(deferred.endsWith('</script></body></html>')).toBe(true);
  });

  it('loads the same scripts, in document order, from one inline script with the nonce', () => {
    const { nonce, code } = loaderOf(deferred);
    expect(nonce).toBe(N);
    const { appended, observers } = runLoader(code, { lcp: true });
    expect(appended).toEqual([]);
    expect(observers).toEqual([
      { callback: expect.any(Function), options: { type: 'largest-contentful-paint', buffered: true } },
    ]);
    observers[0]!.callback();
    const all = ['a', 'b', 'runtime'].map((name) => `/_next/static/chunks/${name}.js`);
    expect(appended).toEqual(all);
    // Later paints and the safety timer add nothing.
    observers[0]!.callback();
    expect(appended).toEqual(all);
  });

  it('loads them without waiting where no paint will be reported, and after a second at most', () => {
    const { code } = loaderOf(deferred);
    expect(runLoader(code, { hidden: true, lcp: true }).appended).toHaveLength(3);
    const safari = runLoader(code, { lcp: false });
    expect(safari.appended).toHaveLength(0);
    safari.frames[0]!();
    safari.timers.at(-1)!();
    expect(safari.appended).toHaveLength(3);
    const silent = runLoader(code, { lcp: true });
    silent.timers[0]!();
    expect(silent.appended).toHaveLength(3);
  });

  it('leaves a page of another shape as it is', () => {
    expect(deferScripts(page.replace('</body>', ''))).toBe(page.replace('</body>', ''));
    const inline = '<html><head></head><body><p>x</p></body></html>';
    expect(deferScripts(inline)).toBe(inline);
  });
});
