/**
 * Dates as the user reads them: every date the app shows goes through `formatDate`, with the
 * page's language (`navigator.languages`, as the webview reports the user's). The engine's own
 * default is not used: a webview's `Intl` default can differ from the user's language (an
 * en-US default on an en-GB or fr-BE desktop shows 10/20/2015 for 20 October).
 */

/** The user's languages, most preferred first (undefined outside a browser: Intl's default). */
export function pageLocales(): readonly string[] | undefined {
  const nav = globalThis.navigator;
  if (!nav) return undefined;
  const list = nav.languages?.length ? nav.languages : nav.language ? [nav.language] : [];
  // A desktop without a locale (LANG=C) gives tags such as `c` that Intl refuses (a RangeError
  // that would stop every screen showing a date): keep only the ones it takes.
  const valid = list.filter((tag) => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
    } catch {
      return false;
    }
  });
  return valid.length ? valid : undefined;
}

export interface DateFormat {
  /** Show the time of day too (hours and minutes). Default: the date only. */
  time?: boolean;
  /** A time zone to show the date in (`UTC`); default: the computer's. */
  timeZone?: string;
  /** Overrides the page's languages (tests, or a site's own language). */
  locale?: string | readonly string[];
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One `Intl.DateTimeFormat` per kind: making one costs far more than using it. */
function formatter(options: DateFormat): Intl.DateTimeFormat {
  const locale = options.locale ?? pageLocales();
  const key = JSON.stringify([locale, options.time ?? false, options.timeZone ?? null]);
  let format = formats.get(key);
  if (!format) {
    const style: Intl.DateTimeFormatOptions = options.time
      ? { dateStyle: 'medium', timeStyle: 'short' }
      : { dateStyle: 'medium' };
    if (options.timeZone) style.timeZone = options.timeZone;
    format = new Intl.DateTimeFormat(locale as string[] | undefined, style);
    formats.set(key, format);
  }
  return format;
}

/**
 * A date in the user's language, its month in words so that day and month cannot be taken
 * one for the other: `20 Oct 2015` (en-GB), `Oct 20, 2015` (en-US), `20 oct. 2015` (fr-BE);
 * with `time`, `20 Oct 2015, 08:00`. Text that is not a date comes back as it is.
 */
export function formatDate(value: Date | string, options: DateFormat = {}): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return formatter(options).format(date);
}
