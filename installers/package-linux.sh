#!/usr/bin/env bash
# Builds a Linux app image (and a .deb when dpkg-deb is present) of the workstation with jpackage.
# Usage: installers/package-linux.sh [app-image|deb]   (default: app-image). Output in target/installer.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
./mvnw -q -B -DskipTests package
input=target/installer/input
rm -rf target/installer && mkdir -p "$input"
cp app/target/app.jar app/target/lib/*.jar "$input/"
jpackage --type "$type" --name mirrorscope --app-version 0.1.0 \
  --input "$input" --main-jar app.jar --main-class dev.mirrorscope.app.Main \
  --icon resources/icons/mirrorscope.png --dest target/installer \
  --java-options "-Xmx2g"
echo "installer written to target/installer" >&2
