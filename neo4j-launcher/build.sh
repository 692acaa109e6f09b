#!/usr/bin/env bash
# Build the Neo4j test launcher: resolve org.neo4j:neo4j from Maven Central (offline
# first), compile Neo4jLauncher.java and write target/launch.args, a java @argfile with
# the JVM flags of jvm.options and the classpath. Run it as:
#   java @neo4j-launcher/target/launch.args enforcegraph.Neo4jLauncher HOME PORT [PASSWORD]
# Idempotent: does nothing when target/ is newer than its inputs and every jar is present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mkdir -p target
exec 9>target/.build.lock
flock 9

JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
SRC=src/main/java/enforcegraph/Neo4jLauncher.java
CLS=target/classes/enforcegraph/Neo4jLauncher.class
CP_FILE=target/classpath.txt
ARGS=target/launch.args

up_to_date() {
  local out
  for out in "$CP_FILE" "$CLS" "$ARGS"; do
    [[ -s $out ]] || return 1
    for src in pom.xml "$SRC" jvm.options build.sh; do
      [[ $out -nt $src ]] || return 1
    done
  done
  local jar
  while IFS= read -r -d: jar || [[ -n $jar ]]; do
    [[ -f $jar ]] || return 1
  done < "$CP_FILE"
}

if up_to_date; then
  exit 0
fi

MVN=(mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$CP_FILE.tmp")
if ! "${MVN[@]}" -o >/dev/null 2>&1; then
  echo "neo4j-launcher: resolving dependencies from Maven Central" >&2
  "${MVN[@]}" >&2
fi
mv "$CP_FILE.tmp" "$CP_FILE"

rm -rf target/classes.new
"$JAVAC" --release 17 -nowarn -cp "$(cat "$CP_FILE")" -d target/classes.new "$SRC"
rm -rf target/classes
mv target/classes.new target/classes

{
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' jvm.options
  printf -- '-cp\n"%s:%s"\n' "$PWD/target/classes" "$(cat "$CP_FILE")"
} > "$ARGS.tmp"
mv "$ARGS.tmp" "$ARGS"
touch "$CP_FILE" "$CLS"
echo "neo4j-launcher: built $PWD/$ARGS" >&2
