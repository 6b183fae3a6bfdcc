// Numbers, dates and times in the language the editor speaks (Intl), so "1,200" and "2026/11/29 09:00"
// read as the member expects. Formatters are cached per language: building one costs more than using it.
import { currentLocale, type Locale } from './i18n';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (l: Locale) => T): T {
  const locale = currentLocale();
  const id = `${locale}:${key}`;
  let f = cache.get(id) as T | undefined;
  if (!f) cache.set(id, (f = make(locale)));
  return f;
}

/** A count as the member reads numbers ("1,200"). */
export const formatNumber = (n: number): string => formatter('n', (l) => new Intl.NumberFormat(l)).format(n);

/** A share as a percentage ("12.5%"), `ratio` from 0 to 1. */
export const formatPercent = (ratio: number, digits = 1): string =>
  formatter(`p${digits}`, (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: digits })).format(
    ratio,
  );

const asDate = (at: string | number | Date) => (at instanceof Date ? at : new Date(at));

/** A moment with date and time, in the browser's zone ("29 Nov 2026, 09:00"). */
export const formatDateTime = (at: string | number | Date): string =>
  formatter('dt', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(asDate(at));

/** A day ("29 Nov 2026"). */
export const formatDate = (at: string | number | Date): string =>
  formatter('d', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' })).format(asDate(at));

/** A time of day ("09:00"). */
export const formatTime = (at: string | number | Date): string =>
  formatter('t', (l) => new Intl.DateTimeFormat(l, { timeStyle: 'short' })).format(asDate(at));

/** The days of the week, Sunday first, short ("Sun", "周日"). */
export const weekdayNames = (): string[] => {
  const f = formatter('wd', (l) => new Intl.DateTimeFormat(l, { weekday: 'short', timeZone: 'UTC' }));
  // 4 January 2026 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2026, 0, 4 + i)));
};
