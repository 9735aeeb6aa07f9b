/**
 * Where every page of the site is written, checked before anything is: slugs, `url` and
 * `aliases` must be paths inside the site, and no two outputs may share a file, differ only
 * in letter case (one file on macOS, Windows and many hosts), take the place of the site's
 * own files (assets, images, search index, feeds) or need a file where a folder goes.
 * Each problem is one line naming the file, the field, the value and what it collides with.
 */
import type { Problem } from "./problems.ts";
import { showValue } from "./problems.ts";

/** C0 and C1 controls, line and paragraph separators, and bidirectional overrides and isolates. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function codePoint(text: string): string {
  const ch = CONTROL.exec(text)![0];
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Why a front-matter slug cannot be a path segment, or undefined when it can. */
export function slugShapeProblem(slug: string): string | undefined {
  if (CONTROL.test(slug)) return `contains the control character ${codePoint(slug)}`;
  if (slug === "." || slug === "..") return "is not a name (. and .. point at folders)";
  return undefined;
}

/** Why a `url` or an alias cannot be a path of this site, or undefined when it can. */
export function pathShapeProblem(value: string): string | undefined {
  if (!value.trim()) return "is empty";
  if (CONTROL.test(value)) return `contains the control character ${codePoint(value)}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) return "is an absolute URL; write a path of this site such as /old/path/";
  if (value.includes("\\")) return "contains a backslash; use / between folders";
  if (/[?#]/.test(value)) return "contains ? or #; a path names a page, not a query or a fragment";
  if (value.split("/").some((part) => part === ".." || part === ".")) return "contains . or .. segments; write the path from the site root, such as /old/path/";
  return undefined;
}

/** One output file and who asked for it. */
export interface Output {
  /** Site path of the file: `/posts/a/index.html`. */
  permalink: string;
  /** What it is, for messages: `posts/a.md`, `the tags page /tags/`. */
  what: string;
  /** When an author's file asked for it: where, which field, which value. */
  source?: { file: string; line?: number; field: string; value: string; rule: string };
  /** A redirect from the files' letter case to the lowercased page it belongs to. */
  caseOf?: string;
}

/** Site paths only the engine writes: a page or alias there would overwrite them or be overwritten. */
export function reservedOutputs(roots: string[]): Output[] {
  const outputs: Output[] = [
    { permalink: "/assets/", what: "the site's assets (assets/)" },
    { permalink: "/img/", what: "the optimized images (/img/)" },
    { permalink: "/pagefind/", what: "the search index (/pagefind/)" },
    { permalink: "/sitemap.xml", what: "the sitemap" },
    { permalink: "/robots.txt", what: "robots.txt" },
  ];
  for (const root of roots) {
    for (const name of ["feed.xml", "atom.xml", "feed.json", "feed.xsl"]) outputs.push({ permalink: `${root}${name}`, what: `the feed ${root}${name}` });
  }
  return outputs;
}

function describe(output: Output): string {
  return output.source ? `${output.source.file} ("${output.source.field}": ${showValue(output.source.value)})` : output.what;
}

function problemFor(output: Output, message: string): Problem {
  const source = output.source!;
  return { file: source.file, line: source.line, severity: "error", rule: source.rule, message: `"${source.field}": ${showValue(source.value)} ${message}` };
}

/**
 * Every collision among the outputs, reported on the author's file that came later (engine
 * pages and reserved paths are listed first, so they are never the ones blamed).
 */
export function outputCollisions(outputs: Output[]): Problem[] {
  const problems: Problem[] = [];
  const exact = new Map<string, Output>();
  const folded = new Map<string, Output>();
  const reserved = outputs.filter((o) => o.permalink.endsWith("/") && !o.source);
  for (const output of outputs) {
    if (!output.source) {
      exact.set(output.permalink, output);
      folded.set(output.permalink.toLowerCase(), output);
      continue;
    }
    const url = output.permalink.replace(/index\.html$/, "");
    const same = exact.get(output.permalink);
    const inside = reserved.find((r) => output.permalink.startsWith(r.permalink));
    const parentFile = ancestors(output.permalink).map((dir) => exact.get(dir)).find(Boolean);
    const childOf = output.permalink.endsWith("/index.html") ? undefined : [...exact.keys()].find((p) => p.startsWith(`${output.permalink}/`));
    const caseTwin = folded.get(output.permalink.toLowerCase());
    if (same) problems.push(problemFor(output, `gives ${url}, also the URL of ${describe(same)}`));
    else if (inside) problems.push(problemFor(output, `gives ${url}, inside ${inside.what}`));
    else if (parentFile) problems.push(problemFor(output, `gives ${url}, below ${describe(parentFile)}, which is a file`));
    else if (childOf) problems.push(problemFor(output, `gives the file ${url}, where ${describe(exact.get(childOf)!)} needs a folder`));
    else if (caseTwin && !(output.caseOf && caseTwin.permalink === output.caseOf)) {
      problems.push(problemFor(output, `gives ${url}, which differs only in letter case from ${caseTwin.permalink.replace(/index\.html$/, "")} of ${describe(caseTwin)}`));
    }
    if (!same) exact.set(output.permalink, output);
    if (!caseTwin) folded.set(output.permalink.toLowerCase(), output);
  }
  return problems;
}

/** `/a/b/index.html` → `/a`, `/a/b`: the folders a file needs. */
function ancestors(permalink: string): string[] {
  const parts = permalink.split("/").slice(1, -1);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}`);
}
