#!/usr/bin/env bash
# The two things anyone does with CityBrain on a fresh Debian machine:
#   ./citybrain.sh run    the city brain with its embedded broker, SQLite and cockpit, filled by a simulated city
#   ./citybrain.sh test   every test project, ending with one line "N passed, N failed, N skipped"
# Each installs what it needs first (Debian packages, NuGet and npm restore).
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_install() { # apt_install PACKAGE...
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

need_deb() { # need_deb COMMAND PACKAGE...: installs the packages when COMMAND is missing
  local command=$1; shift
  command -v "$command" >/dev/null 2>&1 && return 0
  echo "citybrain: installing $* (for $command)" >&2
  apt_install "$@"
}

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "citybrain: the .NET 10 SDK is required and is not on PATH; install dotnet-sdk-10.0 from Microsoft's Debian packages, then run this again." >&2
    exit 1
  fi
}

# The cockpit is bilingual; without a CJK font the browser tests' screenshots show boxes instead of Chinese.
need_chinese_font() {
  fc-list :lang=zh 2>/dev/null | grep -q . && return 0
  echo "citybrain: installing fonts-wqy-microhei (Chinese font for the cockpit's browser tests)" >&2
  apt_install fonts-wqy-microhei
}

prepare() {
  require_dotnet
  need_deb node nodejs npm
  need_deb sqlite3 sqlite3
}

run() {
  prepare
  dotnet build cluster/CityBrain.Host -c Release -nologo -v quiet
  exec dotnet run --project cluster/CityBrain.Host -c Release --no-build -- --simulate "${CITYBRAIN_SIMULATE:-120}" "$@"
}

run_tests() {
  prepare
  need_deb chromium chromium
  need_chinese_font
  local results=artifacts/test-results
  rm -rf "$results"
  dotnet build CityBrain.sln -nologo -v quiet
  local status=0
  dotnet test CityBrain.sln --no-build -nologo --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false || status=$?
  summarize "$results" "$status"
}

# Sums the counters of every test project's TRX file. A project whose test host died leaves no TRX file: it counts
# as one failure, so a crash can never look like a pass.
summarize() {
  local results=$1 status=$2 passed=0 failed=0 skipped=0 projects trx_files
  projects=$(find tests -name '*.Tests.csproj' | wc -l)
  trx_files=$(find "$results" -name '*.trx' 2>/dev/null | wc -l)
  for trx in $(find "$results" -name '*.trx' 2>/dev/null); do
    local counters
    counters=$(grep -o '<Counters [^>]*' "$trx" | head -1)
    local total executed p f
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${total:-0} - ${executed:-0}))
  done
  if [ "$trx_files" -lt "$projects" ]; then
    echo "citybrain: only $trx_files of $projects test projects reported results" >&2
    failed=$((failed + projects - trx_files))
  fi
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) run_tests ;;
  *) echo "usage: ./citybrain.sh run [host options] | ./citybrain.sh test" >&2; exit 2 ;;
esac
