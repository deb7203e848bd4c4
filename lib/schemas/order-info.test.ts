import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { IngestResult } from '@/lib/orders/ingest-events';
import type { SignedLink } from '@/lib/orders/links';
import type { ArticleOut, OrderInfo, TrackingInfo } from '@/lib/projection/types';
import type {
  articleInfoSchema,
  ingestResultSchema,
  orderInfoSchema,
  signedLinkSchema,
  trackingInfoSchema,
} from './order-info';

// Checked by `tsc --noEmit` (and by Vitest's typecheck): a field added to, renamed in or retyped
// in the answers of lib/projection or lib/orders without the same change here fails the build.
describe('the response schemas describe what the API answers', () => {
  it('order and tracking, field for field', () => {
    expectTypeOf<Omit<z.output<typeof orderInfoSchema>, 'trackings'>>().toEqualTypeOf<
      Omit<OrderInfo, 'trackings'>
    >();
    expectTypeOf<Omit<z.output<typeof trackingInfoSchema>, 'articles'>>().toEqualTypeOf<
      Omit<TrackingInfo, 'articles'>
    >();
  });

  it('articles: the projection types them loosely, the schema names the seed fields', () => {
    expectTypeOf<z.output<typeof articleInfoSchema>>().toExtend<ArticleOut>();
  });

  it('events answer and signed link', () => {
    expectTypeOf<Omit<z.output<typeof ingestResultSchema>, 'warnings'>>().toEqualTypeOf<
      Omit<IngestResult, 'warnings'>
    >();
    expectTypeOf<z.output<typeof signedLinkSchema>>().toEqualTypeOf<SignedLink>();
  });
});
