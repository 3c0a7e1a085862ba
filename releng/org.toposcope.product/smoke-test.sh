#!/usr/bin/env bash
# Runs the materialized product's headless application the way ./toposcope does and checks what a user
# sees: help, the registered services, the PyTorch engine loaded offline from the jar, and exit codes.
set -uo pipefail
product="$1"
launcher=$(compgen -G "$product/plugins/org.eclipse.equinox.launcher_*.jar" | head -n 1)
[ -n "$launcher" ] || { echo "smoke-test: no launcher jar in $product" >&2; exit 1; }
run() { java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Djava.awt.headless=true \
             -jar "$launcher" -nosplash -application org.toposcope.cli.app -data @none "$@"; }
fail=0
check() { # name, expected exit code, pattern, command...
  local name=$1 code=$2 pattern=$3; shift 3
  local out; out=$(run "$@" 2>&1); local rc=$?
  if [ "$rc" -ne "$code" ] || ! grep -qE "$pattern" <<<"$out"; then
    echo "smoke-test: FAILED $name (exit $rc, expected $code; wanted /$pattern/):" >&2; echo "$out" >&2; fail=1
  else
    echo "smoke-test: ok $name"
  fi
}
check help 0 '^  services ' --help
check services 0 '^  torchscript +org\.toposcope\.models ' services
check strategies 0 '^  top-l2 +org\.toposcope\.activations ' services
check version 0 '^Engine: +PyTorch 2\.7\.1 ' version
check unknown-command 2 "^Unmatched argument at index 0: 'nope'" nope
exit $fail
