/** Numbers in the page's language (`1,234` / `1,234`), through the platform's ICU data. */

/** One formatter per locale: `toLocaleString(locale)` builds a new Intl.NumberFormat on every call. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number, locale: string): string {
  let format = formatters.get(locale);
  if (!format) formatters.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}
