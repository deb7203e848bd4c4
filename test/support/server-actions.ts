import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

/**
 * The id under which the build serves a server action, from Next's own manifest: what a page's
 * form carries, and what anyone can put in a request of their own.
 */
export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(
    ([, action]) => action.filename === filename && action.exportedName === exportedName,
  );
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}: rebuild (npm run build)`);
  return found[0];
}

/** Every server action of the build, as `filename#exportedName`. */
export function serverActionNames(): string[] {
  const manifest = JSON.parse(
    readFileSync(join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as Manifest;
  return Object.values(manifest.node).map((action) => `${action.filename}#${action.exportedName}`);
}

/**
 * Calls a server action the way a form without JavaScript does (a multipart POST naming the
 * action), with fields of the caller's choosing: a crafted request, not the page's own form.
 */
export function postServerAction(
  baseUrl: string,
  pagePath: string,
  actionId: string,
  fields: Record<string, string | Blob>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.set(`$ACTION_ID_${actionId}`, '');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return fetch(`${baseUrl}${pagePath}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { origin: new URL(baseUrl).origin, ...headers },
  });
}
