import { orderFacts } from './facts';
import { redact } from './redaction';
import { orderTexts } from './texts';
import type { OrderInfo, ProjectionInput } from './types';

/**
 * Stored rows → the seed's order object at the given access level, with every derived field: what
 * is true (facts), in words (texts), as the access level may see it (redaction).
 */
export function projectOrder(input: ProjectionInput): OrderInfo {
  const { full, limited } = orderTexts(orderFacts(input), input.t, input.locale);
  return redact(full, limited, input.level);
}
