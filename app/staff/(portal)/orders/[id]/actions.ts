'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { refreshStaffOrder } from '@/lib/staff/order-detail';
import { requireStaff } from '@/lib/staff/session';

const orderIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** The refresh button: asks the carriers now, then shows the order again with the outcome. */
export async function refreshOrderAction(form: FormData): Promise<never> {
  const staff = await requireStaff();
  const orderId = orderIdSchema.safeParse(form.get('order_id'));
  if (!orderId.success) redirect('/staff');
  const status = await refreshStaffOrder(getDb(), staff.accountId, orderId.data);
  redirect(`/staff/orders/${orderId.data}?refreshed=${status}`);
}
