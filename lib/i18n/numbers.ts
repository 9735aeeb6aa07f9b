/**
 * Numbers in the page's language, through the platform's ICU data: `1,234` in English, and
 * `1234` in Chinese, where a count such as `1265 字` is usually written without a thousands comma.
 */

/** One formatter per locale: `toLocaleString(locale)` builds a new Intl.NumberFormat on every call. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number, locale: string): string {
  let format = formatters.get(locale);
  if (!format) formatters.set(locale, (format = new Intl.NumberFormat(locale, { useGrouping: !/^zh\b/i.test(locale) })));
  return format.format(n);
}
