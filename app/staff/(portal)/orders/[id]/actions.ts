'use server';

import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { refreshStaffOrder } from '@/lib/staff/order-detail';
import { requireStaff } from '@/lib/staff/session';

const orderIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** The refresh button: asks the carriers now, then shows the order again with the outcome. */
export async function refreshOrderAction(form: FormData): Promise<never> {
  const staff = await requireStaff();
  const orderId = orderIdSchema.safeParse(form.get('order_id'));
  if (!orderId.success) redirect('/staff');
  // Another account's order (an id edited in the form) answers like a missing one: a 404, not a 500.
  const status = await refreshStaffOrder(getDb(), staff.accountId, orderId.data).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  });
  redirect(`/staff/orders/${orderId.data}?refreshed=${status}`);
}
