# Sourced by the scripts that run code from the worker's test classpath (the benchmarks; the demo and the dev stack run
# the testkit's own artifact, see testkit.sh). Needs ROOT (the repo root) and say(); sets TEST_CLASSPATH.

WORKER="$ROOT/worker"
CP_FILE="$WORKER/target/scripts.classpath"

# Rebuild when the classes or the classpath file are missing or any source or pom is newer than the classpath.
build_test_classpath() {
  if [[ ! -f "$CP_FILE" || ! -d "$WORKER/target/test-classes" ]] \
      || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src "$WORKER/testkit/pom.xml" "$WORKER/testkit/src" \
                -newer "$CP_FILE" -print -quit)" ]]; then
    say "building the worker, the testkit and the worker's tests (mvn -q; the first time downloads dependencies)"
    # One reactor run so groupsync-schemas resolves to schemas/target/classes, not a stale copy in ~/.m2.
    # Every module writes the same file; the worker is built last, so its classpath (the testkit's classes on it) is
    # what stays.
    # jansi.noreset: Maven 3.8's console library otherwise prints a stray colour-reset code even in batch mode.
    MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -ntp -q -f "$ROOT/pom.xml" -pl worker -am \
      test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2
  fi
  TEST_CLASSPATH="$WORKER/target/test-classes:$WORKER/target/classes:$(cat "$CP_FILE")"
}
