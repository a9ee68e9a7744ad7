#!/usr/bin/env bash
# Refreshes the front-end assets under src/AgentMesh.Node/Dashboard/vendor from the npm registry.
# Needs Node.js and npm; building and running AgentMesh does not (the copies are committed).
# For each package in vendor.json: `npm pack name@version` (npm checks the tarball against the
# registry's integrity), compare the integrity with vendor.json, copy the listed files and
# rewrite their sha256 in vendor.json. A test checks the embedded files against those hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
vendor=src/AgentMesh.Node/Dashboard/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node - "$vendor" "$work" <<'JS'
const fs = require('fs'), path = require('path'), crypto = require('crypto');
const { execFileSync } = require('child_process');
const [vendor, work] = process.argv.slice(2);
const manifestPath = path.join(vendor, 'vendor.json');
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
for (const pkg of manifest.packages) {
  const dir = path.join(work, pkg.name);
  fs.mkdirSync(dir, { recursive: true });
  const out = JSON.parse(execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--json'], { cwd: dir }).toString());
  if (out[0].integrity !== pkg.integrity) {
    console.error(`${pkg.name}@${pkg.version}: integrity ${out[0].integrity} differs from vendor.json; update it deliberately`);
    process.exit(1);
  }
  execFileSync('tar', ['xzf', out[0].filename], { cwd: dir });
  for (const [from, spec] of Object.entries(pkg.files)) {
    const target = path.join(vendor, spec.to);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(dir, from), target);
    spec.sha256 = crypto.createHash('sha256').update(fs.readFileSync(target)).digest('hex');
    console.log(`${pkg.name}@${pkg.version} ${from} -> ${spec.to} ${spec.sha256}`);
  }
}
fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
JS
