#!/usr/bin/env bash
# Third-party plug-ins end to end (see pom.xml). Arguments: repository root, work folder, local Maven repository,
# whether Maven runs offline. Every check prints "plugin-test: ok NAME" or explains what it saw and fails.
set -uo pipefail
root=$(cd "$1" && pwd); work=$2; repo_local=$3; offline=${4#offline=}
product="$root/releng/org.toposcope.product/target/products/org.toposcope.cli.product/linux/gtk/x86_64/toposcope-cli"
p2="$root/releng/org.toposcope.product/target/repository"
example="$root/examples/toposcope-plugin-example"
broken_jar=$(compgen -G "$root/bundles/org.toposcope.testing.brokenplugin/target/org.toposcope.testing.brokenplugin-*.jar" | grep -v sources | head -n 1)
fail() { echo "plugin-test: FAILED $*" >&2; exit 1; }
ok() { echo "plugin-test: ok $*"; }
[ -f "$p2/artifacts.jar" ] || [ -f "$p2/artifacts.xml.xz" ] || fail "no p2 repository in $p2"
[ -n "$broken_jar" ] || fail "the broken test plug-in was not built"
rm -rf "$work" && mkdir -p "$work"

# 1. the example builds from its own folder with its own wrapper, against the p2 repository only (no reactor, no ~/.m2 snapshots)
start=$(date +%s)
mvn_args=(-B -q clean verify "-Dtoposcope.repository=file:$p2" "-Dmaven.repo.local=$repo_local")
[ "$offline" = true ] && mvn_args+=(-o)
(cd "$example" && ./mvnw "${mvn_args[@]}") >"$work/example-build.log" 2>&1 \
  || { cat "$work/example-build.log" >&2; fail "example plug-in build (log above)"; }
plugin_jar=$(compgen -G "$example/org.example.toposcope/target/org.example.toposcope-*.jar" | grep -v sources | head -n 1)
[ -n "$plugin_jar" ] || fail "the example build made no jar"
ok "example plug-in built with its wrapper in $(( $(date +%s) - start )) s: $(basename "$plugin_jar")"

# 2. installed by dropping the jar into the plugins folder of a copy of the application (hard links; configuration copied,
#    as the framework writes there)
app="$work/toposcope-cli"
cp -al "$product" "$app" && rm -rf "$app/configuration" && cp -r "$product/configuration" "$app/configuration" || fail "copying the product"
cp "$plugin_jar" "$app/plugins/"
launcher=$(compgen -G "$app/plugins/org.eclipse.equinox.launcher_*.jar" | head -n 1)
toposcope() { java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error -Djava.awt.headless=true ${EXTRA_VMARGS:-} \
                   -jar "$launcher" -nosplash -application org.toposcope.cli.app -data @none "$@"; }
services=$(toposcope services 2>&1) || { echo "$services" >&2; fail "services"; }
grep -qE '^  geodesic-eccentricity +org\.example\.toposcope 1\.0\.0\.' <<<"$services" \
  && grep -qE '^  landscape-l2 +org\.example\.toposcope 1\.0\.0\.' <<<"$services" \
  || { echo "$services" >&2; fail "services does not list the dropped-in plug-in"; }
ok "services lists geodesic-eccentricity and landscape-l2 from org.example.toposcope"

# 3. a spec naming its lens and metric runs; the numbers are checked against python (numpy, scipy)
cat >"$work/example.yaml" <<'YAML'
name: plugin-example
data: {path: sample:fashion-mnist-test, images: 300, batch: 100}
models: [sample:fashion-resnet20]
layers: [stem, stage2.block1, stage3.block3]
metric: {id: landscape-l2, parameters: {landscapes: 3, resolution: 400}, dimensions: both}
mapper:
  layers: [stage3.block3]
  lens: {id: geodesic-eccentricity, parameters: {k: 8}}
  cover: {id: uniform, parameters: {intervals: 8, overlap: 0.3}}
  clusterer: {id: dbscan, parameters: {min-samples: 3}}
YAML
start=$(date +%s)
toposcope run "$work/example.yaml" --out "$work/example-report" >"$work/example-run.log" 2>&1 \
  || { cat "$work/example-run.log" >&2; fail "run with the plug-in's lens and metric"; }
ok "run with the plug-in's lens and metric in $(( $(date +%s) - start )) s"
toposcope activations --model sample:fashion-resnet20 --data sample:fashion-mnist-test --limit 300 --layers stem,stage2.block1,stage3.block3 \
    --out "$work/activations" >"$work/activations.log" 2>&1 || { cat "$work/activations.log" >&2; fail "activations"; }
for layer in stem stage2.block1 stage3.block3; do
  toposcope pointcloud --activations "$work/activations" --layer "$layer" --out "$work/$layer.npy" >>"$work/activations.log" 2>&1 \
    || { cat "$work/activations.log" >&2; fail "pointcloud $layer"; }
done
/usr/bin/python3 "$(dirname "$0")/check_plugin_report.py" "$work/example-report" "$work" || fail "the report's numbers (above)"
ok "lens values and landscape distances agree with python"

# 4. a deliberately broken plug-in, from a folder given with --plugins: NaN metric and throwing lens fail their steps,
#    naming the plug-in; the other steps complete and the report is written
mkdir -p "$work/broken" && cp "$broken_jar" "$work/broken/"
cat >"$work/broken.yaml" <<'YAML'
name: broken-plugin
data: {path: sample:fashion-mnist-test, images: 100, batch: 100}
models: [sample:fashion-resnet20]
layers: [stem, stage2.block1, stage3.block3]
metric: {id: broken-metric, parameters: {failure: nan}}
mapper:
  layers: [stage3.block3]
  lens: {id: broken-lens, parameters: {failure: throw}}
  cover: {id: uniform, parameters: {intervals: 6, overlap: 0.3}}
  clusterer: {id: dbscan, parameters: {min-samples: 3}}
YAML
toposcope --plugins "$work/broken" run "$work/broken.yaml" --out "$work/broken-report" >"$work/broken.out" 2>"$work/broken.err"
rc=$?
cat "$work/broken.err"
[ "$rc" -eq 0 ] || fail "the broken plug-in's run ended with $rc (expected the report, with failed steps)"
grep -qE "^toposcope: step failed: fashion-resnet20: metric: .*plugin org\.toposcope\.testing\.brokenplugin 0\.1\.0\.[0-9]+ \(metric broken-metric\): returned NaN" "$work/broken.err" \
  || fail "no one-line error naming the plug-in's metric"
grep -qE "^toposcope: step failed: fashion-resnet20: mapper stage3\.block3: plugin org\.toposcope\.testing\.brokenplugin 0\.1\.0\.[0-9]+ \(lens broken-lens\): threw java\.lang\.IllegalStateException: broken-lens fails on purpose$" "$work/broken.err" \
  || fail "no one-line error naming the plug-in's lens"
grep -q "Exception\|^\s*at " <(grep -v "^toposcope: step failed: " "$work/broken.err") && fail "stack trace on stderr"
/usr/bin/python3 - "$work/broken-report" <<'PY' || fail "the broken run's report"
import json, sys, os
r = sys.argv[1]
manifest = json.load(open(os.path.join(r, "manifest.json")))
failed = manifest["failed_steps"]
assert set(failed) == {"fashion-resnet20: metric", "fashion-resnet20: mapper stem", "fashion-resnet20: mapper stage2.block1",
                       "fashion-resnet20: mapper stage3.block3"}, failed
results = json.load(open(os.path.join(r, "results.json")))
m = results["models"][0]
assert [l["layer"] for l in m["layers"]] == ["stem", "stage2.block1", "stage3.block3"]
assert all(sum(d["finite"] for d in l["diagram"]) > 0 for l in m["layers"]), m["layers"]
sim = m["similarities"][0]
flat = [v for row in sim["values"] for v in row]
assert len(flat) == 9 and all(v is not None for v in flat), sim
assert m["mapper"] == [], m["mapper"]
assert os.path.isfile(os.path.join(r, "index.html"))
print("plugin-test: broken run: failed steps", sorted(failed), "; diagrams, similarity and report present")
PY
ok "broken plug-in (NaN metric, throwing lens): steps failed naming it, the rest of the run completed"

# 5. a hanging lens fails at the time limit, and the run still finishes
sed -e 's/failure: throw/failure: hang/' -e 's/failure: nan/failure: throw/' "$work/broken.yaml" >"$work/hang.yaml"
start=$(date +%s)
EXTRA_VMARGS=-Dtoposcope.extension.timeout=3 toposcope --plugins "$work/broken" run "$work/hang.yaml" --out "$work/hang-report" \
    >"$work/hang.out" 2>"$work/hang.err"
rc=$?; took=$(( $(date +%s) - start ))
cat "$work/hang.err"
[ "$rc" -eq 0 ] || fail "the hanging plug-in's run ended with $rc"
[ "$(grep -c '(lens broken-lens): no result within the time limit of 3 s' "$work/hang.err")" -eq 3 ] || fail "no time-limit error for each mapper layer"
grep -q '(metric broken-metric): threw java.lang.ArithmeticException: broken-metric fails on purpose' "$work/hang.err" || fail "no error for the throwing metric"
[ -s "$work/hang-report/index.html" ] || fail "no report after the hanging plug-in"
ok "hanging lens stopped at the 3 s limit, run finished in $took s"
