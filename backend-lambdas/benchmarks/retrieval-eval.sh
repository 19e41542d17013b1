#!/usr/bin/env bash
# Retrieval quality of semantic vs keyword vs hybrid search on the Python 3.11 documentation.
# Fetches the corpus from Debian's archive (apt-get download), ingests it into a scratch knowledge base
# (reused on later runs) and prints hit@k and MRR@10 per mode. Add "-v" to see every question's ranking.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${ALEX_EVAL_DIR:-$ROOT/backend-lambdas/benchmarks/target/retrieval}"
mkdir -p "$WORK"
if [[ ! -d "$WORK/corpus/usr/share/doc/python3.11/html" ]]; then
  (cd "$WORK" && apt-get download python3.11-doc && dpkg -x python3.11-doc_*.deb corpus)
fi
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"
./mvnw -q -pl backend-lambdas/benchmarks -am install -DskipTests
CP="$(./mvnw -q -pl backend-lambdas/benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g ${ALEX_JAVA_OPTS:-} -cp "backend-lambdas/benchmarks/target/classes:$CP" \
  app.alex.benchmarks.retrieval.RetrievalEval "$WORK/corpus/usr/share/doc/python3.11/html" "$WORK/kb" "$@"
