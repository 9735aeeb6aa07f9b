/**
 * Splits an essay into front matter and body and parses the front matter: YAML between
 * `---` lines, or TOML between `+++` lines as in Hugo. Every key keeps its line number so
 * that problems can point at it.
 */
import { parseDocument, isMap, isScalar, LineCounter } from "yaml";
import { load as loadYaml, CORE_SCHEMA } from "js-yaml";
import { parse as parseToml, TomlError } from "smol-toml";

export interface ParsedFrontMatter {
  data: Record<string, unknown>;
  /** Line of each top-level key in the file (1-based). */
  keyLines: Map<string, number>;
  body: string;
  /** File line on which the body starts (1-based). */
  bodyLine: number;
}

export type FrontMatterResult =
  | { ok: true; value: ParsedFrontMatter }
  | { ok: false; line: number; message: string };

const FENCES = { "---": "yaml", "+++": "toml" } as const;

export function parseFrontMatter(source: string): FrontMatterResult {
  const text = source.replace(/^\uFEFF/, "");
  const firstLineEnd = text.indexOf("\n");
  const fence = (firstLineEnd === -1 ? text : text.slice(0, firstLineEnd)).trimEnd();
  if (fence !== "---" && fence !== "+++") {
    return { ok: true, value: { data: {}, keyLines: new Map(), body: text, bodyLine: 1 } };
  }
  const lines = text.split("\n");
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === fence);
  if (close === -1) return { ok: false, line: 1, message: `front matter opened with ${fence} is never closed` };
  const matter = lines.slice(1, close).join("\n");
  const body = lines.slice(close + 1).join("\n");
  const bodyLine = close + 2;
  const parsed = FENCES[fence] === "yaml" ? parseYaml(matter) : parseTomlMatter(matter);
  if (!parsed.ok) return { ok: false, line: parsed.line + 1, message: parsed.message };
  const keyLines = new Map([...parsed.keyLines].map(([key, line]) => [key, line + 1]));
  return { ok: true, value: { data: parsed.data, keyLines, body, bodyLine } };
}

export type Parsed = { ok: true; data: Record<string, unknown>; keyLines: Map<string, number> } | { ok: false; line: number; message: string };

/** A top-level key at the start of a line: plain, or in double or single quotes. */
const TOP_LEVEL_KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"\-?:,\[\]{}][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?:[ \t]|$)/;

/** A double-quoted key's text, when its escapes are JSON's too (others take the exact path). */
function unescapeDoubleQuoted(text: string): string | undefined {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * The fast path: js-yaml (several times faster than `yaml`'s document API, which dominated
 * large builds) reads well-formed block mappings; key lines come from the keys' own lines.
 * Anything unusual (syntax errors, duplicate keys, non-mapping documents, keys found on no
 * line of their own) returns undefined, and `yaml` parses it with exact error positions.
 */
/** Numbers js-yaml reads that YAML 1.2's core schema keeps as text (`0b101`, `1_000`). */
const JS_YAML_ONLY_NUMBERS = /0b[01]|\d_|_\d/;

export function parseYamlFast(matter: string): Parsed | undefined {
  if (JS_YAML_ONLY_NUMBERS.test(matter)) return undefined;
  let data: unknown;
  try {
    data = loadYaml(matter, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) return undefined;
  const keyLines = new Map<string, number>();
  matter.split("\n").forEach((line, i) => {
    const match = TOP_LEVEL_KEY.exec(line);
    if (!match) return;
    const key = match[2] !== undefined ? match[2].replace(/''/g, "'") : match[3] ?? unescapeDoubleQuoted(match[1]);
    if (key !== undefined && !keyLines.has(key)) keyLines.set(key, i + 1);
  });
  const record = data as Record<string, unknown>;
  if (Object.keys(record).some((key) => !keyLines.has(key))) return undefined;
  return { ok: true, data: record, keyLines };
}

function parseYaml(matter: string): Parsed {
  return parseYamlFast(matter) ?? parseYamlExact(matter);
}

/** `yaml`'s document API: slower, but with the position of every key and every error. */
export function parseYamlExact(matter: string): Parsed {
  const lineCounter = new LineCounter();
  // The YAML 1.2 core schema keeps dates as strings (we parse them with the site's time zone)
  // and does not turn `no` into false.
  const doc = parseDocument(matter, { lineCounter, schema: "core", uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
    return { ok: false, line, message: `YAML syntax error: ${error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}` };
  }
  const keyLines = new Map<string, number>();
  if (doc.contents && isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) keyLines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
    }
  } else if (doc.contents && !(isScalar(doc.contents) && doc.contents.value === null)) {
    return { ok: false, line: 1, message: "front matter must be a mapping of keys to values" };
  }
  let data: Record<string, unknown>;
  try {
    data = (doc.toJS() ?? {}) as Record<string, unknown>;
  } catch (error) {
    // An alias with no anchor (`title: *x`) parses but cannot be resolved: an error, not a crash.
    return { ok: false, line: 1, message: `YAML error: ${(error as Error).message.split("\n")[0]}` };
  }
  return { ok: true, data, keyLines };
}

function parseTomlMatter(matter: string): Parsed {
  try {
    const data = parseToml(matter) as Record<string, unknown>;
    const keyLines = new Map<string, number>();
    matter.split("\n").forEach((line, i) => {
      const key = /^\s*("?)([A-Za-z0-9_-]+)\1\s*=/.exec(line)?.[2];
      if (key && !keyLines.has(key)) keyLines.set(key, i + 1);
    });
    return { ok: true, data, keyLines };
  } catch (error) {
    if (error instanceof TomlError) return { ok: false, line: error.line, message: `TOML syntax error: ${error.message.split("\n")[0]}` };
    throw error;
  }
}
