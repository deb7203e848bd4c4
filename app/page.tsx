import { getTranslations } from 'next-intl/server';

const ENDPOINTS = [
  { method: 'GET', path: '/v4/track/orders/info/', key: 'apiInfo' },
  { method: 'PUT', path: '/v4/track/orders/', key: 'apiOrders' },
  { method: 'POST', path: '/v4/track/events/', key: 'apiEvents' },
  { method: 'GET', path: '/v4/track/orders/link/', key: 'apiLink' },
] as const;

export default async function HomePage() {
  const t = await getTranslations('home');
  return (
    <main className="mx-auto max-w-xl px-4 py-10">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-4">{t('intro')}</p>
      <ul className="mt-4 space-y-2">
        {ENDPOINTS.map((e) => (
          <li key={e.path}>
            <code className="rounded bg-neutral-200 px-1">
              {e.method} {e.path}
            </code>{' '}
            {t(e.key)}
          </li>
        ))}
      </ul>
      <p className="mt-6 text-sm text-neutral-700">
        {t('demo', { account: 1001, order: 'NL-10001', postalCode: '10115' })}
      </p>
    </main>
  );
}
