import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/errors';
import { lookupFormSchema } from '@/lib/schemas/lookup-form';
import { formFields } from './forms';

const post = (
  body: BodyInit,
  type = 'application/x-www-form-urlencoded',
  headers: Record<string, string> = {},
) =>
  new Request('http://localhost/track/lookup', {
    method: 'POST',
    body,
    headers: { 'content-type': type, ...headers },
    duplex: 'half',
  } as RequestInit);

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof DomainError ? error.entries[0]!.detail : String(error)),
  );

describe('formFields', () => {
  it('reads a urlencoded form with the API aliases, first value first', async () => {
    const fields = await formFields(post('order_number=NL-1&postal_code=10%20115&lang=de&lang=ar'), 1024);
    expect(fields).toEqual({ order_number: 'NL-1', recipient_postal_code: '10 115', lang: 'de' });
  });

  it('accepts a charset parameter on the content type', async () => {
    expect(await formFields(post('a=1', 'application/x-www-form-urlencoded; charset=UTF-8'), 1024)).toEqual({
      a: '1',
    });
  });

  it('refuses other content types', async () => {
    expect(await refusal(formFields(post('{"a":1}', 'application/json'), 1024))).toBe(
      'Send the form as application/x-www-form-urlencoded.',
    );
    expect(await refusal(formFields(post('a=1', ''), 1024))).toBe(
      'Send the form as application/x-www-form-urlencoded.',
    );
  });

  it('refuses a body over the limit, declared or streamed', async () => {
    expect(await refusal(formFields(post('a=1', undefined, { 'content-length': '5000' }), 1024))).toBe(
      'The form is larger than 1 kB.',
    );
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(400)));
        controller.close();
      },
    });
    expect(await refusal(formFields(post(stream), 1024))).toBe('The form is larger than 1 kB.');
  });
});

describe('lookupFormSchema', () => {
  it('needs a proof', () => {
    const result = lookupFormSchema.safeParse({ order_number: 'NL-1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['recipient_postal_code']);
    expect(lookupFormSchema.safeParse({ order_number: 'NL-1', recipient_postal_code: '' }).success).toBe(
      true,
    );
  });

  it('refuses an absurdly long field', () => {
    expect(
      lookupFormSchema.safeParse({ recipient_postal_code: '1', order_number: 'x'.repeat(2000) }).success,
    ).toBe(false);
  });
});
