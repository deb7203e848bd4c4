import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { EXAMPLE_LOOKUP, exampleRequests } from '@/lib/demo/api-examples';
import { DomainError, ERROR_CODES, type ErrorCode } from '@/lib/errors';
import { eventInputSchema } from '@/lib/schemas/event';
import { infoQuerySchema, linkQuerySchema } from '@/lib/schemas/info-query';
import { orderInputSchema } from '@/lib/schemas/order';
import {
  errorEnvelopeSchema,
  ingestResultSchema,
  orderInfoSchema,
  signedLinkSchema,
  writtenOrderSchema,
} from '@/lib/schemas/order-info';
import { strictObject } from '@/lib/schemas/common';
import packageJson from '@/package.json';
import { errorEnvelope, ERROR_STATUS } from './errors';
import answers from './openapi-examples.json';

// The OpenAPI 3.1 document of the HTTP API, generated from the same zod schemas that parse its
// inputs, served at /v4/openapi.json and rendered at /docs. Examples are the demo shop's.

const ERROR_WHEN: Record<ErrorCode, string> = {
  invalid: 'a parameter or body field fails validation; one entry per bad field, `attr` names it',
  lookup_required: 'no complete lookup set; `detail` lists the sets',
  unauthorized: 'the bearer token is invalid or revoked, or missing where one is needed',
  verification_required: 'the account’s policy needs a proof for this lookup type and none was given',
  forbidden: 'the token lacks the scope',
  not_found: 'no such order, or a proof that does not match (the same answer, on purpose)',
  method_not_allowed: 'the address does not serve the method; `Allow` lists what it serves',
  conflict: 'the write clashes with another order of the account',
  rate_limited: 'lockout after failed proofs, or the anonymous limit; wait `Retry-After` seconds',
  internal: 'a fault on the server, logged; `type` is `server_error`',
};

/** The first error a schema finds in `input`, as the API reports it. */
function invalidOf(schema: z.ZodType, input: unknown): DomainError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('An error example must fail validation.');
  return DomainError.fromZod(result.error);
}

type ErrorExamples = Partial<Record<ErrorCode, Array<{ summary: string; error: DomainError }>>>;

/** The error responses of an operation, grouped by status, each code with a real example. */
function errorResponses(examples: ErrorExamples): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of ERROR_CODES) {
    if (!examples[code]) continue;
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, codes] of byStatus) {
    responses[String(status) as `4${string}` | `5${string}`] = {
      description: codes.map((code) => `\`${code}\`: ${ERROR_WHEN[code]}.`).join(' '),
      ...(status === 429
        ? { headers: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait.' }) }) }
        : {}),
      content: {
        'application/json': {
          schema: errorEnvelopeSchema,
          examples: Object.fromEntries(
            codes.flatMap((code) =>
              examples[code]!.map(({ summary, error }, i) => [
                i === 0 ? code : `${code}_${i + 1}`,
                { summary, value: errorEnvelope(error, 'en').body },
              ]),
            ),
          ),
        },
      },
    };
  }
  return responses;
}

const requests = exampleRequests();
const keyError = (code: ErrorCode, key: string, options: { attr?: string; retryAfterS?: number } = {}) =>
  new DomainError(code, key, options);

const TOKEN_ERRORS: ErrorExamples = {
  unauthorized: [{ summary: 'Invalid or revoked token', error: keyError('unauthorized', 'unauthorized') }],
  forbidden: [{ summary: 'Token without the scope', error: keyError('forbidden', 'forbidden') }],
  internal: [{ summary: 'Server fault', error: keyError('internal', 'internal') }],
};

const LOOKUP_ERRORS: ErrorExamples = {
  invalid: [
    {
      summary: 'A malformed parameter',
      error: invalidOf(infoQuerySchema, { external_order_id: 'not-a-uuid' }),
    },
  ],
  lookup_required: [{ summary: 'No complete lookup', error: keyError('lookup_required', 'lookupRequired') }],
  ...TOKEN_ERRORS,
  verification_required: [
    {
      summary: 'Order number without proof',
      error: keyError('verification_required', 'verificationRequired'),
    },
  ],
  not_found: [{ summary: 'No such order, or a wrong proof', error: keyError('not_found', 'notFound') }],
  rate_limited: [
    {
      summary: 'Locked after failed proofs',
      error: keyError('rate_limited', 'rateLimited', { retryAfterS: 1800 }),
    },
  ],
};

/** `client` and `postal_code`: the seed's short names, still accepted. */
const alias = (name: string, of: string) =>
  z
    .string()
    .optional()
    .meta({
      param: {
        name,
        in: 'query',
        description: `Alias of \`${of}\`; \`${of}\` wins when both are given.`,
      },
    });

const exampleQuery = infoQuerySchema.extend({
  account: infoQuerySchema.shape.account.meta({ param: { example: String(EXAMPLE_LOOKUP.account) } }),
  order_number: infoQuerySchema.shape.order_number.meta({
    param: { example: EXAMPLE_LOOKUP.order_number },
  }),
  recipient_postal_code: infoQuerySchema.shape.recipient_postal_code.meta({
    param: { example: EXAMPLE_LOOKUP.postal_code },
  }),
  lang: infoQuerySchema.shape.lang.meta({ param: { example: EXAMPLE_LOOKUP.lang } }),
});

