#!/usr/bin/env bash
# Builds a Linux app image (or a .deb, which needs dpkg-deb and fakeroot) of Mirrorscope with jpackage.
# Its `mirrorscope` command is the workstation and the command line in one, like the repository's launcher:
# `mirrorscope` or `mirrorscope gui ...` opens the window, `mirrorscope ingest ...` etc. run commands.
# Usage: installers/package-linux.sh [app-image|deb]   (default: app-image). Output in target/installer.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
case "$type" in
  app-image|deb) ;;
  *) echo "usage: installers/package-linux.sh [app-image|deb]" >&2; exit 2 ;;
esac
command -v jpackage >/dev/null || { echo "jpackage not found: it comes with a full JDK 17 or later" >&2; exit 1; }
./mvnw -q -B -DskipTests package 1>&2
input=target/installer/input
rm -rf target/installer && mkdir -p "$input/javafx"
cp app/target/app.jar "$input/"
for jar in app/target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*) cp "$jar" "$input/javafx/" ;;
    *) cp "$jar" "$input/" ;;
  esac
done
version="$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' pom.xml | head -1)"
extra=()
if [[ "$type" == deb ]]; then
  extra=(--linux-shortcut --linux-menu-group Network)
fi
# JavaFX on the module path, as the launcher script does, so it does not run as an unsupported unnamed module;
# ControlsFX's completion popup (the display-filter bar) uses an event class JavaFX does not export.
jpackage --type "$type" --name mirrorscope --app-version "$version" \
  --description "Network traffic workstation for AWS VPC Traffic Mirroring captures" \
  --input "$input" --main-jar app.jar --main-class dev.mirrorscope.app.InstalledLauncher \
  --icon resources/icons/mirrorscope.png --dest target/installer \
  --java-options '--module-path $APPDIR/javafx --add-modules javafx.controls,javafx.swing' \
  --java-options '--add-exports javafx.base/com.sun.javafx.event=ALL-UNNAMED' "${extra[@]}"
echo "mirrorscope $type written to target/installer" >&2
