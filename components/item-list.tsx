import { translationsFor } from '@/lib/i18n/translations';
import type { ArticleOut } from '@/lib/projection/types';

/** The items of a parcel or an order: name and quantity. */
export function ItemList({ articles, locale }: { articles: ArticleOut[]; locale: string }) {
  const t = translationsFor(locale, 'page');
  return (
    <ul className="mt-1 space-y-1">
      {articles.map((a, i) => (
        <li key={String(a.line_item_id ?? a.sku ?? i)}>
          <bdi>{String(a.article_name ?? a.sku ?? '')}</bdi>
          {typeof a.quantity === 'number' && (
            <span className="text-neutral-700"> · {t('quantity', { count: a.quantity })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
