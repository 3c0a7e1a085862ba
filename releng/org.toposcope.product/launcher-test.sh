#!/usr/bin/env bash
# Runs ./toposcope (the launcher script) on the materialized product with an empty cache folder and checks
# its class-data archive: the first command records it and still prints only its own output, later
# commands use it, and a foreign, garbage or empty archive changes nothing a user sees (no message, same
# exit code, same output). DJL_CACHE_DIR, when set, keeps PyTorch's natives out of the empty cache folder.
set -uo pipefail
root="$1"
cache=$(mktemp -d "${TMPDIR:-/tmp}/toposcope-launcher-test.XXXXXX")
trap 'rm -rf "$cache"' EXIT
export TOPOSCOPE_CACHE_DIR="$cache"
unset TOPOSCOPE_CDS JAVA_OPTS
fail=0
check() { # name, expected stdout file, command...: exit code 0, nothing on stderr, the expected output
  local name=$1 expected=$2; shift 2
  "$root/toposcope" "$@" >"$cache/out" 2>"$cache/err"; local rc=$?
  if [ "$rc" -ne 0 ] || [ -s "$cache/err" ] || ! cmp -s "$expected" "$cache/out"; then
    echo "launcher-test: FAILED $name (exit $rc):" >&2; cat "$cache/out" "$cache/err" >&2; fail=1
  else
    echo "launcher-test: ok $name"
  fi
}
archives() { compgen -G "$cache/cds/*.jsa"; }

# reference outputs without any archive
TOPOSCOPE_CDS=0 "$root/toposcope" help >"$cache/help.txt" 2>/dev/null || { echo "launcher-test: help failed" >&2; exit 1; }
TOPOSCOPE_CDS=0 "$root/toposcope" nope >/dev/null 2>"$cache/nope.txt"
[ -z "$(archives)" ] || { echo "launcher-test: TOPOSCOPE_CDS=0 recorded an archive" >&2; fail=1; }

check first-run-records "$cache/help.txt" help
archive=$(archives)
if [ "$(wc -l <<<"$archive")" -ne 1 ] || [ ! -s "$archive" ]; then
  echo "launcher-test: FAILED no archive recorded in $cache/cds: $(ls -a "$cache/cds" 2>&1)" >&2; ls "$cache"/cds/*.failed >/dev/null 2>&1 && cat "$cache"/cds/*.failed >&2
  exit 1
fi
echo "launcher-test: ok archive $(basename "$archive") ($(( $(stat -c %s "$archive") / 1048576 )) MB)"
used=$(JAVA_OPTS="-Xlog:class+load" "$root/toposcope" help | grep -c "source: shared objects file (top)")
[ "$used" -gt 500 ] && echo "launcher-test: ok $used classes from the archive" \
  || { echo "launcher-test: FAILED only $used classes came from the archive" >&2; fail=1; }

for damage in foreign garbage empty; do
  rm -f "$archive"
  case $damage in
    # classes of a launcher jar elsewhere: the JVM refuses it and, unless told not to, says so on stdout
    foreign) cp "$(compgen -G "$root/releng/org.toposcope.product/target/products/org.toposcope.cli.product/linux/gtk/x86_64/toposcope-cli/plugins/org.eclipse.equinox.launcher_*.jar" | head -n 1)" "$cache/launcher.jar"
             (cd "$cache" && java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
                -cp launcher.jar org.eclipse.equinox.launcher.Main -h >/dev/null 2>&1) ;;
    garbage) head -c 1000000 /dev/urandom >"$archive" ;;
    empty) : >"$archive" ;;
  esac
  [ -f "$archive" ] || { echo "launcher-test: FAILED could not make a $damage archive" >&2; fail=1; }
  check "$damage-archive" "$cache/help.txt" help
  "$root/toposcope" nope >/dev/null 2>"$cache/err"; rc=$?
  if [ "$rc" -ne 2 ] || ! cmp -s "$cache/nope.txt" "$cache/err"; then
    echo "launcher-test: FAILED $damage-archive usage error (exit $rc):" >&2; cat "$cache/err" >&2; fail=1
  else
    echo "launcher-test: ok $damage-archive usage error"
  fi
done
exit $fail
