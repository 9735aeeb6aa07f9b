/**
 * Property tests over generated Chinese/English Markdown: fixing is idempotent, never adds,
 * drops or reorders words, and leaves code, URLs and front matter byte-identical.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { visitParents } from 'unist-util-visit-parents'
import { fixText } from '../../lib/lint/index.ts'
import { parseMarkdown } from '../../lib/lint/parse.ts'

const han = fc.constantFrom('中文', '我们', '测试', '今天', '天气', '写作', '面包', '时间', '经验', '引用')
const latin = fc.constantFrom('React', 'github', 'Hello', 'world', 'API', 'ios', 'TypeScript', 'v1.2.3', 'e.g.', 'C++', 'npm')
const number = fc.constantFrom('3.14', '10:30', '2023', '64', '100+', '5G', '1080p', '１０００', '15%', '64GB')
const punct = fc.constantFrom(',', '.', '!', '?', ':', ';', '，', '。', '！', '？', '...', '--', '!!', '？？', '…', '、')
const space = fc.constantFrom(' ', '  ', '')
const inline = fc.oneof(
  { weight: 6, arbitrary: han },
  { weight: 3, arbitrary: latin },
  { weight: 2, arbitrary: number },
  { weight: 3, arbitrary: punct },
  { weight: 3, arbitrary: space },
  { weight: 1, arbitrary: fc.constantFrom('`code x`', '` pad `', '[链接](https://example.com/a_b?c=1)', 'https://example.com/指南', '<https://example.com>') },
  { weight: 1, arbitrary: fc.tuple(han, latin).map(([a, b]) => `**${a}${b}**`) },
  { weight: 1, arbitrary: fc.tuple(han, latin).map(([a, b]) => `"${a}${b}"`) },
  { weight: 1, arbitrary: fc.tuple(han, latin).map(([a, b]) => `(${a} ${b})`) },
  { weight: 1, arbitrary: fc.constantFrom('{{ page.title }}', '{% if x %}', '\\-', '&amp;', '[^1]') },
)
const sentence = fc.array(inline, { minLength: 1, maxLength: 14 }).map((parts) => parts.join('').trim()).filter((s) => s.length > 0)
const codeBlock = fc.tuple(han, latin, punct).map(([a, b, c]) => '```\n' + `${a}${b}${c} "${a}"  ...\n` + '```')
const block = fc.oneof(
  { weight: 5, arbitrary: sentence },
  { weight: 1, arbitrary: sentence.map((s) => `## ${s}`) },
  { weight: 1, arbitrary: sentence.map((s) => `> ${s}`) },
  { weight: 1, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((items) => items.map((s) => `- ${s}`).join('\n')) },
  { weight: 1, arbitrary: codeBlock },
)
const frontMatter = fc.constantFrom('', '---\ntitle: "中文English,标题"\ntags: [a,b]\n---\n\n')
const documentArb = fc
  .tuple(frontMatter, fc.array(block, { minLength: 1, maxLength: 6 }))
  .map(([front, blocks]) => front + blocks.join('\n\n') + '\n')

const PUNCT_VARIANTS = /[,，.。;；:：?？!！、…—\-－"“”'‘’「」『』()（）]+/g
const toHalfwidth = (text: string) => text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
/**
 * Words in order: spaces removed, every punctuation variant one class, case and width folded.
 * A heading's trailing pause mark is the one punctuation the house style deletes.
 */
const words = (text: string) =>
  text
    .split('\n')
    .map((line) => {
      const folded = toHalfwidth(line).replace(/\s+/g, '').replace(PUNCT_VARIANTS, '·').toLowerCase()
      return line.startsWith('#') ? folded.replace(/·$/, '') : folded
    })
    .join('')

/** Source text of what the parser sees as front matter, code, inline code values and URLs. */
function protectedParts(doc: string): string[] {
  const parts: string[] = [...(doc.match(/\{\{ page\.title \}\}|\{% if x %\}|\\-|&amp;|\[\^1\]/g) ?? [])]
  visitParents(parseMarkdown(doc), (node) => {
    const source = node.position ? doc.slice(node.position.start.offset, node.position.end.offset) : ''
    if (node.type === 'yaml' || node.type === 'code') parts.push(source)
    // Inline code keeps its value; only padding CommonMark strips anyway may go.
    if (node.type === 'inlineCode') parts.push(node.value)
    if (node.type === 'link') parts.push(source.startsWith('[') ? source.slice(source.lastIndexOf('](')) : source)
  })
  return parts
}

const runs = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300), seed: 20240310 }

describe('fix properties over generated documents', () => {
  it('fixing is idempotent', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const once = fixText(doc).output
        assert.equal(fixText(once).output, once)
      }),
      runs,
    )
  })

  it('never adds, drops or reorders words', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        assert.equal(words(fixText(doc).output), words(doc))
      }),
      runs,
    )
  })

  it('keeps code, URLs, front matter and template tags byte-identical', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const output = fixText(doc).output
        for (const part of protectedParts(doc)) assert.ok(output.includes(part), `${JSON.stringify(part)} survives`)
        const front = doc.match(/^---\n[\s\S]*?\n---\n/)?.[0]
        if (front) assert.ok(output.startsWith(front))
      }),
      runs,
    )
  })
})
