/** docs:lint — regenerate the rule reference in lib/lint/README.md from the rule modules. */
import { readFileSync } from 'node:fs'
import { writeFileAtomicSync } from '../lib/files.ts'
import { README, renderReadme } from '../lib/lint/readme.ts'

const current = readFileSync(README, 'utf8')
const next = renderReadme(current)
if (next === current) console.log('lib/lint/README.md is up to date.')
else {
  writeFileAtomicSync(README, next)
  console.log('lib/lint/README.md: rule reference regenerated.')
}
