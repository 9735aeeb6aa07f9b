/**
 * Splits an essay into front matter and body and parses the front matter as Hugo reads it:
 * YAML between `---` lines, TOML between `+++` lines, or a JSON object (`{ ... }`) at the
 * start; a byte-order mark, blank lines before the opening fence and CRLF (or CR) line
 * endings are accepted. Every key keeps its file line so that problems can point at it.
 */
import { parseDocument, isMap, isScalar, LineCounter, type YAMLError } from "yaml";
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
  /** A front matter that does not parse still has a body when its block is closed (check reads it). */
  | { ok: false; line: number; message: string; body?: string; bodyLine?: number };

const FENCES = { "---": "yaml", "+++": "toml" } as const;

/**
 * The text as Hugo sees it: no BOM, and every line ending a `\n` (a CRLF file's last value
 * must not keep its `\r`: "true\r" is not a boolean). Lines are unchanged in number.
 */
export function normalizeText(source: string): string {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

export function parseFrontMatter(source: string): FrontMatterResult {
  const text = normalizeText(source);
  // Hugo skips blank lines (and spaces) before the front matter.
  const lead = /^(?:[ \t]*\n)*/.exec(text)![0];
  const skipped = lead.split("\n").length - 1;
  const rest = text.slice(lead.length);
  if (rest.startsWith("{")) return offset(parseJsonMatter(rest), skipped);
  const firstLineEnd = rest.indexOf("\n");
  const fence = (firstLineEnd === -1 ? rest : rest.slice(0, firstLineEnd)).trimEnd();
  if (fence !== "---" && fence !== "+++") {
    return { ok: true, value: { data: {}, keyLines: new Map(), body: text, bodyLine: 1 } };
  }
  const lines = rest.split("\n");
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === fence);
  if (close === -1) return { ok: false, line: skipped + 1, message: `front matter opened with ${fence} is never closed` };
  const matter = lines.slice(1, close).join("\n");
  const body = lines.slice(close + 1).join("\n");
  const parsed = FENCES[fence] === "yaml" ? parseYaml(matter) : parseTomlMatter(matter);
  // Lines of the matter are counted from the line after the fence.
  if (!parsed.ok) return { ok: false, line: parsed.line + 1 + skipped, message: parsed.message, body, bodyLine: close + 2 + skipped };
  const keyLines = new Map([...parsed.keyLines].map(([key, line]) => [key, line + 1 + skipped]));
  return { ok: true, value: { data: parsed.data, keyLines, body, bodyLine: close + 2 + skipped } };
}

function offset(result: FrontMatterResult, lines: number): FrontMatterResult {
  if (!lines) return result;
  if (!result.ok) return { ...result, line: result.line + lines, bodyLine: result.bodyLine === undefined ? undefined : result.bodyLine + lines };
  const keyLines = new Map([...result.value.keyLines].map(([key, line]) => [key, line + lines]));
  return { ok: true, value: { ...result.value, keyLines, bodyLine: result.value.bodyLine + lines } };
}

/** Where the JSON object that opens `text` ends (the index after its `}`), or -1. */
function jsonObjectEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if ((c === "}" || c === "]") && --depth === 0) return i + 1;
  }
  return -1;
}

/** Hugo's JSON front matter: one object at the start of the file; the body follows it. */
function parseJsonMatter(text: string): FrontMatterResult {
  const end = jsonObjectEnd(text);
  if (end === -1) return { ok: false, line: 1, message: "JSON front matter opened with { is never closed" };
  const matter = text.slice(0, end);
  const afterLine = text.slice(end).indexOf("\n");
  const bodyStart = afterLine === -1 ? text.length : end + afterLine + 1;
  const body = text.slice(bodyStart);
  const bodyLine = text.slice(0, bodyStart).split("\n").length;
  let data: unknown;
  try {
    data = JSON.parse(matter);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = at === undefined ? 1 : matter.slice(0, Number(at)).split("\n").length;
    return { ok: false, line, message: `JSON syntax error: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, "")}`, body, bodyLine };
  }
  const keyLines = new Map<string, number>();
  let depth = 0;
  matter.split("\n").forEach((line, i) => {
    const key = depth <= 1 ? /^\s*\{?\s*"((?:[^"\\]|\\.)*)"\s*:/.exec(line)?.[1] : undefined;
    if (key !== undefined && !keyLines.has(key)) keyLines.set(key, i + 1);
    depth += (line.replace(/"(?:[^"\\]|\\.)*"/g, "").match(/[{[]/g)?.length ?? 0) - (line.replace(/"(?:[^"\\]|\\.)*"/g, "").match(/[}\]]/g)?.length ?? 0);
  });
  return { ok: true, value: { data: data as Record<string, unknown>, keyLines, body, bodyLine } };
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
    const line = errorLine(matter, error, lineCounter);
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

/**
 * The line to show for a YAML error: where `yaml` noticed it, except for an unclosed quote,
 * noticed only where the text runs out: then the line on which that quoted value opens.
 */
function errorLine(matter: string, error: YAMLError, lineCounter: LineCounter): number {
  const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
  if (error.code !== "MISSING_CHAR" || !/quote/i.test(error.message)) return line;
  const opened = unclosedQuote(matter.slice(0, error.pos[0]));
  return opened === undefined ? line : lineCounter.linePos(opened).line;
}

/** Where the quoted scalar still open at the end of `text` starts (a quote after `: `, `- `, `[`, `{`, `,` or indentation). */
function unclosedQuote(text: string): number | undefined {
  let open: number | undefined;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") i++;
    else if (quote && c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else quote = "";
    } else if (!quote && (c === '"' || c === "'") && /(^|[:\-]\s|[[{,]\s*|\n\s*)$/.test(text.slice(Math.max(0, i - 40), i))) {
      quote = c;
      open = i;
    }
  }
  return quote ? open : undefined;
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
