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

/**
 * Calls a server action the way React calls one behind `useActionState` (`Next-Action` header, the
 * arguments encoded as React's reply: the previous state, then the form's fields under the
 * form's reference `_1_`): how the forms that answer with a value are posted with JavaScript on.
 */
export function callStateServerAction(
  baseUrl: string,
  pagePath: string,
  actionId: string,
  previousState: unknown,
  fields: Record<string, string | readonly string[]>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of typeof value === 'string' ? [value] : value) form.append(`_1_${name}`, v);
  }
  // Last, as React sends it: the server reads the parts in order, and the form's parts must be
  // there when the arguments that refer to them are read.
  form.set('0', JSON.stringify([previousState, '$K1']));
  return fetch(`${baseUrl}${pagePath}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: {
      origin: new URL(baseUrl).origin,
      'next-action': actionId,
      accept: 'text/x-component',
      ...headers,
    },
  });
}
