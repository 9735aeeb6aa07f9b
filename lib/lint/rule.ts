/**
 * `defineRule` turns a small rule spec into a remark-lint plugin. Rules report findings on
 * source offsets; a fixable finding carries its edits, which the fixer applies to the
 * original text (remark-lint has no autofix of its own).
 */
import { lintRule } from 'unified-lint-rule'
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import type { Plugin } from 'unified'
import { proseIndex, type ProseBlock, type ProseIndex } from './prose.ts'

export const RULE_SOURCE = 'zh-typography'
const RULE_DOCS = 'https://github.com/wenji/wenji/blob/main/lib/lint/README.md#'

/** Replace source[start, end) with text. An insertion has start === end. */
export interface Edit {
  start: number
  end: number
  text: string
}

export interface Report {
  start: number
  end: number
  message: string
  /** Edits applied together; omitted for detect-only findings. */
  edits?: Edit[]
  /** A heuristic part of a rule warns even when the rule is set to error. */
  warnOnly?: boolean
}

export interface RuleContext<Options> {
  tree: Root
  file: VFile
  index: ProseIndex
  options: Options
  report(finding: Report): void
  /** Report a finding spanning flat units [from, to) of a block. */
  reportFlat(block: ProseBlock, from: number, to: number, message: string, edits?: Edit[], warnOnly?: boolean): void
}

/**
 * An example the tests run with only this rule enabled. `messages` are
 * `line:column-endLine:endColumn: message`; none means the input is fine. `output` is the
 * document after `--fix` (defaults to the input for detect-only findings).
 */
export interface RuleExample {
  input: string
  messages?: string[]
  output?: string
  config?: unknown
}

export interface RuleSpec<Options> {
  id: string
  description: string
  fixable: boolean
  severity: 'error' | 'warn'
  defaults: Options
  examples: RuleExample[]
  check(context: RuleContext<Options>): void
}

export interface RuleModule<Options = unknown> extends Omit<RuleSpec<Options>, 'check'> {
  plugin: Plugin<[unknown?], Root>
}

/** Fix edits ride on the vfile message under this field. */
export interface FixableMessage {
  fix?: Edit[]
}

type Transformer = (tree: Root, file: VFile, next: (error?: unknown) => void) => void

export function defineRule<Options>(spec: RuleSpec<Options>): RuleModule<Options> {
  const lint = lintRule<Root, Partial<Options> | undefined>(
    { origin: `${RULE_SOURCE}:${spec.id}`, url: RULE_DOCS + spec.id },
    (tree, file, options) => {
      const index = proseIndex(tree, file)
      const report = (finding: Report) => {
        const message = file.message(finding.message, {
          place: { start: index.toPoint(finding.start), end: index.toPoint(finding.end) },
        })
        if (finding.warnOnly) warnOnly.add(message)
        if (finding.edits && spec.fixable) {
          ;(message as FixableMessage).fix = finding.edits
          message.actual = index.source.slice(finding.start, finding.end)
        }
      }
      spec.check({
        tree,
        file,
        index,
        options: { ...spec.defaults, ...(options ?? {}) },
        report,
        reportFlat(block, from, to, message, edits, warnOnly) {
          report({ start: block.starts[from], end: block.ends[to - 1], message, edits, warnOnly })
        },
      })
    },
  ) as unknown as (config: unknown) => Transformer | undefined
  const warnOnly = new WeakSet<object>()
  // lintRule stamps the rule's severity on its messages when the rule ends; soften the heuristic ones after that.
  function plugin(config?: unknown) {
    const transform = lint(config)
    if (!transform) return
    return (tree: Root, file: VFile, next: (error?: unknown) => void) =>
      transform(tree, file, (error) => {
        for (const message of file.messages) if (warnOnly.has(message)) message.fatal = false
        next(error)
      })
  }
  Object.defineProperty(plugin, 'name', { value: `${RULE_SOURCE}:${spec.id}` })
  const { check: _check, ...meta } = spec
  return { ...meta, plugin: plugin as unknown as Plugin<[unknown?], Root> }
}

/** All matches of a global regex in a string, as [index, match] pairs. */
export function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text))) {
    yield match
    if (match[0] === '') pattern.lastIndex++
  }
}

/**
 * Edits replacing flat units [from, to) by `text`, touching only those units' source: when
 * the units straddle delimiters (`** `), each contiguous source run is edited on its own.
 */
export function replaceFlat(block: ProseBlock, from: number, to: number, text: string): Edit[] {
  const edits: Edit[] = []
  for (let i = from; i < to; i++) {
    const last = edits[edits.length - 1]
    if (last && last.end === block.starts[i]) last.end = block.ends[i]
    else edits.push({ start: block.starts[i], end: block.ends[i], text: edits.length ? '' : text })
  }
  return edits
}

/** A zero-width edit putting one space between flat units i-1 and i, outside delimiters. */
export function spaceBefore(block: ProseBlock, i: number): Edit[] {
  const at = block.inserts[i]
  return [{ start: at, end: at, text: ' ' }]
}
