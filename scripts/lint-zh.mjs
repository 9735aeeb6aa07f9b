/**
 * lint:zh's entry point, in plain JavaScript so that no TypeScript loader runs on the hot
 * path: editors call `lint:zh --stdin` on every save, and going through tsx costs about
 * 1.4 s of CPU before the first line is linted, a precompiled bundle about 0.2 s
 * (`npm run bench:lint` prints both). The bundle of scripts/lint-zh.ts is built with esbuild
 * (installed with tsx) into .cache/lint-zh-cli/ and rebuilt when any project file it was made
 * from, or package-lock.json, changes. Without esbuild, or if building fails, it runs through tsx.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import path from 'node:path'

const root = fileURLToPath(new URL('..', import.meta.url))
const entry = path.join(root, 'scripts', 'lint-zh.ts')
const dir = path.join(root, '.cache', 'lint-zh-cli')
const manifestFile = path.join(dir, 'manifest.json')

/** A digest of the bundle's own sources (not node_modules: package-lock.json stands for those). */
function digest(inputs) {
  const hash = createHash('sha256')
  for (const file of [...inputs, 'package-lock.json']) {
    const absolute = path.join(root, file)
    hash.update(`\0${file}\0`).update(existsSync(absolute) ? readFileSync(absolute) : 'missing')
  }
  return hash.digest('hex').slice(0, 16)
}

function current() {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    const bundle = path.join(dir, manifest.bundle)
    return manifest.digest === digest(manifest.inputs) && existsSync(bundle) ? bundle : null
  } catch {
    return null
  }
}

async function build() {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
    // Bundled CommonJS packages call require(); give them one.
    banner: { js: "import { createRequire as __wenjiRequire } from 'node:module'; const require = __wenjiRequire(import.meta.url);" },
  })
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/')).sort()
  const id = digest(inputs)
  const bundle = `lint-zh-${id}.mjs`
  mkdirSync(dir, { recursive: true })
  // Temp + rename: a concurrent run never imports a half-written bundle.
  const temporary = path.join(dir, `.${bundle}.${process.pid}.tmp`)
  writeFileSync(temporary, result.outputFiles[0].contents)
  renameSync(temporary, path.join(dir, bundle))
  writeFileSync(`${manifestFile}.${process.pid}.tmp`, JSON.stringify({ digest: id, bundle, inputs }))
  renameSync(`${manifestFile}.${process.pid}.tmp`, manifestFile)
  return path.join(dir, bundle)
}

let bundle = current()
if (!bundle) {
  try {
    bundle = await build()
  } catch {
    bundle = null
  }
}
if (bundle) await import(pathToFileURL(bundle).href)
else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(entry).href)
}
