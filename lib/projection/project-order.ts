import { orderFacts, type OrderFacts } from './facts';
import { redact, redactPageExtras } from './redaction';
import { orderTexts } from './texts';
import type { OrderInfo, OrderPageExtras, ProjectionInput } from './types';

function pageExtras(facts: OrderFacts): OrderPageExtras {
  return {
    articles: facts.articles,
    trackings: facts.trackings.map(({ hold, checkpoints }) => ({
      held_at: hold?.place ?? null,
      held_until: hold?.until ?? null,
      details_languages: checkpoints.map(({ row }) =>
        row.event_details ? row.event_details_language : null,
      ),
    })),
  };
}

/**
 * Stored rows → the seed's order object at the given access level, with every derived field: what
 * is true (facts), in words (texts), as the access level may see it (redaction); and what the
 * shopper pages show beside it.
 */
export function projectOrderPage(input: ProjectionInput): { info: OrderInfo; extras: OrderPageExtras } {
  const facts = orderFacts(input);
  const { full, limited } = orderTexts(facts, input.t, input.locale);
  return {
    info: redact(full, limited, input.level),
    extras: redactPageExtras(pageExtras(facts), input.level),
  };
}

/** The seed's order object alone (the API, the widget). */
export function projectOrder(input: ProjectionInput): OrderInfo {
  return projectOrderPage(input).info;
}