const LOOKUP_DESCRIPTION = `One complete set of parameters names the order: \`tracking_id\`; \`tracking_number\` + \`courier\`; \`order_number\` + \`account\` (+ \`client_key\`); \`external_order_id\` + \`account\`; \`external_reference\` + \`account\`; \`customer_number\` + \`account\`; \`recipient_email\` + \`account\`. With several sets, the first in this list wins. Unknown parameters are ignored.

The answer's access level (header \`X-Access-Level\`) depends on the proof: a \`read\` token of the order's account, a valid \`s\` or a matching postal code or email give \`full\`; lookups the account allows without proof give \`limited\` (no personal data); else \`401 verification_required\` or \`404\`.`;

const infoOperation: ZodOpenApiOperationObject = {
  operationId: 'getOrderInfo',
  tags: ['Order status'],
  summary: 'Look up an order’s status',
  description: LOOKUP_DESCRIPTION,
  security: [{}, { token: ['read'] }],
  requestParams: { query: exampleQuery },
  parameters: [alias('client', 'client_key'), alias('postal_code', 'recipient_postal_code')],
  responses: {
    200: {
      description: 'The order, at the access level the request earned.',
      headers: z.object({
        'Content-Language': z.string().meta({ description: 'The language of the texts.' }),
        'X-Access-Level': z.enum(['full', 'limited']),
        'X-Live-Refresh': z
          .enum(['updated', 'unchanged', 'skipped', 'failed'])
          .optional()
          .meta({ description: 'What a `live_refresh=true` did.' }),
      }),
      content: {
        'application/json': {
          schema: orderInfoSchema,
          examples: {
            [EXAMPLE_LOOKUP.order_number]: { summary: 'In transit, full view', value: answers.info },
          },
        },
      },
    },
    ...errorResponses(LOOKUP_ERRORS),
  },
};

const widgetOperation: ZodOpenApiOperationObject = {
  operationId: 'getOrderWidget',
  tags: ['Order status'],
  summary: 'Draw an order’s status card (PNG)',
  description: `The order's status card for emails: 600 × 320 CSS pixels drawn at 2× (1200 × 640 PNG), without personal data at any access level. Takes the parameters and access rules of \`info\`; errors are JSON. Anonymous answers may be cached for 5 minutes.`,
  security: [{}, { token: ['read'] }],
  requestParams: {
    query: exampleQuery,
    header: z.object({
      'If-None-Match': z.string().optional().meta({ description: 'The `ETag` of a card already held.' }),
    }),
  },
  parameters: [alias('client', 'client_key'), alias('postal_code', 'recipient_postal_code')],
  responses: {
    200: {
      description: 'The card.',
      headers: z.object({
        ETag: z.string(),
        'Cache-Control': z.string().meta({ description: '`public, max-age=300` without a token.' }),
        'Content-Language': z.string(),
      }),
      content: { 'image/png': { schema: z.string().meta({ format: 'binary' }) } },
    },
    304: { description: 'The card has not changed since `If-None-Match`.' },
    ...errorResponses(LOOKUP_ERRORS),
  },
};

const linkOperation: ZodOpenApiOperationObject = {
  operationId: 'getSignedLink',
  tags: ['Order status'],
  summary: 'Mint a signed link for an email',
  description:
    'A signed tracking-page URL, widget URL and email snippet for an order of the token’s account, which must exist. Takes the lookups of `info`; `account` is the token’s own.',
  security: [{ token: ['read'] }],
  requestParams: {
    query: linkQuerySchema.extend({
      order_number: linkQuerySchema.shape.order_number.meta({
        param: { example: EXAMPLE_LOOKUP.order_number },
      }),
      expires_in: linkQuerySchema.shape.expires_in.meta({ param: { example: '30d' } }),
    }),
  },
  parameters: [alias('client', 'client_key')],
  responses: {
    200: {
      description: 'The links.',
      content: { 'application/json': { schema: signedLinkSchema, example: answers.link } },
    },
    ...errorResponses({
      invalid: [{ summary: 'A lifetime too short', error: invalidOf(linkQuerySchema, { expires_in: '10' }) }],
      lookup_required: LOOKUP_ERRORS.lookup_required,
      ...TOKEN_ERRORS,
      not_found: LOOKUP_ERRORS.not_found,
    }),
  },
};

const [exampleTracking] = requests.order.trackings;

