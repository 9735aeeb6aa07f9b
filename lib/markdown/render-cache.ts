/**
 * Rendered essays kept across builds under `.cache/render/`, one JSON file per essay file:
 * Markdown, highlighting and counting are most of loading a site, and an author's next build
 * finds nearly every essay unchanged. An entry is used only when the essay's body, its first
 * line and the anchor label are the same, and so is the renderer: its sources (lib/markdown,
 * lib/text), the locked package versions and Node's version make a fingerprint. Without a
 * lock file there is no fingerprint and no disk cache.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RenderResult } from "./render.ts";
import { hashTree } from "../files.ts";

const ENGINE = fileURLToPath(new URL("../..", import.meta.url));
const RENDERER_SOURCES = ["lib/markdown", "lib/text"];

interface Entry {
  fingerprint: string;
  anchorLabel: string;
  bodyLine: number;
  /** SHA-1 of the body: the body itself would make a first build write a third more. */
  bodyHash: string;
  result: RenderResult;
}

function hashOf(body: string): string {
  return createHash("sha1").update(body).digest("base64");
}

/** What a render depends on besides the essay; computed once per process. */
let fingerprint: string | null | undefined;

function rendererFingerprint(): string | undefined {
  if (fingerprint === undefined) {
    try {
      const hash = createHash("sha256").update(process.version).update(readFileSync(path.join(ENGINE, "package-lock.json")));
      for (const dir of RENDERER_SOURCES) hashTree(hash, path.join(ENGINE, dir), dir);
      fingerprint = hash.digest("hex");
    } catch {
      fingerprint = null;
    }
  }
  return fingerprint ?? undefined;
}

export class RenderCache {
  private readonly fingerprint = rendererFingerprint();
  /** The folder's entries, listed on the first lookup. */
  private names: Set<string> | undefined;
  private folderMade = false;

  constructor(readonly dir: string) {}

  private entryName(essayFile: string): string {
    return `${createHash("sha1").update(essayFile).digest("hex")}.json`;
  }

  get(essayFile: string, body: string, bodyLine: number, anchorLabel: string): RenderResult | undefined {
    if (!this.fingerprint) return undefined;
    const name = this.entryName(essayFile);
    // Listed once: a first build's misses then cost no failed read (and its error) each.
    this.names ??= new Set(this.list());
    if (!this.names.has(name)) return undefined;
    try {
      const entry = JSON.parse(readFileSync(path.join(this.dir, name), "utf8")) as Entry;
      const same = entry.fingerprint === this.fingerprint && entry.anchorLabel === anchorLabel && entry.bodyLine === bodyLine && entry.bodyHash === hashOf(body);
      return same ? entry.result : undefined;
    } catch {
      return undefined; // unreadable: a miss
    }
  }

  set(essayFile: string, body: string, bodyLine: number, anchorLabel: string, result: RenderResult): void {
    if (!this.fingerprint) return;
    const name = this.entryName(essayFile);
    const entry: Entry = { fingerprint: this.fingerprint, anchorLabel, bodyLine, bodyHash: hashOf(body), result };
    try {
      if (!this.folderMade) {
        mkdirSync(this.dir, { recursive: true });
        this.folderMade = true;
      }
      // Written aside, then renamed: a reader (another build) never sees half an entry.
      const temporary = path.join(this.dir, `${name}.${process.pid}.tmp`);
      writeFileSync(temporary, JSON.stringify(entry));
      renameSync(temporary, path.join(this.dir, name));
      this.names?.add(name);
    } catch {
      // A cache that cannot be written only costs the next build a render.
    }
  }

  /** Removes every entry but those of the given essay files (what a deleted or renamed essay left). */
  prune(essayFiles: string[]): void {
    const kept = new Set(essayFiles.map((file) => this.entryName(file)));
    for (const name of this.list()) if (!kept.has(name)) rmSync(path.join(this.dir, name), { force: true });
  }

  private list(): string[] {
    try {
      return readdirSync(this.dir);
    } catch {
      return [];
    }
  }
}
