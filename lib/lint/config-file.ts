/**
 * Finding and reading the configuration file, without validating it: kept free of heavy
 * imports so a fully cached run can key on the raw text and skip loading the linter.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export const CONFIG_FILE = '.zh-typography.json'

export interface ConfigSource {
  /** Where it came from (for messages), or undefined for the built-in house style. */
  path?: string
  /** The configuration value, before validation. */
  value: unknown
  /** Raw text it was read from: part of the cache key. */
  text: string
}

export class ConfigError extends Error {}

function readJson(path: string): { value: Record<string, unknown>; text: string } {
  try {
    const text = readFileSync(path, 'utf8')
    return { value: JSON.parse(text), text }
  } catch (error) {
    throw new ConfigError(`Cannot read config ${path}: ${(error as Error).message}`)
  }
}

/** The config at `explicitPath`, or the nearest `.zh-typography.json` / `zhTypography` key up from `from`. */
export function findConfig(from = process.cwd(), explicitPath?: string): ConfigSource {
  if (explicitPath) {
    const path = resolve(explicitPath)
    const { value, text } = readJson(path)
    return { path, value: path.endsWith('package.json') ? (value.zhTypography ?? {}) : value, text }
  }
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE)
    if (existsSync(file)) return { path: file, ...readJson(file) }
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg)) {
      const { value } = readJson(pkg)
      if (value.zhTypography !== undefined) {
        return { path: `${pkg} (zhTypography)`, value: value.zhTypography, text: JSON.stringify(value.zhTypography) }
      }
    }
    if (dirname(dir) === dir) return { value: {}, text: '' }
  }
}
