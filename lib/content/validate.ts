/** Validates parsed front matter against the schema and reports every problem with its line. */
import { closest, distance } from "fastest-levenshtein";
import { findUnsafeCharacter, frontMatterFields, IGNORED_KEYS, COVER_KEYS, FRONT_MATTER_DEFAULTS, type FrontMatter } from "./schema.ts";
import { showValue, type Problem } from "./problems.ts";
import type { ParsedFrontMatter } from "./frontmatter.ts";

function lowerMap(keys: string[]): Map<string, string> {
  return new Map(keys.map((k) => [k.toLowerCase(), k]));
}

function suggestion(key: string, candidates: string[]): string {
  const best = closest(key.toLowerCase(), candidates.map((c) => c.toLowerCase()));
  if (distance(key.toLowerCase(), best) > Math.max(2, Math.floor(key.length / 3))) return "";
  const canonical = candidates.find((c) => c.toLowerCase() === best)!;
  return ` (did you mean "${canonical}"?)`;
}

export interface Validated {
  frontMatter?: FrontMatter;
  problems: Problem[];
}

/** Schemas are built once per time zone, not once per essay: building zod schemas is costly. */
const schemaCache = new Map<string, { fields: ReturnType<typeof frontMatterFields>; canonical: Map<string, string> }>();
const ignored = lowerMap(IGNORED_KEYS);

function schemaFor(zone: string) {
  let cached = schemaCache.get(zone);
  if (!cached) {
    const fields = frontMatterFields(zone);
    cached = { fields, canonical: lowerMap(Object.keys(fields)) };
    schemaCache.set(zone, cached);
  }
  return cached;
}

/** `defaults`: the site's own defaults (`defaults` in _data/site.json), under the essay's front matter. */
export function validateFrontMatter(file: string, parsed: ParsedFrontMatter, zone: string, defaults: Partial<FrontMatter> = {}): Validated {
  const { fields, canonical } = schemaFor(zone);
  const problems: Problem[] = [];
  const out: Record<string, unknown> = { ...FRONT_MATTER_DEFAULTS, ...defaults };
  const seen = new Map<string, string>();
  const at = (key: string) => parsed.keyLines.get(key);

  for (const [key, value] of Object.entries(parsed.data)) {
    const name = canonical.get(key.toLowerCase());
    if (!name) {
      if (!ignored.has(key.toLowerCase())) {
        problems.push({ file, line: at(key), severity: "warning", message: `unknown key "${key}"${suggestion(key, [...Object.keys(fields), ...IGNORED_KEYS])}` });
      }
      continue;
    }
    if (seen.has(name)) {
      problems.push({ file, line: at(key), severity: "error", message: `"${key}" repeats "${seen.get(name)}" (keys are case-insensitive; keep one)` });
      continue;
    }
    seen.set(name, key);
    const unsafe = findUnsafeCharacter(value);
    if (unsafe) {
      problems.push({ file, line: at(key), severity: "error", message: `"${key}${unsafe.path}" contains ${unsafe.character}, an invisible character that is not allowed; remove it` });
      continue;
    }
    const field = fields[name];
    const result = field.schema.safeParse(name === "cover" ? normalizeCover(file, value, at(key), problems) : value);
    if (result.success) {
      if (result.data !== undefined) out[name] = result.data;
    } else {
      problems.push({ file, line: at(key), severity: "error", message: `"${key}": ${showValue(value)} is not ${field.noun} (expected ${field.expected})` });
    }
  }
  for (const required of ["title", "date"] as const) {
    if (!seen.has(required)) {
      const field = fields[required];
      problems.push({ file, line: 1, severity: "error", message: `"${required}" is missing (expected ${field.expected})` });
    }
  }
  if (problems.some((p) => p.severity === "error")) return { problems };
  return { frontMatter: out as unknown as FrontMatter, problems };
}

const coverKeys = lowerMap(COVER_KEYS);

/** Cover keys are case-insensitive too; unknown ones are warnings. */
function normalizeCover(file: string, value: unknown, line: number | undefined, problems: Problem[]): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = coverKeys.get(key.toLowerCase());
    if (name) out[name] = inner;
    else problems.push({ file, line, severity: "warning", message: `unknown key "cover.${key}"${suggestion(key, COVER_KEYS)}` });
  }
  return out;
}
