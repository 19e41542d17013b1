#!/usr/bin/env bash
# Builds the Alex installers for this platform with the version from the pom:
#   Linux: packaging/target/installer/Alex (app-image) and alex-workbench_<version>_amd64.deb
#   rpm:   INSTALLER_TYPES=app-image,rpm packaging/build.sh   (needs rpmbuild)
# Windows and macOS use the same Maven module:
#   mvnw.cmd -pl packaging -am clean package -DskipTests   (.msi; needs the WiX Toolset 3 or 4 on PATH)
#   ./mvnw   -pl packaging -am clean package -DskipTests   (.dmg on macOS)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/*-25-*; do
    if [[ -x "$candidate/bin/jpackage" ]]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/jpackage" ]]; then
  echo "packaging/build.sh: JDK 25 with jpackage is needed; set JAVA_HOME." >&2
  exit 2
fi
if [[ "$(uname -s)" == Linux ]] && ! command -v fakeroot >/dev/null; then
  echo "packaging/build.sh: jpackage needs fakeroot to build a .deb (apt-get install fakeroot)." >&2
  exit 2
fi
args=(-q -pl packaging -am clean package -DskipTests)
[[ -n "${INSTALLER_TYPES:-}" ]] && args+=("-Dinstaller.types=${INSTALLER_TYPES}")
./mvnw "${args[@]}"
ls -l packaging/target/installer
