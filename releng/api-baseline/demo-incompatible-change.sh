#!/usr/bin/env bash
# Shows the API baseline check at work: in a scratch worktree of HEAD, builds org.toposcope.core unchanged (must pass),
# then with Matrix.get(int, int) removed from the exported package org.toposcope.core.model (must fail: a plug-in
# compiled against the baseline calls it). About two Tycho builds of one bundle; not part of ./mvnw verify.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d /tmp/toposcope-baseline-demo.XXXXXX)
trap 'git -C "$root" worktree remove --force "$scratch" >/dev/null 2>&1; rm -rf "$scratch"' EXIT
git -C "$root" worktree add --detach "$scratch" HEAD >/dev/null 2>&1 || { echo "demo: cannot make a worktree" >&2; exit 1; }
build() { ("$scratch/mvnw" -B -o verify -DskipTests -pl target-platform,bundles/org.toposcope.core "$@") >"$scratch/build.log" 2>&1; }

if build; then echo "demo: unchanged core: build passes the baseline check"
else grep -E "ERROR|Baseline" "$scratch/build.log" | head -20; echo "demo: FAILED: the unchanged core does not pass" >&2; exit 1; fi

python3 - "$scratch/bundles/org.toposcope.core/src/org/toposcope/core/model/Matrix.java" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
t = re.sub(r"\n    public double get\(int row, int column\) \{.*?\n    \}\n", "\n", s, count=1, flags=re.S)
assert t != s, "Matrix.get not found"
open(p, "w").write(t)
PY
if build; then echo "demo: FAILED: removing Matrix.get(int, int) passed the baseline check" >&2; exit 1; fi
grep -E "Baseline problems found|│(MAJOR|\.\.)" "$scratch/build.log" | sed "s/^\[ERROR\] //" | cut -c1-160 | head -8
echo "demo: Matrix.get(int, int) removed: the build fails the baseline check, as it must"
