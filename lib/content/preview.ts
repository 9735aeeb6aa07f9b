/**
 * Preview rebuilds (`npm start`) render only the pages whose output can have changed since the
 * last successful build. Every page gets a fingerprint of everything its templates can print:
 * the page's own view object, with each essay it shows replaced by a hash of that essay and of
 * the neighbours and translations the essay page links by title. Site-wide data (settings, UI
 * strings, language views) is one more fingerprint; when it changes, everything renders.
 */
import { createHash } from "node:crypto";
import type { Essay, Page, SiteModel } from "./model.ts";

export interface Fingerprints {
  site: string;
  /** Output path → fingerprint. */
  pages: Map<string, string>;
}

const hash = (text: string) => createHash("sha1").update(text).digest("base64");

/**
 * The last fingerprinting's hash of each essay body, by the body's text. Bodies are most of
 * what is hashed, and a rebuild after one edit has the same text for all but one essay: looking
 * a body up (V8 keeps a string's hash; a hit compares its characters) costs far less than
 * serializing and hashing it again.
 */
let bodyHashes = new Map<string, string>();

export function fingerprintSite(model: SiteModel): Fingerprints {
  const essays = new Set<unknown>(model.essays);
  const shallow = new Map<Essay, string>();
  const bodies = new Map<string, string>();
  const bodyHash = (html: string): string => {
    let value = bodies.get(html);
    if (value === undefined) {
      value = bodyHashes.get(html) ?? hash(html);
      bodies.set(html, value);
    }
    return value;
  };
  // An essay's own fields (its body by hash); essays it points at (translations, neighbours)
  // only by URL. The source text is left out: everything shown is derived from it into the
  // other fields.
  const shallowOf = (essay: Essay): string => {
    let value = shallow.get(essay);
    if (value === undefined) {
      const { translations, previous, next, source, html, ...own } = essay;
      const links = [source.file, previous?.url, next?.url, ...translations.map((other) => other.url), bodyHash(html)];
      let text: string;
      try {
        // Native stringify without a replacer: this runs for every essay on every rebuild.
        text = JSON.stringify([own, links]);
      } catch {
        // A plugin hung another essay on this one: replace essays by their URL wherever they are.
        text = JSON.stringify([own, links], (_key, inner: unknown) => (essays.has(inner) ? (inner as Essay).url : inner));
      }
      value = hash(text);
      shallow.set(essay, value);
    }
    return value;
  };
  const deep = new Map<Essay, string>();
  const deepOf = (essay: Essay): string => {
    let value = deep.get(essay);
    if (value === undefined) {
      const linked = [essay.previous, essay.next, ...essay.translations].map((other) => (other ? shallowOf(other) : "-"));
      value = hash([shallowOf(essay), ...linked].join(" "));
      deep.set(essay, value);
    }
    return value;
  };
  const pages = new Map<string, string>();
  // Wherever a page holds an essay, its deep hash stands in. A replacer function would be
  // called for every value of every page (a third of this function's time at 1,776 pages);
  // a temporary toJSON on each essay lets the native serializer do it.
  for (const essay of model.essays) deepOf(essay);
  try {
    for (const essay of model.essays) Object.defineProperty(essay, "toJSON", { value: () => deep.get(essay), configurable: true });
    for (const page of model.pages) pages.set(page.permalink, hash(JSON.stringify(page)));
  } finally {
    for (const essay of model.essays) delete (essay as Partial<Record<"toJSON", unknown>>).toJSON;
  }
  const site = hash(JSON.stringify({ settings: model.settings, languages: model.languages }));
  bodyHashes = bodies;
  return { site, pages };
}

/** The pages to render now: all of them, unless a previous build's fingerprints say which did not change. */
export function pagesToRender(pages: Page[], now: Fingerprints, previous: Fingerprints | undefined): Page[] {
  if (!previous || previous.site !== now.site) return pages;
  return pages.filter((page) => previous.pages.get(page.permalink) !== now.pages.get(page.permalink));
}
