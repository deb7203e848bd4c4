import type { LimitedTexts } from './texts';
import type { AccessLevel, OrderInfo, OrderPageExtras } from './types';

// The third pass of the projection: what each access level may see. `full` sees everything.
// `limited` sees a field only if LIMITED_VIEW lists it; every other field is null ([] for a list),
// so a field added to the response stays hidden until someone decides that it is status data.

/** The limited view shows the field as it is. */
const SHOWN = 'shown';
/** The limited view shows its own text for the field, written beside the full one (LimitedTexts). */
const LIMITED_TEXT = 'limited text';

type Nested<T> = T extends readonly (infer Item)[] ? Table<Item> : T extends object ? Table<T> : never;
/** A field shown, shown in its limited text, or an object (or list of them) with a table of its own. */
type Rule<T> = typeof SHOWN | typeof LIMITED_TEXT | Nested<NonNullable<T>>;
type Table<T> = { readonly [K in keyof T]?: Rule<T[K]> };

const LIMITED_VIEW: Table<OrderInfo> = {
  order_number: SHOWN,
  client_key: SHOWN,
  order_date: SHOWN,
  destination_country_iso3: SHOWN,
  trackings: {
    tracking_id: SHOWN,
    tracking_number: SHOWN,
    courier_info: {
      courier: SHOWN,
      courier_name: SHOWN,
      courier_tracking_url: SHOWN,
      courier_reroute_url: SHOWN,
      last_mile_courier: SHOWN,
      last_mile_courier_name: SHOWN,
    },
    last_delivery_status: {
      step: SHOWN,
      status_code: SHOWN,
      status_text: SHOWN,
      status_details: SHOWN,
      lifecycle_status: SHOWN,
      exception_type: SHOWN,
      event_timestamp: SHOWN,
      next_action: SHOWN,
      icon_hint: SHOWN,
    },
    // Its type only: the detail names a neighbour or a pickup point's street.
    delivery_location: LIMITED_TEXT,
    is_delayed: SHOWN,
    is_exception: SHOWN,
    is_return: SHOWN,
    action_box: {
      type: SHOWN,
      label: SHOWN,
      // A pickup point by its name, city and country: its postal code is usually the recipient's,
      // the very proof that unlocks the full view.
      label_communication: LIMITED_TEXT,
      label_caption: SHOWN,
      address: LIMITED_TEXT,
      opening_hours: { day: SHOWN, open: SHOWN, close: SHOWN },
      raw: {
        earliest_date: SHOWN,
        latest_date: SHOWN,
        has_time: SHOWN,
        earliest_time: SHOWN,
        latest_time: SHOWN,
      },
    },
    destination_country_iso3: SHOWN,
    identifiers_consignment: SHOWN,
    // The merchant's own data may name anyone: only the date a return's refund was processed,
    // which is the return's status (refund.ts).
    additional_attributes: LIMITED_TEXT,
    announced_delivery_date: SHOWN,
    announced_delivery_date_min: SHOWN,
    pod_identifier: SHOWN,
    pod_date: SHOWN,
    timezone: SHOWN,
    reporting_info: {
      is_forgotten: SHOWN,
      is_delayed: SHOWN,
      has_failed_attempt: SHOWN,
      is_delayed_dispatch: SHOWN,
      is_returned: SHOWN,
      is_customer_promise_exceeded: SHOWN,
      trending_late_probability: SHOWN,
      trending_late_status: SHOWN,
      contacted_with_messages: SHOWN,
      exception_messages: SHOWN,
      in_transit_date: SHOWN,
      pickup_date: SHOWN,
      courier_dropoff_date: SHOWN,
      delivery_date: SHOWN,
      returned_date: SHOWN,
    },
    supports_live_refresh: SHOWN,
    checkpoints: {
      step: SHOWN,
      courier: SHOWN,
      status_code: SHOWN,
      event_timestamp: SHOWN,
      status_text: SHOWN,
      // The carrier's own words may name people: the limited view has our text for the status.
      status_details: LIMITED_TEXT,
      is_hidden: SHOWN,
      // City and country only.
      location: LIMITED_TEXT,
      delivery_location_type: SHOWN,
      estimated_delivery_date: { start_date: SHOWN, end_date: SHOWN, start_time: SHOWN, end_time: SHOWN },
      exception_type: SHOWN,
      next_action: SHOWN,
    },
    checkpoints_omitted: SHOWN,
  },
};

/** The pages' extras: the order's items are personal (like `articles` above), a hold is status. */
const LIMITED_PAGE_EXTRAS: Table<OrderPageExtras> = {
  trackings: { held_at: SHOWN, held_until: SHOWN },
};

type AnyTable = Readonly<Record<string, unknown>>;

function get(from: unknown, key: string | number): unknown {
  return from !== null && typeof from === 'object' && Object.hasOwn(from, key)
    ? (from as Record<string, unknown>)[key]
    : undefined;
}

function redactField(value: unknown, rule: unknown, limitedText: unknown): unknown {
  if (rule === SHOWN) return value;
  if (rule === LIMITED_TEXT) return limitedText ?? null;
  if (rule === undefined) return Array.isArray(value) ? [] : null;
  if (value === null) return null;
  if (Array.isArray(value))
    return value.map((item, i) => redactObject(item, rule as AnyTable, get(limitedText, i)));
  return redactObject(value, rule as AnyTable, limitedText);
}

function redactObject(node: unknown, table: AnyTable, limitedTexts: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as object)) {
    const rule = Object.hasOwn(table, key) ? table[key] : undefined;
    out[key] = redactField(value, rule, get(limitedTexts, key));
  }
  return out;
}

/** The order as an access level may see it. */
export function redact(full: OrderInfo, limitedTexts: LimitedTexts, level: AccessLevel): OrderInfo {
  if (level === 'full') return full;
  return redactObject(full, LIMITED_VIEW, limitedTexts) as OrderInfo;
}

/** The pages' extras as an access level may see them. */
export function redactPageExtras(extras: OrderPageExtras, level: AccessLevel): OrderPageExtras {
  if (level === 'full') return extras;
  return redactObject(extras, LIMITED_PAGE_EXTRAS, undefined) as OrderPageExtras;
}