const putOperation: ZodOpenApiOperationObject = {
  operationId: 'putOrder',
  tags: ['Merchant'],
  summary: 'Create or replace an order',
  description:
    'Creates (201) or replaces (200) one order of the token’s account with its trackings and articles, identified by `order_number` (+ `client_key`) or `external_order_id`. A tracking the order no longer lists is detached, not deleted. Unknown fields are refused. The order needs a proof a shopper can give (a postal code or `recipient_email`) unless `token_only` is true.',
  security: [{ token: ['write'] }],
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: orderInputSchema.meta({ id: 'OrderInput' }),
        examples: { [EXAMPLE_LOOKUP.order_number]: { summary: 'A demo shop order', value: requests.order } },
      },
    },
  },
  responses: {
    200: {
      description: 'Replaced: the stored order (full view, in the order’s language), and any warnings.',
      content: { 'application/json': { schema: writtenOrderSchema, example: answers.put } },
    },
    201: {
      description: 'Created: as 200.',
      content: { 'application/json': { schema: writtenOrderSchema } },
    },
    ...errorResponses({
      invalid: [
        {
          summary: 'A misspelled field',
          error: invalidOf(orderInputSchema, {
            ...requests.order,
            trackings: [{ ...exampleTracking, tracking_numbr: exampleTracking?.tracking_number }],
          }),
        },
        {
          summary: 'No proof a shopper could give',
          error: invalidOf(orderInputSchema, { order_number: 'X1' }),
        },
      ],
      ...TOKEN_ERRORS,
      conflict: [
        {
          summary: '`external_order_id` of another order',
          error: keyError('conflict', 'conflict', { attr: 'external_order_id' }),
        },
      ],
    }),
  },
};

const eventSchema = eventInputSchema.meta({ id: 'Event' });

const eventsOperation: ZodOpenApiOperationObject = {
  operationId: 'postEvents',
  tags: ['Merchant'],
  summary: 'Push carrier events',
  description:
    'Stores carrier events (202) for trackings of the token’s account: one event, an array of at most 500, or `{"events": […]}`. Each names its tracking by `courier` + `tracking_number` or by `tracking_id`; an unknown tracking number creates the tracking. The same event sent twice is stored once. An `event_timestamp` more than 7 days ahead is refused. Unknown fields are refused.',
  security: [{ token: ['write'] }],
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: z.union([
          eventSchema,
          z.array(eventSchema).min(1).max(500),
          strictObject({ events: z.array(eventSchema).min(1).max(500) }),
        ]),
        examples: {
          [EXAMPLE_LOOKUP.order_number]: {
            summary: 'The demo order’s events',
            value: { events: requests.events },
          },
        },
      },
    },
  },
  responses: {
    202: {
      description: 'Stored; duplicates counted, not stored again.',
      content: { 'application/json': { schema: ingestResultSchema, example: answers.events } },
    },
    ...errorResponses({
      invalid: [
        {
          summary: 'A status code that does not exist',
          error: invalidOf(z.array(eventSchema), [{ ...requests.events[0], event_status: 'Teleported' }]),
        },
      ],
      ...TOKEN_ERRORS,
    }),
  },
};

const DESCRIPTION = `The HTTP API of this order status portal: look orders up (\`info\`), draw their status card (\`info-widget\`), mint signed links for emails (\`link\`), and push orders and carrier events in.

- Every path works with and without the trailing slash.
- A token is sent as \`Authorization: Bearer osp_…\`; it belongs to one account and has the scopes \`read\` and/or \`write\` (\`npm run cli -- tokens create\`). \`info\` and \`info-widget\` also answer without a token, at the access level a proof earns.
- Errors share one envelope with the real HTTP status. A method an address does not serve answers \`405 method_not_allowed\` with \`Allow\`; an unknown path under \`/v4/\` answers \`404 not_found\`.
- The examples are the demo shop's: account ${EXAMPLE_LOOKUP.account}, order ${EXAMPLE_LOOKUP.order_number}, postal code ${EXAMPLE_LOOKUP.postal_code}.
- The access policy, lockout, the signature \`s\` and the status vocabulary are described in docs/api.md of the repository.`;

let document: ReturnType<typeof createDocument> | undefined;

/** The document, built once per process. */
export function openApiDocument() {
  document ??= createDocument({
    openapi: '3.1.0',
    info: { title: 'Order Status Portal API', version: packageJson.version, description: DESCRIPTION },
    tags: [
      { name: 'Order status', description: 'Reading: for shoppers’ pages, apps and emails.' },
      { name: 'Merchant', description: 'Writing: the shop’s orders and its carriers’ events.' },
      { name: 'Service' },
    ],
    components: {
      securitySchemes: {
        token: {
          type: 'http',
          scheme: 'bearer',
          description: 'An account token `osp_…` with the scopes `read` and/or `write`.',
        },
      },
    },
    paths: {
      '/v4/track/orders/info/': { get: infoOperation },
      '/v4/track/orders/info-widget/': { get: widgetOperation },
      '/v4/track/orders/link/': { get: linkOperation },
      '/v4/track/orders/': { put: putOperation },
      '/v4/track/events/': { post: eventsOperation },
      '/v4/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          tags: ['Service'],
          summary: 'This document',
          responses: {
            200: {
              description: 'OpenAPI 3.1.',
              content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
            },
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'getHealth',
          tags: ['Service'],
          summary: 'Liveness',
          responses: {
            200: {
              description: 'The server answers.',
              content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
            },
          },
        },
      },
    },
  });
  return document;
}
