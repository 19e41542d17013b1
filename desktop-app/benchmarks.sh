#!/usr/bin/env bash
# Desktop workbench benchmarks (BENCHMARKS.md, "Desktop workbench"). Not tests: run by hand.
#   desktop-app/benchmarks.sh [launch|search|library|all]   (default: all)
# Builds desktop-app (offline, no install), builds the fixtures once under $BENCH_DIR
# (default /dev/shm/alex-bench: tmpfs, so fixture commits do not wait for fsync), waits until no
# other build (surefire/jpackage) is running, then measures headless (software rendering).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BENCH_DIR="${BENCH_DIR:-/dev/shm/alex-bench}"
what="${1:-all}"

./mvnw -o -q test-compile -pl desktop-app -am
./mvnw -o -q package -DskipTests -pl desktop-app -am   # copies runtime deps to desktop-app/target/lib
# Jars only (the benchmark's classes jarred too): a JDK AOT cache archives classes from jars, not folders.
mkdir -p desktop-app/target/bench
"$JAVA_HOME/bin/jar" --create --file desktop-app/target/bench/desktop-bench.jar -C desktop-app/target/test-classes app/alex/desktop/bench
CP="desktop-app/target/alex-desktop.jar:desktop-app/target/bench/desktop-bench.jar:desktop-app/target/lib/*"
# launch also measures with AOT caches (one training launch each for the workbench and the bare window); AOT=0: without.
AOT_FLAG=()
[ "${AOT:-1}" = 1 ] && AOT_FLAG=(-Daot=true)
run() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dglass.platform=Headless -Dprism.order=sw "${AOT_FLAG[@]}" \
    -cp "$CP" app.alex.desktop.bench.DesktopBenchmark "$@"
}
quiet() { # wait (up to 15 min) until no other build is running, so the figures are not distorted
  for _ in $(seq 45); do
    if [ -z "$(pgrep -f surefire || true)" ] && [ -z "$(pgrep -f jpackage || true)" ]; then return 0; fi
    sleep 20
  done
  echo "WARNING: measuring under load (a surefire/jpackage process is still running)" >&2
}
mkdir -p "$BENCH_DIR"
if [ "$what" = search ] || [ "$what" = all ]; then
  [ -f "$BENCH_DIR/search-100k/alex.json" ] || run build-search "$BENCH_DIR/search-100k" 100000
fi
if [ "$what" = library ] || [ "$what" = all ]; then
  [ -f "$BENCH_DIR/library-20k/alex.json" ] || run build-library "$BENCH_DIR/library-20k" 20000
fi
if [ "$what" = launch ] || [ "$what" = all ]; then quiet; run launch 5; fi
if [ "$what" = search ] || [ "$what" = all ]; then quiet; run search "$BENCH_DIR/search-100k" 20; fi
if [ "$what" = library ] || [ "$what" = all ]; then quiet; run library "$BENCH_DIR/library-20k"; fi
