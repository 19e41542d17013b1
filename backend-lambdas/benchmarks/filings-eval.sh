#!/usr/bin/env bash
# Retrieval quality of semantic vs keyword vs hybrid search on four SEC filings (Apple and Tesla, 10-K and 10-Q),
# read in place from shared/data/edgar beside the checkout (nothing to download, nothing copied). Checks the question
# set against the filings' extracted text first, ingests them into a scratch knowledge base (reused on later runs)
# and prints hit@k and MRR@10 per mode, then the questions each mode does not answer first.
# Add "-v" to see every question's top five passages. Extra Maven flags (e.g. -o) go in ALEX_MVN_FLAGS, JVM options in
# ALEX_JAVA_OPTS: -Dindex=cloud measures the cloud index adapter (S3 Vectors, against the local fake) instead of Lucene.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EDGAR="${ALEX_EDGAR_DIR:-$ROOT/../shared/data/edgar}"
WORK="${ALEX_EVAL_DIR:-$ROOT/backend-lambdas/benchmarks/target/filings-eval}"
if [[ ! -f "$EDGAR/aapl-10-k-2024-11-01.html" ]]; then
  echo "SEC filings not found in $EDGAR (set ALEX_EDGAR_DIR)" >&2
  exit 1
fi
mkdir -p "$WORK"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"
# Compile the benchmarks and what they use in one reactor, so the class path points at this checkout's classes
# (target/classes), not at whatever an older install left in ~/.m2.
./mvnw -q ${ALEX_MVN_FLAGS:-} -pl backend-lambdas/benchmarks -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g ${ALEX_JAVA_OPTS:-} \
  -cp "backend-lambdas/benchmarks/target/classes:$(cat "$WORK/classpath.txt")" \
  app.alex.benchmarks.retrieval.FilingsRetrievalEval "$EDGAR" "$WORK/kb" "$@"
