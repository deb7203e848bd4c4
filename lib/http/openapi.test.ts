import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_NOW, exampleRequests } from '@/lib/demo/api-examples';
import { exampleResponses } from '@/lib/demo/example-answers';
import { ERROR_CODES } from '@/lib/errors';
import { eventsBodySchemaFor } from '@/lib/schemas/event';
import { infoQuerySchema, linkQuerySchema, QUERY_ALIASES } from '@/lib/schemas/info-query';
import { orderInputSchema } from '@/lib/schemas/order';
import {
  errorEnvelopeSchema,
  ingestResultSchema,
  orderInfoSchema,
  signedLinkSchema,
  writtenOrderSchema,
} from '@/lib/schemas/order-info';
import { openApiDocument } from './openapi';
import answers from './openapi-examples.json';

const doc = openApiDocument() as unknown as OpenAPIV3_1.Document;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  METHODS.flatMap((method) => (item?.[method] ? [{ path, method, op: item[method] }] : [])),
);
const operation = (path: string, method: (typeof METHODS)[number]) => {
  const op = doc.paths?.[path]?.[method];
  if (!op) throw new Error(`No ${method} ${path} in the document`);
  return op;
};
const parameterNames = (op: OpenAPIV3_1.OperationObject) =>
  (op.parameters ?? []).map((p) => (p as OpenAPIV3_1.ParameterObject).name);

/** The routes under app/v4 and the methods each serves (the 405 handlers of otherMethods aside). */
function v4Routes(): Array<{ path: string; methods: string[] }> {
  const root = join(process.cwd(), 'app');
  const routes: Array<{ path: string; methods: string[] }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      // The catch-all answers 404 for every address no route serves: it is no address of its own.
      if (entry.isDirectory() && !entry.name.startsWith('[')) walk(full);
      else if (/^route\.tsx?$/.test(entry.name)) {
        const source = readFileSync(full, 'utf8');
        const methods = [
          ...source.matchAll(/export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE)\b/g),
        ].map((m) => m[1]!.toLowerCase());
        routes.push({ path: `/${relative(root, dir).split(sep).join('/')}`, methods });
      }
    }
  };
  walk(join(root, 'v4'));
  return routes;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    // validate() resolves references in place: it gets a copy.
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('describes every route under app/v4 with the methods it serves', () => {
    const routes = v4Routes();
    expect(routes.map((r) => r.path)).toContain('/v4/track/orders/info');
    const documented = new Map(
      Object.entries(doc.paths ?? {}).map(([p, item]) => [p.replace(/\/$/, ''), item]),
    );
    for (const route of routes) {
      expect(route.methods.length, route.path).toBeGreaterThan(0);
      for (const method of route.methods) {
        expect(documented.get(route.path)?.[method as 'get'], `${method} ${route.path}`).toBeDefined();
      }
    }
  });

  it('names every query parameter of info, info-widget and link, and the aliases', () => {
    const info = parameterNames(operation('/v4/track/orders/info/', 'get'));
    const widget = parameterNames(operation('/v4/track/orders/info-widget/', 'get'));
    const link = parameterNames(operation('/v4/track/orders/link/', 'get'));
    for (const name of [...Object.keys(infoQuerySchema.shape), ...QUERY_ALIASES.keys()]) {
      expect(info).toContain(name);
      expect(widget).toContain(name);
    }
    for (const name of Object.keys(linkQuerySchema.shape)) expect(link).toContain(name);
    for (const list of [info, widget, link]) expect(new Set(list).size).toBe(list.length);
  });

  it('shows every error code a route answers, each under its status', () => {
    const shown = new Set<string>();
    for (const { path, method, op } of operations) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const examples = (response as OpenAPIV3_1.ResponseObject).content?.['application/json']?.examples;
        for (const example of Object.values(examples ?? {})) {
          const body = errorEnvelopeSchema.safeParse((example as OpenAPIV3_1.ExampleObject).value);
          if (!body.success) continue;
          for (const { code } of body.data.errors) {
            shown.add(code);
            expect(
              (response as OpenAPIV3_1.ResponseObject).description,
              `${method} ${path} ${status}`,
            ).toContain(`\`${code}\``);
          }
        }
      }
    }
    // Any address answers 405 for a method it does not serve: said once, for all of them.
    expect(doc.info.description).toContain('405 method_not_allowed');
    expect([...shown, 'method_not_allowed'].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('asks for a token with the scope each write needs', () => {
    expect(operation('/v4/track/orders/', 'put').security).toEqual([{ token: ['write'] }]);
    expect(operation('/v4/track/events/', 'post').security).toEqual([{ token: ['write'] }]);
    expect(operation('/v4/track/orders/link/', 'get').security).toEqual([{ token: ['read'] }]);
    expect(operation('/v4/track/orders/info/', 'get').security).toEqual([{}, { token: ['read'] }]);
    expect(doc.components?.securitySchemes?.token).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('the examples', () => {
  it('are accepted by the schemas that parse and describe them', () => {
    const requests = exampleRequests();
    expect(orderInputSchema.safeParse(requests.order).error).toBeUndefined();
    const events = { events: requests.events };
    expect(eventsBodySchemaFor(events, EXAMPLE_NOW).safeParse(events).error).toBeUndefined();
    expect(orderInfoSchema.safeParse(answers.info).error).toBeUndefined();
    expect(writtenOrderSchema.safeParse(answers.put).error).toBeUndefined();
    expect(ingestResultSchema.safeParse(answers.events).error).toBeUndefined();
    expect(signedLinkSchema.safeParse(answers.link).error).toBeUndefined();
  });

  it('in the document are the demo shop’s', () => {
    const json = (path: string, method: (typeof METHODS)[number], status: string) =>
      (operation(path, method).responses?.[status] as OpenAPIV3_1.ResponseObject).content?.[
        'application/json'
      ];
    expect(Object.values(json('/v4/track/orders/info/', 'get', '200')?.examples ?? {})).toEqual([
      expect.objectContaining({ value: answers.info }),
    ]);
    expect(json('/v4/track/orders/', 'put', '200')?.example).toEqual(answers.put);
    expect(json('/v4/track/events/', 'post', '202')?.example).toEqual(answers.events);
  });

  it('are what the demo shop answers today (regenerate: npm run openapi:examples)', async () => {
    // Tracking ids are random per database; everything else is fixed by the demo data and EXAMPLE_NOW.
    const mask = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replace(/"trk_[A-Za-z0-9_-]+"/g, '"trk_…"')) as unknown;
    expect(mask(await exampleResponses())).toEqual(mask(answers));
  }, 30_000);
});
