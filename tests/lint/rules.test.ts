/** Runs the ok / not-ok examples every rule module carries, with only that rule enabled. */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { rules, lintText, fixText, parseConfig, type LintConfig } from '../../lib/lint/index.ts'

const onlyRule = (id: string, severity: string, options: unknown): LintConfig =>
  parseConfig(
    { rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === id ? [severity, options ?? {}] : 'off'])) },
    `example config for ${id}`,
  )

for (const rule of rules) {
  describe(`rule ${rule.id}`, () => {
    for (const example of rule.examples) {
      const config = onlyRule(rule.id, rule.severity, example.config)
      const expected = example.messages ?? []
      it(`${expected.length ? 'not ok' : 'ok'}: ${JSON.stringify(example.input)}`, () => {
        const findings = lintText(example.input, { config })
        const actual = findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn}: ${f.message}`)
        assert.deepEqual(actual, expected)
        assert.ok(findings.every((f) => f.ruleId === rule.id))
        const fixed = fixText(example.input, { config })
        assert.equal(fixed.output, example.output ?? example.input)
        assert.equal(fixText(fixed.output, { config }).output, fixed.output, 'fix is idempotent')
        if (!rule.fixable) assert.ok(findings.every((f) => f.fix === null), 'detect-only rule offers no fix')
      })
    }
  })
}
