#!/usr/bin/env bash
# Copy the built files of the npm packages pinned in package.json into the
# Python package, with their licences, so users get a web UI that works
# offline with no build step. Run from anywhere: bash web/vendor.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../src/newsgraph/web/static/vendor"
cd "$here"
npm ci --no-audit --no-fund --ignore-scripts 2>/dev/null || npm install --no-audit --no-fund --ignore-scripts
rm -rf "$dest/d3"
mkdir -p "$dest/d3"
cp node_modules/d3/dist/d3.min.js "$dest/d3/"
cp node_modules/d3/LICENSE "$dest/d3/LICENSE"
# d3's bundle includes its d3-* modules and a few small dependencies: keep each licence.
{
  for pkg in node_modules/d3-* node_modules/delaunator node_modules/internmap node_modules/robust-predicates; do
    [ -d "$pkg" ] || continue
    name="$(basename "$pkg")"
    version="$(node -p "require('./$pkg/package.json').version")"
    echo "== $name $version =="
    cat "$pkg"/LICENSE* 2>/dev/null || echo "(licence file missing; see package.json: $(node -p "require('./$pkg/package.json').license"))"
    echo
  done
} > "$dest/d3/THIRD_PARTY_LICENSES.txt"
echo "d3 $(node -p "require('./node_modules/d3/package.json').version")" > "$dest/VERSIONS.txt"
du -sh "$dest"
