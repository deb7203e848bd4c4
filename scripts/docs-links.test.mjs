import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README and docs/ are all a user who clones the repository gets: every relative link must
// lead to a file inside it.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Markdown link and image targets that are not absolute URLs or in-page anchors. */
function relativeTargets(text) {
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1].split('#')[0])
    .filter((target) => target && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('the documentation', () => {
  it.each(documents)('%s links only to files inside the repository', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const target of relativeTargets(text)) {
      const path = resolve(root, dirname(doc), target);
      expect(relative(root, path).startsWith('..'), `${doc} → ${target}`).toBe(false);
      expect(existsSync(path), `${doc} → ${target}`).toBe(true);
    }
    expect(text).not.toMatch(/\.\.\/shared\//);
  });
});
