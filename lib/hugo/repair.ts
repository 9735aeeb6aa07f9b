/**
 * Repairs what Hugo publishes and wenji would reject: an essay without a title or a date
 * (Hugo shows an empty title and year 0001). The title comes from the essay's first heading,
 * else its file name; the date from the file's first commit when the Hugo site is a git
 * repository, else from the file's modification time. Each repair is listed.
 */
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { normalizeText, parseFrontMatter } from "../content/frontmatter.ts";

export interface Repaired {
  text: string;
  /** What was added, one phrase each: `title "X" from its first heading`. */
  repairs: string[];
}

/** The text of the first ATX or setext heading of a body, and where it is. */
function firstHeading(body: string): { text: string; line: number; level: number; lines: number } | undefined {
  const lines = body.split("\n");
  let fence = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) fence = fence ? "" : marker;
    if (fence) continue;
    const atx = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (atx) return { text: atx[2].trim(), line: i, level: atx[1].length, lines: 1 };
    if (line.trim() && i + 1 < lines.length && /^\s{0,3}(=+|-+)\s*$/.test(lines[i + 1]) && !/^\s*$/.test(line) && (i === 0 || !lines[i - 1].trim())) {
      return { text: line.trim(), line: i, level: lines[i + 1].includes("=") ? 1 : 2, lines: 2 };
    }
  }
  return undefined;
}

/** Inline Markdown of a heading as plain title text: `**粗体** [链接](x)` → `粗体 链接`. */
function plainTitle(text: string): string {
  return text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`~]+/g, "").trim();
}

/** The author date of the file's first commit (following renames), when `dir` is in a git repository. */
export function gitFirstDate(file: string): string | undefined {
  try {
    const out = execFileSync("git", ["log", "--follow", "--format=%aI", "--reverse", "--", path.basename(file)], {
      cwd: path.dirname(file),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.split("\n")[0]?.trim() || undefined;
  } catch {
    return undefined;
  }
}

function missing(data: Record<string, unknown>, key: string): boolean {
  const found = Object.keys(data).find((k) => k.toLowerCase() === key);
  return found === undefined || data[found] === null || data[found] === "" || data[found] === undefined;
}

/** A YAML or TOML line for a key; JSON strings are valid YAML and TOML basic strings. */
function line(format: "yaml" | "toml", key: string, value: string, quote: boolean): string {
  const shown = quote ? JSON.stringify(value) : value;
  return format === "yaml" ? `${key}: ${shown}` : `${key} = ${shown}`;
}

/**
 * The essay with a title and a date when it had none. `file` is the source file (for git and
 * its modification time); `zone` the site's time zone for a date from the modification time.
 * Front matter in JSON, or that does not parse, is left alone (the check reports it).
 */
export function repairEssay(source: string, file: string, zone: string): Repaired {
  const text = normalizeText(source);
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return { text: source, repairs: [] };
  const trimmed = text.replace(/^(?:[ \t]*\n)*/, "");
  const format = trimmed.startsWith("+++") ? "toml" : trimmed.startsWith("---") ? "yaml" : trimmed.startsWith("{") ? "json" : "none";
  if (format === "json") return { text: source, repairs: [] };
  const { data } = parsed.value;
  let body = parsed.value.body;
  const add: string[] = [];
  const repairs: string[] = [];
  if (missing(data, "title")) {
    const heading = firstHeading(body);
    const lines = body.split("\n");
    const firstText = lines.findIndex((l) => l.trim());
    if (heading && plainTitle(heading.text)) {
      add.push(line(format === "toml" ? "toml" : "yaml", "title", plainTitle(heading.text), true));
      // A level-1 heading that opens the essay was its title: the page shows the title once.
      if (heading.level === 1 && heading.line === firstText) {
        lines.splice(heading.line, heading.lines);
        body = lines.join("\n").replace(/^\n+/, "");
        repairs.push(`title "${plainTitle(heading.text)}" from its first heading (moved out of the body)`);
      } else repairs.push(`title "${plainTitle(heading.text)}" from its first heading`);
    } else {
      const name = path.basename(file, ".md").replace(/^index(\.[\w-]+)?$/, path.basename(path.dirname(file)));
      add.push(line(format === "toml" ? "toml" : "yaml", "title", name, true));
      repairs.push(`title "${name}" from its file name`);
    }
  }
  if (missing(data, "date")) {
    const fromGit = gitFirstDate(file);
    const date = fromGit ?? DateTime.fromMillis(Math.floor(statSync(file).mtimeMs / 1000) * 1000, { zone }).toISO({ suppressMilliseconds: true })!;
    add.push(line(format === "toml" ? "toml" : "yaml", "date", date, format === "yaml"));
    repairs.push(`date ${date} from ${fromGit ? "its first git commit" : "its modification time"}`);
  }
  if (!add.length) return { text: source, repairs };
  const bom = source.charCodeAt(0) === 0xfeff ? "\uFEFF" : "";
  if (format === "none") return { text: `${bom}---\n${add.join("\n")}\n---\n\n${body.replace(/^\n+/, "")}`, repairs };
  // Keys go right after the opening fence; the rest of the file is as it was (line endings normalized).
  const fence = format === "toml" ? "+++" : "---";
  const at = text.indexOf(fence) + fence.length;
  const head = text.slice(0, at);
  const matterAndBody = text.slice(at);
  const close = matterAndBody.search(new RegExp(`\\n${fence.replace(/\+/g, "\\+")}[ \\t]*(\\n|$)`));
  // A key that was there but empty (`title: ""`) is replaced, not repeated.
  const replaced = add.map((l) => l.split(/\s*[:=]/)[0].toLowerCase());
  const matter = matterAndBody
    .slice(0, close + 1)
    .split("\n")
    .filter((l) => !replaced.includes(/^([\w-]+)\s*[:=]/.exec(l)?.[1].toLowerCase() ?? ""))
    .join("\n");
  const after = matterAndBody.slice(close + 1).split("\n")[0];
  return { text: `${bom}${head}\n${add.join("\n")}${matter}${after}\n${body}`, repairs };
}
