// The shopper pages are whole at their first paint: server-rendered, their CSS inline, every
// answer and form usable before any script runs. The framework's scripts (about 140 kB gz) only
// hydrate them, so they are asked for once that paint is on screen instead of beside the document,
// where on a slow phone they compete with it for the connection and the main thread (and where
// Lighthouse's simulated LCP waits for every one that loaded first). Next writes them as async
// script tags (and one low-priority preload); async scripts run in no set order, so loading the
// same list later from one inline script keeps their meaning.
const SCRIPT =
  /<script src="(\/_next\/static\/[^"<>]+\.js)"(?: async="" nonce="([0-9a-f]+)"| nonce="([0-9a-f]+)" async="")><\/script>/g;
const PRELOAD =
  /<link rel="preload" as="script" fetchPriority="low" nonce="[0-9a-f]+" href="\/_next\/static\/[^"<>]+\.js"\/>/g;
const BODY_END = '</body>';

// Loads the scripts after the largest paint is reported, which happens once it is on screen; at
// once in a hidden tab, which does not paint; after the next frame where the browser does not
// report paints (Safari); and after a second in any case. Written as a browser reads it: no build
// step touches it.
const loader = (sources: string[]) => `(function () {
  var done = false;
  function load() {
    if (done) return;
    done = true;
    ${JSON.stringify(sources)}.forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      document.head.appendChild(script);
    });
  }
  if (document.visibilityState === "hidden") return load();
  setTimeout(load, 1000);
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (types.indexOf("largest-contentful-paint") < 0) {
    return requestAnimationFrame(function () { setTimeout(load); });
  }
  new PerformanceObserver(load).observe({ type: "largest-contentful-paint", buffered: true });
})();`;

/**
 * The page with Next's script tags taken out and loaded after the first paint by one inline
 * script carrying the same nonce; the page unchanged when it is not the shape this expects.
 */
export function deferScripts(html: string): string {
  const end = html.lastIndexOf(BODY_END);
  if (end === -1) return html;
  const sources: string[] = [];
  let nonce: string | null = null;
  const without = html.slice(0, end).replace(SCRIPT, (_tag, src: string, a?: string, b?: string) => {
    sources.push(src);
    nonce ??= a ?? b ?? null;
    return '';
  });
  if (!nonce || sources.length === 0) return html;
  return `${without.replace(PRELOAD, '')}<script nonce="${nonce}">${loader(sources)}</script>${html.slice(end)}`;
}
