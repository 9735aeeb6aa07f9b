/**
 * The typography linter's API: `lintText` reports findings, `fixText` applies the safe fixes.
 * One parse per pass, shared by every rule (see prose.ts); the preset is the same one
 * remark-cli users load.
 */
import { unified, type Processor } from 'unified'
import remarkParse from 'remark-parse'
import { VFile } from 'vfile'
import type { Root, Heading } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { headingId, UniqueIds } from '../markdown/slug.ts'
import { ATOM } from './chars.ts'
import { createPreset } from './preset.ts'
import { defaultConfig, type LintConfig } from './config.ts'
import { applyEdits, selectFixes, structureBreakers } from './fixer.ts'
import { parseMarkdown } from './parse.ts'
import { reparse } from './reparse.ts'
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
  /**
   * Findings whose fix was withheld, because it would have changed how the Markdown parses or
   * a heading's id; their message says why and how to fix by hand, and their `fix` is null.
   */
  notApplied: Finding[]
}

const BREAKS_PARSE =
  'not fixed: the fix would change how the Markdown parses; move the punctuation out of the emphasis delimiters ' +
  '(`**粗体，**` → `**粗体**，`) and fix it by hand'

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
  const withheld = new Map<string, string>()
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const candidates = pass.findings.filter((finding) => finding.fix && !withheld.has(findingKey(finding, current)))
    if (!candidates.length) break
    let chosen = selectFixes(candidates)
    for (const [finding, reason] of headingIdChanges(current, pass.tree, chosen)) withheld.set(findingKey(finding, current), reason)
    chosen = chosen.filter((finding) => !withheld.has(findingKey(finding, current)))
    let next = applyEdits(current, chosen.flatMap((finding) => finding.fix!))
    let nextTree = reparse(current, pass.tree, chosen.flatMap((finding) => finding.fix!), next)
    for (;;) {
      const breakers = structureBreakers({ text: current, tree: pass.tree }, nextTree, chosen, parseMarkdown)
      if (!breakers) break
      for (const finding of breakers) withheld.set(findingKey(finding, current), BREAKS_PARSE)
      chosen = chosen.filter((finding) => !breakers.includes(finding))
      next = applyEdits(current, chosen.flatMap((finding) => finding.fix!))
      nextTree = reparse(current, pass.tree, chosen.flatMap((finding) => finding.fix!), next)
    }
    if (next === current) {
      if (!chosen.length) continue
      break
    }
    current = next
    pass = lintWithTree(current, options, nextTree)
  }
  const notApplied: Finding[] = []
  const findings = pass.findings.map((finding) => {
    const reason = finding.fix && withheld.get(findingKey(finding, current))
    if (!reason) return finding
    const explained = { ...finding, message: `${finding.message} (${reason})`, fix: null }
    notApplied.push(explained)
    return explained
  })
  return { output: current, findings, notApplied }
}

/** The id a heading gets on the site, or null when it has an explicit one (`{#id}`, masked). */
function idOf(heading: Heading): string | null {
  const text = toString(heading, { includeHtml: false })
  return text.includes(ATOM.template) ? null : headingId(text, new UniqueIds())
}

/**
 * Fixes inside a heading that would change the heading's id: links to `#old-id` would stop
 * resolving, so such a fix is withheld and reported with the reason.
 */
function headingIdChanges(text: string, tree: Root, chosen: Finding[]): Array<[Finding, string]> {
  const withheld: Array<[Finding, string]> = []
  for (const node of tree.children) {
    if (node.type !== 'heading') continue
    const [start, end] = [node.position!.start.offset!, node.position!.end.offset!]
    const inside = chosen.filter((finding) => finding.fix!.every((edit) => edit.start >= start && edit.end <= end))
    const before = inside.length ? idOf(node) : null
    if (before === null) continue
    for (const finding of inside) {
      const local = finding.fix!.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start }))
      const heading = parseMarkdown(applyEdits(text.slice(start, end), local)).children[0]
      const after = heading?.type === 'heading' ? idOf(heading) : null
      if (after === before) continue
      const reason = `not fixed: it would change the heading's id from \`${before}\` to \`${after}\`, and links to #${before} would break; fix it by hand and update the links`
      withheld.push([finding, reason])
    }
  }
  return withheld
}
