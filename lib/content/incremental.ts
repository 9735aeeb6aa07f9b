/**
 * Incremental builds: `npm run build` renders only the pages whose output can differ from the
 * previous build's, and hard-links the others from the previous output into the new one.
 *
 * A page is reused only when all of these hold:
 * - the engine is the same: wenji's own sources, the locked package versions, Node's
 *   version, and the site's templates, data files and assets (any change renders every page);
 * - site-wide data is the same (settings, UI strings, language views: `fingerprintSite`);
 * - the page's own fingerprint is the same (its view object, with each essay it shows
 *   replaced by a hash of that essay and of the essays it links by title);
 * - the previous output still holds the very file that build left for the page (same inode,
 *   size and modification time: a deleted, copied, replaced or edited file is rendered anew).
 * The manifest of a build is written beside the cache as "next" and becomes current only when
 * that build's output has been swapped in: a failed build never describes an output.
 *
 * Links go from the previous output into the new one, never from `.cache/`: the previous
 * output is removed right after the swap (under the build lock), so once a build ends each
 * page file has one link, in `_site/`. An in-place edit of it (a deploy step, an optimizer)
 * changes its size or modification time, so the next build renders that page anew instead
 * of linking the edited file; nothing else holds the file to be corrupted by the edit.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "./model.ts";
import type { Fingerprints } from "./preview.ts";
import { hashTree, linkOrCopySync } from "../files.ts";

const ENGINE = fileURLToPath(new URL("../..", import.meta.url));

export interface PageManifest {
  engine: string;
  site: string;
  /** Output file (the page's permalink) → its fingerprint and the file this build left. */
  pages: Record<string, { fingerprint: string; file: FileIdentity }>;
}

/** A file as the file system knows it: a copy, a replacement or an edit changes it. */
interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

function identity(file: string): FileIdentity | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats && { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** Everything besides the model that a page's output depends on. */
export function engineFingerprint(root: string, preview: boolean): string {
  const hash = createHash("sha256").update(`${process.version}\0preview ${preview}\0`);
  for (const file of ["package-lock.json", ".eleventy.js"]) {
    const full = path.join(ENGINE, file);
    if (existsSync(full)) hash.update(`\0${file}\0`).update(readFileSync(full));
  }
  hashTree(hash, path.join(ENGINE, "lib"), "lib");
  for (const dir of ["_includes", "_data", "assets"]) hashTree(hash, path.join(root, dir), dir);
  return hash.digest("hex");
}

const manifestFile = (root: string, which: "current" | "next") => path.join(root, ".cache", which === "current" ? "pages.json" : "pages.next.json");

function readManifest(root: string): PageManifest | undefined {
  try {
    return JSON.parse(readFileSync(manifestFile(root, "current"), "utf8")) as PageManifest;
  } catch {
    return undefined;
  }
}

/** The page's file under an output folder. */
export function pageFile(output: string, page: Page): string {
  return path.join(output, page.permalink);
}

/** Links the reused pages' files from the previous output into the new one. */
export function linkPages(pages: Page[], from: string, to: string): void {
  const made = new Set<string>();
  for (const page of pages) {
    const target = pageFile(to, page);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    linkOrCopySync(pageFile(from, page), target);
  }
}

export interface IncrementalPlan {
  render: Page[];
  /** Pages whose previous file is linked into the new output instead of rendered. */
  reuse: Page[];
}

/**
 * Which pages to render: all of them unless the previous build's manifest matches this
 * engine, this site data and the previous output folder; then only the changed ones.
 */
export function planBuild(options: { root: string; pages: Page[]; now: Fingerprints; engine: string; previousOutput?: string }): IncrementalPlan {
  const previous = readManifest(options.root);
  if (!previous || !options.previousOutput || previous.engine !== options.engine || previous.site !== options.now.site) return { render: options.pages, reuse: [] };
  const render: Page[] = [];
  const reuse: Page[] = [];
  for (const page of options.pages) {
    const before = previous.pages[page.permalink];
    const file = before && before.fingerprint === options.now.pages.get(page.permalink) ? identity(pageFile(options.previousOutput, page)) : undefined;
    if (file && file.ino === before.file.ino && file.size === before.file.size && file.mtimeMs === before.file.mtimeMs) reuse.push(page);
    else render.push(page);
  }
  return { render, reuse };
}

/** Records what this build wrote into `output`; it becomes current with commitManifest. */
export function writeNextManifest(root: string, output: string, engine: string, now: Fingerprints, pages: Page[]): void {
  const manifest: PageManifest = { engine, site: now.site, pages: {} };
  for (const page of pages) {
    const file = identity(pageFile(output, page));
    const fingerprint = now.pages.get(page.permalink);
    if (file && fingerprint) manifest.pages[page.permalink] = { fingerprint, file };
  }
  mkdirSync(path.dirname(manifestFile(root, "next")), { recursive: true });
  writeFileSync(manifestFile(root, "next"), JSON.stringify(manifest));
}

/** After the swap: the build's manifest describes the output now in place. */
export function commitManifest(root: string): void {
  if (existsSync(manifestFile(root, "next"))) renameSync(manifestFile(root, "next"), manifestFile(root, "current"));
}

/** After a failed build: its manifest describes no output. */
export function discardNextManifest(root: string): void {
  rmSync(manifestFile(root, "next"), { force: true });
}

/** A build that keeps no manifest may write over the output the current one describes. */
export function discardManifest(root: string): void {
  rmSync(manifestFile(root, "current"), { force: true });
}
