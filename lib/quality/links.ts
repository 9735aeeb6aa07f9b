/**
 * Our own link checker over the built output: every internal link, asset and `#fragment` in
 * pages, the sitemap and the feeds must resolve to a file (and an element id) in the site.
 * Absolute links to the site's own URL count as internal; other sites are not fetched.
 */
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { parseDocument, DomUtils } from "htmlparser2";

export interface BrokenLink {
  /** Site path of the file that holds the link. */
  from: string;
  href: string;
  reason: string;
}

export interface LinkReport {
  files: number;
  links: number;
  broken: BrokenLink[];
}

interface Reference { from: string; href: string }

type Element = ReturnType<typeof DomUtils.findAll>[number];

/** A URL attribute per element that can point at another resource. */
const URL_ATTRIBUTES: [string, string][] = [
  ["a", "href"], ["link", "href"], ["img", "src"], ["script", "src"], ["source", "src"], ["iframe", "src"], ["video", "poster"], ["form", "action"],
];

function srcsetUrls(value: string): string[] {
  return value.split(",").map((part) => part.trim().split(/\s+/)[0]).filter(Boolean);
}

function fileFor(siteDir: string, pathname: string): string | undefined {
  const file = path.join(siteDir, pathname);
  if (!file.startsWith(siteDir)) return undefined;
  if (pathname.endsWith("/")) return existsSync(path.join(file, "index.html")) ? path.join(file, "index.html") : undefined;
  if (existsSync(file) && statSync(file).isFile()) return file;
  return undefined;
}

export async function checkLinks(siteDir: string, siteUrl: string, pathPrefix = "/"): Promise<LinkReport> {
  const root = path.resolve(siteDir);
  const base = new URL(pathPrefix, siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`);
  const references: Reference[] = [];
  const idsByFile = new Map<string, Set<string>>();

  const pages = await glob("**/*.html", { cwd: root });
  for (const page of pages) {
    const document = parseDocument(await readFile(path.join(root, page), "utf8"));
    const from = `/${page}`;
    const ids = new Set<string>();
    for (const element of DomUtils.findAll(() => true, document.children) as Element[]) {
      if (element.attribs.id) ids.add(element.attribs.id);
      if (element.name === "a" && element.attribs.name) ids.add(element.attribs.name);
      for (const [tag, attribute] of URL_ATTRIBUTES) {
        if (element.name === tag && element.attribs[attribute] !== undefined) references.push({ from, href: element.attribs[attribute] });
      }
      if (element.attribs.srcset) for (const href of srcsetUrls(element.attribs.srcset)) references.push({ from, href });
    }
    idsByFile.set(path.join(root, page), ids);
  }

  // Sitemaps and feeds, when the build has them.
  const xmlFiles = await glob(["**/*.xml"], { cwd: root });
  for (const file of xmlFiles) {
    const document = parseDocument(await readFile(path.join(root, file), "utf8"), { xmlMode: true });
    for (const element of DomUtils.findAll(() => true, document.children) as Element[]) {
      if (element.name === "loc" || (element.name === "link" && !element.attribs.href) || element.name === "comments") references.push({ from: `/${file}`, href: DomUtils.textContent(element).trim() });
      if (element.attribs.href) references.push({ from: `/${file}`, href: element.attribs.href });
      if (element.attribs.url && element.name !== "media:content") references.push({ from: `/${file}`, href: element.attribs.url });
      if (element.name === "xhtml:link" && element.attribs.href) references.push({ from: `/${file}`, href: element.attribs.href });
    }
  }
  const jsonFeeds = (await glob(["**/*.json"], { cwd: root })).filter((f) => !f.startsWith("assets/"));
  for (const file of jsonFeeds) {
    const feed = JSON.parse(await readFile(path.join(root, file), "utf8")) as { version?: string; home_page_url?: string; feed_url?: string; items?: { url?: string; image?: string }[] };
    if (typeof feed.version !== "string" || !feed.version.includes("jsonfeed")) continue;
    for (const href of [feed.home_page_url, feed.feed_url, ...(feed.items ?? []).flatMap((i) => [i.url, i.image])]) {
      if (href) references.push({ from: `/${file}`, href });
    }
  }

  const broken: BrokenLink[] = [];
  for (const { from, href } of references) {
    if (!href) {
      broken.push({ from, href, reason: "empty link" });
      continue;
    }
    const pageUrl = new URL(from.replace(/index\.html$/, ""), base);
    let target: URL;
    try {
      target = new URL(href, pageUrl);
    } catch {
      broken.push({ from, href, reason: "not a valid URL" });
      continue;
    }
    if (target.origin !== base.origin && target.origin !== pageUrl.origin) continue;
    if (!["http:", "https:"].includes(target.protocol)) continue;
    if (!target.pathname.startsWith(base.pathname)) {
      broken.push({ from, href, reason: `outside the site's path prefix ${base.pathname}` });
      continue;
    }
    let pathname: string;
    try {
      pathname = "/" + decodeURIComponent(target.pathname.slice(base.pathname.length));
    } catch {
      broken.push({ from, href, reason: "bad percent-encoding" });
      continue;
    }
    const file = fileFor(root, pathname);
    if (!file) {
      broken.push({ from, href, reason: `no file for ${pathname}` });
      continue;
    }
    if (target.hash && target.hash !== "#") {
      const id = decodeURIComponent(target.hash.slice(1));
      const ids = idsByFile.get(file);
      if (!ids) broken.push({ from, href, reason: "fragment into a file that is not a page" });
      else if (!ids.has(id)) broken.push({ from, href, reason: `no element with id "${id}" in ${pathname}` });
    }
  }
  return { files: pages.length + xmlFiles.length + jsonFeeds.length, links: references.length, broken };
}

export function formatBrokenLink(b: BrokenLink): string {
  return `${b.from}: ${b.href} — ${b.reason}`;
}
