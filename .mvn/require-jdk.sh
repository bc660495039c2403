# Sourced by ./mvnw before Maven starts. The exercises need a JDK 21+ (virtual threads); Maven itself
# may run on an older java, and the build then picks a JDK 21+ among the installed ones (the
# maven-toolchains-plugin's discovery). This check looks in the same places, and when it finds none,
# stops with one sentence saying what to install, instead of a toolchain error from deep in the build.
# It never blocks a build that could work: a ~/.m2/toolchains.xml, or any JDK 21+ found, lets it through.
kit_jdk_major() { # a JDK home -> its major version, or nothing
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  fi
}

kit_has_jdk21() {
  [ -f "$HOME/.m2/toolchains.xml" ] && return 0
  for home in "${JAVA_HOME:-}" "${JDK_HOME:-}" $(env | sed -n 's/^JAVA[0-9_A-Z]*_HOME=\(.*\)/\1/p'); do
    major=$(kit_jdk_major "$home")
    [ -n "$major" ] && [ "$major" -ge 21 ] && return 0
  done
  if command -v java > /dev/null 2>&1; then
    major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
    [ -n "$major" ] && [ "$major" -ge 21 ] && return 0
  fi
  for root in ${KIT_JDK_ROOTS:-/usr/lib/jvm /usr/java /usr/jdk /opt/java /Library/Java/JavaVirtualMachines \
      "$HOME/Library/Java/JavaVirtualMachines" "$HOME/.jdks" "$HOME/.m2/jdks" "$HOME/.sdkman/candidates/java" \
      "$HOME/.gradle/jdks" "$HOME/.jbang/cache/jdks" "$HOME/.asdf/installs/java" "$HOME/.jabba/jdk" "$HOME/.jenv/versions"}; do
    [ -d "$root" ] || continue
    for home in "$root"/* "$root"/*/Contents/Home; do
      major=$(kit_jdk_major "$home")
      [ -n "$major" ] && [ "$major" -ge 21 ] && return 0
    done
  done
  return 1
}

# In a subshell with globbing on (the wrapper runs with set -f).
if ! (set +f; kit_has_jdk21); then
  echo "This kit needs a JDK 21 or newer and none is installed: install one (for example Eclipse Temurin 21 from adoptium.net, or 'sudo apt install openjdk-21-jdk'), then run ./mvnw again." >&2
  exit 1
fi
