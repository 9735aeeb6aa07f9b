/** lib/lint/README.md's rule reference is generated from the rule modules and kept current. */
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { README, renderReadme } from '../../lib/lint/readme.ts'
import { rules } from '../../lib/lint/index.ts'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import { createPreset } from '../../lib/lint/preset.ts'
import { VFile } from 'vfile'

it('the README rule reference is up to date (npm run docs:lint regenerates it)', () => {
  const current = readFileSync(README, 'utf8')
  assert.equal(current, renderReadme(current))
})

it("each rule's documentation URL points at its own heading in the README", () => {
  const readme = readFileSync(README, 'utf8')
  const processor = unified().use(remarkParse).use(createPreset())
  const file = new VFile({ value: '中文English,好(是)"对" ' })
  processor.runSync(processor.parse(file), file)
  const urls = new Map(file.messages.map((message) => [message.ruleId, message.url]))
  assert.ok(urls.size >= 3)
  for (const [id, url] of urls) assert.match(url ?? '', new RegExp(`/lib/lint/README\\.md#${id}$`))
  for (const rule of rules) assert.ok(readme.includes(`\n### \`${rule.id}\`\n`), `README has a heading for ${rule.id}`)
})
