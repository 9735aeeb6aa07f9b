/**
 * The linter on real prose: 48 documents from 8 public sources (tests/fixtures/lint-corpus,
 * SOURCES.md). Findings are compared with the list judged by hand (expected-findings.tsv:
 * `right` or `wrong` per finding); precision per rule must stay at 98 % or more. Then the
 * properties `--fix` promises: words unchanged, code/maths/URLs/HTML/front matter
 * byte-identical, idempotent, and every heading id (so every #fragment link) kept.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Nodes, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { lintText, fixText } from '../../lib/lint/index.ts'
import { parseMarkdown } from '../../lib/lint/parse.ts'
import { maskTemplateTags } from '../../lib/lint/template-mask.ts'
import { ATOM } from '../../lib/lint/chars.ts'
import { headingId, UniqueIds } from '../../lib/markdown/slug.ts'
import { applyEdits, selectFixes } from '../../lib/lint/fixer.ts'
import { reparse } from '../../lib/lint/reparse.ts'

const root = fileURLToPath(new URL('../fixtures/lint-corpus/', import.meta.url))
const MIN_PRECISION = 0.98

const corpus = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) => readdirSync(join(root, dir.name)).map((name) => `${dir.name}/${name}`))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(root, name), 'utf8') }))

/** `file line:column rule` → verdict, from the hand-judged list. */
function judged(): Map<string, 'right' | 'wrong'> {
  const verdicts = new Map<string, 'right' | 'wrong'>()
  for (const line of readFileSync(join(root, 'expected-findings.tsv'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue
    const [file, at, rule, verdict] = line.split('\t')
    assert.ok(verdict === 'right' || verdict === 'wrong', `expected-findings.tsv: verdict "${verdict}" for ${file} ${at}`)
    verdicts.set(`${file} ${at} ${rule}`, verdict)
  }
  return verdicts
}

describe('real-prose corpus', () => {
  it('has at least 40 documents from at least 6 sources', () => {
    assert.ok(corpus.length >= 40, `${corpus.length} documents`)
    assert.ok(new Set(corpus.map((doc) => doc.name.split('/')[0])).size >= 6)
  })

  it('finds exactly the judged findings, with precision of at least 98 % per rule', () => {
    const verdicts = judged()
    const unjudged: string[] = []
    const perRule = new Map<string, { right: number; wrong: number }>()
    const seen = new Set<string>()
    for (const { name, text } of corpus) {
      for (const finding of lintText(text, { filePath: name })) {
        const key = `${name} ${finding.line}:${finding.column} ${finding.ruleId}`
        seen.add(key)
        const verdict = verdicts.get(key)
        if (!verdict) {
          unjudged.push(`${key}: ${finding.message} «${text.slice(finding.start, finding.end)}»`)
          continue
        }
        const counts = perRule.get(finding.ruleId) ?? { right: 0, wrong: 0 }
        counts[verdict]++
        perRule.set(finding.ruleId, counts)
      }
    }
    assert.deepEqual(unjudged, [], 'new findings: judge them and add them to expected-findings.tsv')
    const gone = [...verdicts].filter(([key, verdict]) => verdict === 'right' && !seen.has(key)).map(([key]) => key)
    assert.deepEqual(gone, [], 'findings judged right are no longer found')
    for (const [rule, { right, wrong }] of perRule) {
      assert.ok(right / (right + wrong) >= MIN_PRECISION, `${rule}: precision ${right}/${right + wrong}`)
    }
  })
})

/** Letters, digits and Han in order, NFKC, case aside: what a fix may never change. */
const words = (text: string) => (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]/gu) ?? []).join('')

/** Source slices a fix must not touch: code, HTML, front matter, URLs, and masked tags and maths. */
function untouchable(text: string): string[] {
  const tree = parseMarkdown(text)
  const slices: string[] = []
  const visit = (node: Nodes) => {
    if (['code', 'inlineCode', 'html', 'yaml', 'toml'].includes(node.type)) {
      slices.push(text.slice(node.position!.start.offset!, node.position!.end.offset!))
    }
    if ('url' in node) slices.push(node.url)
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  visit(tree)
  for (const span of maskTemplateTags(text).matchAll(new RegExp(`${ATOM.template}+`, 'g'))) slices.push(text.slice(span.index, span.index + span[0].length))
  return slices
}

/** Every heading's id as the site makes it, in document order. */
function headingIds(tree: Root): string[] {
  const ids = new UniqueIds()
  return tree.children.filter((node) => node.type === 'heading').map((heading) => headingId(toString(heading), ids))
}

describe('--fix on the corpus', () => {
  it('re-parsing only the touched blocks gives the tree a full parse gives', () => {
    for (const { name, text } of corpus) {
      const tree = parseMarkdown(text)
      const edits = selectFixes(lintText(text).filter((finding) => finding.fix)).flatMap((finding) => finding.fix!)
      const next = applyEdits(text, edits)
      assert.deepEqual(JSON.parse(JSON.stringify(reparse(text, tree, edits, next))), JSON.parse(JSON.stringify(parseMarkdown(next))), name)
      assert.deepEqual(tree, parseMarkdown(text), `${name}: the previous tree is left as it was`)
    }
  })

  for (const { name, text } of corpus) {
    it(`${name}: changes no word, no code, no heading id; a second fix changes nothing`, () => {
      const { output } = fixText(text, { filePath: name })
      assert.equal(words(output), words(text))
      assert.deepEqual(untouchable(output), untouchable(text))
      assert.equal(fixText(output, { filePath: name }).output, output, 'second --fix')
      const before = headingIds(parseMarkdown(text))
      const after = new Set(headingIds(parseMarkdown(output)))
      // Every #fragment that resolved before still resolves: no heading id changed.
      assert.deepEqual(before.filter((id) => !after.has(id)), [])
    })
  }
})
