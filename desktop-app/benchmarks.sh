#!/usr/bin/env bash
# Desktop workbench benchmarks (BENCHMARKS.md, "Desktop workbench"). Not tests: run by hand.
#   desktop-app/benchmarks.sh [launch|search|library|all]   (default: all)
#   desktop-app/benchmarks.sh installed [ROUNDS]   the app-image packaging/build.sh made, with and without the AOT
#                                                  cache recorded at package time, beside a bare JavaFX window
#                                                  started by the same bundled runtime
# Builds desktop-app (offline, no install), builds the fixtures once under $BENCH_DIR
# (default /dev/shm/alex-bench: tmpfs, so fixture commits do not wait for fsync), waits until no
# other build (surefire/jpackage) is running, then measures headless (software rendering).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BENCH_DIR="${BENCH_DIR:-/dev/shm/alex-bench}"
what="${1:-all}"

quiet() { # wait (up to 15 min) until no other build is running, so the figures are not distorted
  for _ in $(seq 45); do
    if [ -z "$(pgrep -f surefire || true)" ] && [ -z "$(pgrep -f jpackage || true)" ]; then return 0; fi
    sleep 20
  done
  echo "WARNING: measuring under load (a surefire/jpackage process is still running)" >&2
}
if [ "$what" = installed ]; then
  APP="$PWD/packaging/target/installer/Alex"
  [ -x "$APP/bin/Alex" ] || { echo "no app-image: run packaging/build.sh (or ./mvnw -pl packaging -am package -DskipTests) first" >&2; exit 1; }
  ./mvnw -o -q test-compile -pl desktop-app -am
  mkdir -p desktop-app/target/bench
  "$JAVA_HOME/bin/jar" --create --file desktop-app/target/bench/desktop-bench.jar -C desktop-app/target/test-classes app/alex/desktop/bench
  FX=$(ls "$APP"/lib/app/javafx-*.jar | tr '\n' ':')
  HEADLESS="-Dglass.platform=Headless -Dprism.order=sw"
  # Milliseconds from JVM start to the workbench's "stats answered: Healthy" (alex.startup.trace), one fresh
  # data, settings and model folder per launch; the launcher is stopped once it is Healthy.
  launch_installed() {
    local scratch; scratch=$(mktemp -d)
    JAVA_TOOL_OPTIONS="$HEADLESS -Dalex.startup.trace=true -Dalex.cache.dir=$scratch/cache $1" ALEX_CONFIG_DIR="$scratch/config" \
      ALEX_DATA_DIR="$scratch/data" "$APP/bin/Alex" > "$scratch/out" 2>&1 &
    local pid=$!
    for _ in $(seq 600); do grep -q "stats answered: Healthy" "$scratch/out" && break; sleep 0.1; done
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    grep "stats answered: Healthy" "$scratch/out" | awk '{print $2}'
    rm -rf "$scratch"
  }
  # JavaFX first, then the benchmark, then the app's jars (the benchmark class names some of their types).
  bare() { "$APP/lib/runtime/bin/java" $HEADLESS -cp "${FX}desktop-app/target/bench/desktop-bench.jar:$APP/lib/app/*" \
    app.alex.desktop.bench.DesktopBenchmark bare-child | sed -n 's/^BENCH shown_from_jvm_ms=//p'; }
  quiet
  rounds="${2:-5}"; b=(); c=(); n=()
  for r in $(seq "$rounds"); do
    b+=("$(bare)"); c+=("$(launch_installed "")"); n+=("$(launch_installed -XX:AOTMode=off)")
    echo "round $r: bare JavaFX window shown ${b[-1]} ms, installed workbench Healthy with its AOT cache ${c[-1]} ms, without ${n[-1]} ms"
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  mb=$(median "${b[@]}"); mc=$(median "${c[@]}"); mn=$(median "${n[@]}")
  echo "median: bare window $mb ms; installed workbench Healthy: with AOT cache $mc ms = $(awk "BEGIN {printf \"%.2f\", $mc/$mb}")x, without $mn ms = $(awk "BEGIN {printf \"%.2f\", $mn/$mb}")x"
  exit 0
fi

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
