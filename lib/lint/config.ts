/**
 * Per-project configuration, read from `.zh-typography.json` (nearest one up from the working
 * directory) or the `zhTypography` key of `package.json`. See README.md in this folder.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'
import { ruleIds } from './rules/index.ts'

const severity = z.enum(['off', 'warn', 'error'])
const ruleSetting = z.union([severity, z.tuple([severity, z.record(z.string(), z.unknown())])], {
  error: 'expected "off", "warn", "error" or ["warn" | "error", { options }]',
})

export const configSchema = z
  .object({
    rules: z.record(z.string(), ruleSetting).default({}),
    properNouns: z.union([z.array(z.string()), z.record(z.string(), z.array(z.string()))]).default([]),
    quotes: z.enum(['any', '“”', '「」']).default('any'),
  })
  .strict()

export type LintConfig = z.infer<typeof configSchema>
export type Severity = z.infer<typeof severity>

export const CONFIG_FILE = '.zh-typography.json'
export const defaultConfig: LintConfig = configSchema.parse({})

export class ConfigError extends Error {}

/** Validate a config object, naming the source and every problem at once. */
export function parseConfig(value: unknown, source: string): LintConfig {
  const result = configSchema.safeParse(value)
  const problems = result.success ? [] : result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  const rules = (value as { rules?: unknown } | null)?.rules
  if (rules && typeof rules === 'object') {
    for (const id of Object.keys(rules)) {
      if (!ruleIds.includes(id)) problems.push(`  rules.${id}: unknown rule; known rules: ${ruleIds.join(', ')}`)
    }
  }
  if (result.success && !problems.length) return result.data
  throw new ConfigError(`Invalid typography config in ${source}:\n${problems.join('\n')}`)
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ConfigError(`Cannot read ${path}: ${(error as Error).message}`)
  }
}

/** The config at `explicitPath`, or the nearest one found walking up from `from`. */
export function loadConfig(from = process.cwd(), explicitPath?: string): { config: LintConfig; path?: string } {
  if (explicitPath) {
    const path = resolve(explicitPath)
    const value = readJson(path) as Record<string, unknown>
    const content = path.endsWith('package.json') ? value.zhTypography : value
    return { config: parseConfig(content ?? {}, path), path }
  }
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE)
    if (existsSync(file)) return { config: parseConfig(readJson(file), file), path: file }
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg)) {
      const value = readJson(pkg) as Record<string, unknown>
      if (value.zhTypography !== undefined) return { config: parseConfig(value.zhTypography, `${pkg} (zhTypography)`), path: pkg }
    }
    if (dirname(dir) === dir) return { config: defaultConfig }
  }
}
