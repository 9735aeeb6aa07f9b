/**
 * Per-project configuration: which rules run at what severity, extra proper nouns, the quote
 * style. Read from `.zh-typography.json` or `package.json`'s `zhTypography`; see README.md.
 */
import { z } from 'zod'
import { ruleIds } from './rules/index.ts'
import { ConfigError, findConfig } from './config-file.ts'

export { ConfigError, CONFIG_FILE } from './config-file.ts'

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

export const defaultConfig: LintConfig = configSchema.parse({})

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

/** Find, read and validate the configuration (see config-file.ts for where it is looked for). */
export function loadConfig(from?: string, explicitPath?: string): { config: LintConfig; path?: string } {
  const found = findConfig(from, explicitPath)
  return { config: found.path ? parseConfig(found.value, found.path) : defaultConfig, path: found.path }
}
