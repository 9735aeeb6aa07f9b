/**
 * The typography linter's API: `lintText` reports findings, `fixText` applies the safe fixes.
 * One parse per pass, shared by every rule (see prose.ts); the preset is the same one
 * remark-cli users load.
 */
import { unified, type Processor } from 'unified'
import remarkParse from 'remark-parse'
import { VFile } from 'vfile'
import type { Root } from 'mdast'
import { createPreset } from './preset.ts'
import { defaultConfig, type LintConfig } from './config.ts'
import { applyEdits, selectFixes, structureBreakers } from './fixer.ts'
import { parseMarkdown } from './parse.ts'
import type { Edit, FixableMessage } from './rule.ts'
import { RULE_SOURCE } from './rule.ts'

export { rules, ruleIds } from './rules/index.ts'
export { loadConfig, parseConfig, defaultConfig, ConfigError, CONFIG_FILE, type LintConfig } from './config.ts'
export { createPreset } from './preset.ts'
export type { Edit } from './rule.ts'

export { LINTER_VERSION } from './version.ts'
const MAX_FIX_ROUNDS = 10

export interface Finding {
  ruleId: string
  severity: 'error' | 'warning'
  message: string
  line: number
  column: number
  endLine: number
  endColumn: number
  /** UTF-16 offsets into the source. */
  start: number
  end: number
  /** Edits that fix it; null for detect-only findings. */
  fix: Edit[] | null
}

export interface LintOptions {
  filePath?: string
  config?: LintConfig
}

export interface FixResult {
  output: string
  /** What is left after fixing: detect-only findings and fixes that were withheld. */
  findings: Finding[]
  /** Findings whose fix would have changed how the Markdown parses, so it was not applied. */
  notApplied: Finding[]
}

const processors = new WeakMap<LintConfig, Processor<Root, Root, Root>>()

function processorFor(config: LintConfig): Processor<Root, Root, Root> {
  let processor = processors.get(config)
  if (!processor) {
    processor = unified().use(remarkParse).use(createPreset(config)).freeze() as unknown as Processor<Root, Root, Root>
    processors.set(config, processor)
  }
  return processor
}

function lintWithTree(text: string, options: LintOptions, parsed?: Root): { tree: Root; findings: Finding[] } {
  const processor = processorFor(options.config ?? defaultConfig)
  const file = new VFile({ value: text, path: options.filePath })
  const tree = parsed ?? processor.parse(file)
  processor.runSync(tree, file)
  const findings: Finding[] = []
  for (const message of file.messages) {
    if (message.source !== RULE_SOURCE || !message.place || !('start' in message.place)) continue
    const { start, end } = message.place
    findings.push({
      ruleId: message.ruleId!,
      severity: message.fatal ? 'error' : 'warning',
      message: message.reason,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      start: start.offset!,
      end: end.offset!,
      fix: (message as FixableMessage).fix ?? null,
    })
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId))
  return { tree, findings }
}

export function lintText(text: string, options: LintOptions = {}): Finding[] {
  return lintWithTree(text, options).findings
}

/** A finding's identity across rounds, where offsets move but the text around it does not. */
const findingKey = (finding: Finding, text: string) =>
  `${finding.ruleId}\u0000${finding.message}\u0000${text.slice(Math.max(0, finding.start - 16), finding.end + 16)}`

export function fixText(text: string, options: LintOptions = {}): FixResult {
  let current = text
  let pass = lintWithTree(current, options)
  const withheld = new Set<string>()
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const candidates = pass.findings.filter((finding) => finding.fix && !withheld.has(findingKey(finding, current)))
    if (!candidates.length) break
    let chosen = selectFixes(candidates)
    let next = applyEdits(current, chosen.flatMap((finding) => finding.fix!))
    let nextTree = parseMarkdown(next)
    for (;;) {
      const breakers = structureBreakers({ text: current, tree: pass.tree }, nextTree, chosen, parseMarkdown)
      if (!breakers) break
      for (const finding of breakers) withheld.add(findingKey(finding, current))
      chosen = chosen.filter((finding) => !breakers.includes(finding))
      next = applyEdits(current, chosen.flatMap((finding) => finding.fix!))
      nextTree = parseMarkdown(next)
    }
    if (next === current) {
      if (!chosen.length) continue
      break
    }
    current = next
    pass = lintWithTree(current, options, nextTree)
  }
  const notApplied = pass.findings.filter((finding) => finding.fix && withheld.has(findingKey(finding, current)))
  return { output: current, findings: pass.findings, notApplied }
}
