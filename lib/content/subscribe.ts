/**
 * The subscribe page of a language, where the header's subscribe link goes: a sentence on what
 * a feed is, then the RSS, Atom and JSON Feed addresses (absolute, to paste into a reader) with
 * links to the feeds themselves. Feeds stay plain XML; this page is what people read.
 */
import type { Translate } from "../i18n/strings.ts";

export interface FeedLink {
  format: "rss" | "atom" | "json";
  name: string;
  href: string;
  /** Its media type, for the link's `type`. */
  type: string;
  /** The address to paste into a reader. */
  address: string;
}

/** Site path of a language's subscribe page under its root (`/subscribe/`, `/en/subscribe/`). */
export function subscribeUrl(root: string): string {
  return `${root}subscribe/`;
}

const TYPES = { rss: "application/rss+xml", atom: "application/atom+xml", json: "application/feed+json" } as const;

export function feedLinks(feeds: { rss: string; atom: string; json: string }, tr: Translate, absolute: (href: string) => string): FeedLink[] {
  return (["rss", "atom", "json"] as const).map((format) => ({
    format,
    name: tr(`subscribePage.${format}`),
    href: feeds[format],
    type: TYPES[format],
    address: absolute(feeds[format]),
  }));
}
