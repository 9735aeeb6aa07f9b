/**
 * Two real feed readers, driven from tests: Debian's python3-feedparser (through
 * /usr/bin/python3) and newsboat (a reload into its own SQLite cache, read back with
 * python3's sqlite3). Both read files only; nothing touches the network.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ReadEntry {
  title: string;
  link: string;
  id: string;
  content: string;
}

export interface FeedparserResult {
  bozo: boolean;
  bozoException: string;
  version: string;
  language: string;
  title: string;
  entries: ReadEntry[];
}

// Relative-URI resolution is off so that relative URLs in our content would show.
const FEEDPARSER = `
import json, sys, feedparser
feedparser.RESOLVE_RELATIVE_URIS = 0
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "bozo": bool(d.bozo), "bozoException": str(d.get("bozo_exception", "")), "version": d.version,
  "language": d.feed.get("language", ""), "title": d.feed.get("title", ""),
  "entries": [{"title": e.get("title", ""), "link": e.get("link", ""), "id": e.get("id", ""),
               "content": (e.get("content") or [{"value": ""}])[0]["value"]} for e in d.entries],
}))
`;

export async function readWithFeedparser(file: string): Promise<FeedparserResult> {
  const { stdout } = await run("/usr/bin/python3", ["-c", FEEDPARSER, file], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as FeedparserResult;
}

const SQLITE_ITEMS = `
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("select title, url, guid, content from rss_item order by pubDate desc").fetchall()
print(json.dumps([{"title": t, "link": u, "id": g, "content": c} for (t, u, g, c) in rows]))
`;

/** Imports one feed into a fresh newsboat cache (its own urls, cache and config files) and reads the items back. */
export async function readWithNewsboat(file: string): Promise<ReadEntry[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wenji-newsboat-"));
  const urls = path.join(dir, "urls");
  const cache = path.join(dir, "cache.db");
  const config = path.join(dir, "config");
  await writeFile(urls, `${pathToFileURL(file).href}\n`);
  await writeFile(config, "");
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
  await run("newsboat", ["-x", "reload", "-u", urls, "-c", cache, "-C", config], { env });
  const { stdout } = await run("/usr/bin/python3", ["-c", SQLITE_ITEMS, cache], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as ReadEntry[];
}

/** `xmllint --noout`: the error text, or "" when the file is well-formed. */
export async function xmllintErrors(file: string): Promise<string> {
  try {
    await run("xmllint", ["--noout", file]);
    return "";
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
}

/** Every URL an HTML fragment points at (href, src, srcset candidates, poster, cite). */
export function urlsIn(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/\s(href|src|poster|cite|srcset)="([^"]*)"/g)) {
    const value = match[2].replace(/&amp;/g, "&");
    if (match[1] === "srcset") found.push(...value.split(",").map((c) => c.trim().split(/\s+/)[0]).filter(Boolean));
    else found.push(value);
  }
  return found;
}
