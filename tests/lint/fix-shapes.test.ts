/** What `--fix` did wrong on real blogs (issue 17), each as a document the whole preset fixes. */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { fixText } from '../../lib/lint/index.ts'

describe('--fix never changes a word', () => {
  it('reports renames instead of applying them', () => {
    const text = '苹果电脑（Mac OS X）连上 WiFi，用 [wifi](https://www.npmjs.com/package/wifi) 扫描。\n'
    const result = fixText(text)
    assert.equal(result.output, text)
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId}: ${f.message} fix=${f.fix !== null}`),
      ['proper-noun-case: Write `Wi-Fi`, not `WiFi` fix=false'],
    )
  })

  it('leaves a line that describes brackets as it is', () => {
    const text = "括号写作'('和')'，方括号写作'['和']'。\n"
    assert.equal(fixText(text).output, text)
  })

  it('fixes an attribution dash whole', () => {
    assert.equal(fixText('> 读书使人充实。\n>\n> -- [《随笔》](https://example.com/essays)\n').output, '> 读书使人充实。\n>\n> ——[《随笔》](https://example.com/essays)\n')
  })

  it('withholds a fix that would change a heading id, and says why', () => {
    const text = '## Jekyll迁移到Hugo\n\n见[上文](#jekyll迁移到hugo)。\n'
    const result = fixText(text)
    assert.equal(result.output, text)
    assert.equal(result.notApplied.length, 2)
    for (const finding of result.notApplied) {
      assert.match(finding.message, /not fixed: it would change the heading's id from `jekyll迁移到hugo` to `jekyll-?迁移到-?hugo`, and links to #jekyll迁移到hugo would break/)
      assert.equal(finding.fix, null)
    }
  })

  it('tells how to fix by hand what it cannot fix inside emphasis', () => {
    const result = fixText('* **在进行初次渲染时，** React 会调用根组件。\n')
    assert.deepEqual(
      result.notApplied.map((f) => f.message),
      ['Unexpected space next to full-width punctuation (not fixed: the fix would change how the Markdown parses; move the punctuation out of the emphasis delimiters (`**粗体，**` → `**粗体**，`) and fix it by hand)'],
    )
  })
})

describe('rules do not contradict each other', () => {
  it('enumeration-comma and halfwidth-punct-in-english never flag the same span', async () => {
    const { lintText } = await import('../../lib/lint/index.ts')
    const findings = lintText('他们叫它「Google，Facebook，Apple」，以及 Stay hungry，stay foolish。\n')
    const enumeration = findings.filter((f) => f.ruleId === 'enumeration-comma')
    const english = findings.filter((f) => f.ruleId === 'halfwidth-punct-in-english')
    assert.equal(enumeration.length, 1)
    assert.ok(english.every((f) => enumeration.every((e) => f.end <= e.start || f.start >= e.end)))
  })
})
