/**
 * The typography linter (`lib/lint`) as a check source: the project's `.zh-typography.json`
 * (or built-in house style), and lint:zh's result cache so unchanged essays are not re-parsed.
 */
import path from "node:path";
import { findConfig, ConfigError } from "../lint/config-file.ts";
import { LintCache, CACHE_DIR } from "../lint/cache.ts";
import { WenjiError } from "../content/problems.ts";
import type { LintSource } from "./index.ts";

export async function typographyLint(root: string, options: { cache: boolean } = { cache: true }): Promise<LintSource> {
  let source: ReturnType<typeof findConfig>;
  const linter = await import("../lint/index.ts");
  let config: ReturnType<typeof linter.parseConfig>;
  try {
    source = findConfig(root);
    config = source.path ? linter.parseConfig(source.value, path.relative(root, source.path) || source.path) : linter.defaultConfig;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof linter.ConfigError) throw new WenjiError((error as Error).message.split("\n"));
    throw error;
  }
  const cache = options.cache ? new LintCache(path.join(root, CACHE_DIR), source.text) : undefined;
  return (text, file) => {
    const key = cache?.key(text);
    const hit = key ? cache!.get(key) : undefined;
    if (hit) return hit;
    const findings = linter.lintText(text, { filePath: file, config });
    if (key) cache!.set(key, findings);
    return findings;
  };
}
