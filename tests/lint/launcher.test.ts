/** `npm run lint:zh` starts from a precompiled bundle (scripts/lint-zh.mjs), rebuilt when its sources change. */
import { it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const launcher = fileURLToPath(new URL('../../scripts/lint-zh.mjs', import.meta.url))
const manifest = fileURLToPath(new URL('../../.cache/lint-zh-cli/manifest.json', import.meta.url))

it('runs lint:zh without a TypeScript loader, from a bundle of the current sources', () => {
  for (let run = 0; run < 2; run++) {
    const result = spawnSync(process.execPath, [launcher, '--stdin', '--fix'], { input: '中文English,好\n', encoding: 'utf8' })
    assert.equal(result.stderr, '')
    assert.equal(result.stdout, '中文 English，好\n')
    assert.equal(result.status, 0)
  }
  const { inputs } = JSON.parse(readFileSync(manifest, 'utf8')) as { inputs: string[] }
  for (const source of ['scripts/lint-zh.ts', 'lib/lint/index.ts', 'lib/lint/rules/dash.ts', 'lib/files.ts']) assert.ok(inputs.includes(source), source)
})
