#!/usr/bin/env bash
# The two things anyone does with CityBrain on a fresh Debian machine:
#   ./citybrain.sh run          the city brain with its embedded broker, SQLite and cockpit, filled by a simulated city
#                               (--tls: HTTPS and MQTT over TLS with a development CA made under the data folder)
#   ./citybrain.sh test         every test project, ending with one line "N passed, N failed, N skipped"
#   ./citybrain.sh cluster [N]  N silos (default 3) on Redis and PostgreSQL on this machine, with a simulated city
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

# The PDF bulletins embed plain TrueType files (PDFsharp cannot read the .ttc of fonts-wqy-microhei): Droid Sans
# Fallback for Chinese, DejaVu Sans for the rest (cluster/CityBrain.Bulletins/README.md).
need_bulletin_fonts() {
  local packages=()
  [ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || packages+=(fonts-droid-fallback)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || packages+=(fonts-dejavu-core)
  [ ${#packages[@]} -eq 0 ] && return 0
  echo "citybrain: installing ${packages[*]} (fonts the PDF bulletins embed)" >&2
  apt_install "${packages[@]}"
}

prepare() {
  require_dotnet
  need_deb node nodejs npm
  need_deb sqlite3 sqlite3
  need_bulletin_fonts
}

# PostgreSQL's server binaries live in a versioned folder, not on PATH.
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

need_cluster_servers() {
  need_deb redis-server redis-server
  if [ -z "$(postgres_bin)" ] || [ ! -x "$(postgres_bin)/initdb" ]; then
    echo "citybrain: installing postgresql (for the cluster's stores)" >&2
    apt_install postgresql
  fi
}

run() {
  prepare
  # The first build restores NuGet and npm packages and builds the cockpit: a minute or two that would otherwise be silent.
  echo "citybrain: building the host, the cockpit and the simulated city (the first time takes a minute or two) ..." >&2
  dotnet build simulators/CityBrain.Simulators.Demo -c Release -nologo -v quiet
  exec dotnet run --project simulators/CityBrain.Simulators.Demo -c Release --no-build -- --simulate "${CITYBRAIN_SIMULATE:-120}" "$@"
}

# A cluster on this machine: Redis (membership) and PostgreSQL (every store) on loopback, started here unless they
# already answer, N silos of the production host on distinct ports, HAProxy as the one address for MQTT and HTTP, and
# a simulated city whose gateways know every silo. Everything lives under .cluster/ and stops with Ctrl+C.
cluster() {
  local silos=${1:-3}
  case "$silos" in ''|*[!0-9]*) echo "usage: ./citybrain.sh cluster [N]   (N silos, 1-9)" >&2; exit 2 ;; esac
  if [ "$silos" -lt 1 ] || [ "$silos" -gt 9 ]; then echo "citybrain: N must be 1-9 silos on one machine" >&2; exit 2; fi
  prepare
  need_cluster_servers
  need_deb haproxy haproxy
  need_deb curl curl
  local pg_bin
  pg_bin=$(postgres_bin)

  local state redis_port=${CITYBRAIN_REDIS_PORT:-6390} pg_port=${CITYBRAIN_PG_PORT:-5440} mqtt_port=${CITYBRAIN_MQTT_PORT:-1883}
  local http_port=${CITYBRAIN_HTTP_PORT:-5080} gateways=${CITYBRAIN_SIMULATE:-300}
  state=$(pwd)/.cluster
  mkdir -p "$state"
  # Global, not local: the EXIT trap runs after this function has returned.
  cluster_silos=() cluster_others=() cluster_servers=() cluster_pg_started=
  trap "stop_cluster '$pg_bin' '$state'" INT TERM EXIT

  # Redis: membership only, so nothing to persist between runs.
  if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$state" --daemonize no >"$state/redis.log" 2>&1 &
    cluster_servers+=($!)
  fi
  # PostgreSQL: initdb refuses root, so as root it runs as the postgres user the package created.
  local pg_data=$state/postgres run_pg=()
  if [ "$(id -u)" -eq 0 ]; then run_pg=(runuser -u postgres --); chown postgres "$state"; fi
  if ! "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" >/dev/null 2>&1; then
    if [ ! -f "$pg_data/PG_VERSION" ]; then
      install -d ${run_pg:+-o postgres} "$pg_data"
      "${run_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -A trust -U citybrain >/dev/null
    fi
    "${run_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$state/postgres.log" -w start \
      -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1" >/dev/null
    cluster_pg_started=1
  fi
  for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

  dotnet build cluster/CityBrain.Host -c Release -nologo -v quiet
  dotnet build simulators/CityBrain.Simulators.Fleet -c Release -nologo -v quiet
  local secret endpoints="" http_servers="" mqtt_servers=""
  secret=${CITYBRAIN_FLEET_SECRET:-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}
  start_silo() { # start_silo I: silo I of the cluster, its log appended to .cluster/silo-I.log
    local i=$1
    # Secrets go in the environment: the host refuses them on its command line, which every user can read.
    Broker__FleetSecret="$secret" dotnet cluster/CityBrain.Host/bin/Release/net10.0/CityBrain.Host.dll --mode=Cluster \
      --Cluster:Redis="127.0.0.1:$redis_port" --Postgres:ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=citybrain;Database=postgres" \
      --http-port=$((5180 + i)) --CityBrain:HttpBindAddress=127.0.0.1 --mqtt-port=$((18830 + i)) \
      --silo-port=$((11110 + i)) --gateway-port=$((30000 + i)) >>"$state/silo-$i.log" 2>&1 &
    cluster_silos[i]=$!
  }
  for i in $(seq 1 "$silos"); do
    local silo_mqtt=$((18830 + i)) silo_http=$((5180 + i))
    : >"$state/silo-$i.log"
    start_silo "$i"
    endpoints+="${endpoints:+,}127.0.0.1:$silo_mqtt"
    mqtt_servers+="  server s$i 127.0.0.1:$silo_mqtt check inter 2s fall 2 rise 2"$'\n'
    http_servers+="  server s$i 127.0.0.1:$silo_http check inter 2s fall 2 rise 2"$'\n'
  done
  cat >"$state/haproxy.cfg" <<CFG
defaults
  mode tcp
  timeout connect 5s
  timeout client 180s
  timeout server 180s
frontend mqtt
  bind 127.0.0.1:$mqtt_port
  default_backend silos_mqtt
backend silos_mqtt
  balance leastconn
  option tcp-check
$mqtt_servers
frontend http
  bind 127.0.0.1:$http_port
  default_backend silos_http
backend silos_http
  balance leastconn
  option tcp-check
$http_servers
CFG
  haproxy -f "$state/haproxy.cfg" -db >"$state/haproxy.log" 2>&1 &
  cluster_others+=($!)

  for i in $(seq 1 "$silos"); do
    for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$((5180 + i))/api/city" >/dev/null 2>&1 && break; sleep 0.2; done
  done
  CITYBRAIN_FLEET_SECRET="$secret" dotnet simulators/CityBrain.Simulators.Fleet/bin/Release/net10.0/citybrain-fleet.dll run \
    --broker "$endpoints" --gateways "$gateways" \
    --scenario simulators/CityBrain.Simulators.Fleet/scenarios/demo-city.json --quiet >"$state/fleet.log" 2>&1 &
  cluster_others+=($!)
  echo "citybrain: $silos silos up; cockpit http://127.0.0.1:$http_port (HAProxy over every silo) or one silo's own:"
  for i in $(seq 1 "$silos"); do echo "  silo $i: http://127.0.0.1:$((5180 + i))  mqtt 127.0.0.1:$((18830 + i))  log $state/silo-$i.log  pid ${cluster_silos[i]}"; done
  echo "citybrain: $gateways simulated gateways over $endpoints (log $state/fleet.log); Ctrl+C stops everything"
  echo "citybrain: kill -9 a silo to see the others take over; it is started again after 15 s, as systemd would"

  # A silo that ends is started again after a pause (its gateways and grains have moved by then, and come back
  # as the cluster rebalances); anything else ending stops the whole cluster.
  local ended code
  while true; do
    code=0
    wait -n -p ended "${cluster_silos[@]}" "${cluster_others[@]}" "${cluster_servers[@]}" || code=$?
    local silo=
    for i in "${!cluster_silos[@]}"; do [ "${cluster_silos[i]}" = "$ended" ] && silo=$i; done
    if [ -z "$silo" ]; then
      echo "citybrain: process $ended of the cluster ended (exit code $code); see the logs in $state" >&2
      return 1
    fi
    echo "citybrain: silo $silo (pid $ended) ended with exit code $code; starting it again in 15 s" >&2
    sleep 15
    start_silo "$silo"
    echo "citybrain: silo $silo started again (pid ${cluster_silos[silo]})" >&2
  done
}

# Stops what `cluster` started, in the order that lets each part leave cleanly: the load and the proxy, then the
# silos (they leave the membership and save their grains, so Redis and PostgreSQL must still be there), then the servers.
stop_cluster() { # stop_cluster PG_BIN STATE
  trap - INT TERM EXIT
  echo "citybrain: stopping the cluster" >&2
  local pid
  for pid in "${cluster_others[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${cluster_silos[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 60); do
    local alive=0
    for pid in "${cluster_silos[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 1
  done
  for pid in "${cluster_silos[@]}" "${cluster_others[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${cluster_servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$cluster_pg_started" ]; then
    local run_pg=()
    if [ "$(id -u)" -eq 0 ]; then run_pg=(runuser -u postgres --); fi
    "${run_pg[@]}" "$1/pg_ctl" -D "$2/postgres" -m fast stop >/dev/null || true
  fi
  wait 2>/dev/null || true
  exit 0
}

run_tests() {
  prepare
  need_deb chromium chromium
  need_deb curl curl
  need_chinese_font
  need_deb pdftotext poppler-utils
  need_cluster_servers
  local results=artifacts/test-results
  rm -rf "$results"
  dotnet build CityBrain.sln -nologo -v quiet
  local status=0
  # One project a slot, the longest first: run in solution order, the real-process suites started last and the
  # run took as long as they did after everything else.
  test_projects_longest_first | xargs -P "$(test_slots)" -I{} \
    dotnet test {} --no-build -nologo --logger "trx" --results-directory "$results/{}" -- RunConfiguration.TreatNoTestsAsError=false \
    || status=$?
  # The page's unit tests (vitest, seconds) and its linter; a lint finding fails the run like a failed test.
  local cockpit=cluster/CityBrain.Cockpit lint=0
  (cd "$cockpit" && npm test -- --reporter=default --reporter=junit --outputFile.junit="$OLDPWD/$results/cockpit/vitest.xml") || status=$?
  (cd "$cockpit" && npm run lint) || lint=$?
  summarize "$results" "$status" "$lint"
}

# The suites that kill processes, start clusters or drive a browser, longest first; then every other test project.
test_projects_longest_first() {
  local slow=(tests/CityBrain.EndToEnd.Tests tests/CityBrain.Cockpit.Tests tests/CityBrain.Host.Tests)
  printf '%s\n' "${slow[@]}"
  find tests -name '*.Tests.csproj' -printf '%h\n' | sort | grep -vxF -f <(printf '%s\n' "${slow[@]}")
}

# As many test projects at once as there are cores, and at least two: most of a suite's time is spent waiting on
# processes it started.
test_slots() {
  local cores
  cores=$(nproc)
  echo $((cores < 2 ? 2 : cores))
}

# Sums the counters of every test project's TRX file and of the cockpit's vitest JUnit file. A project whose test host
# died leaves no TRX file, and a vitest that crashed no JUnit file: each counts as one failure, so a crash can never look
# like a pass; so does a failed lint.
summarize() {
  local results=$1 status=$2 lint=${3:-0} passed=0 failed=0 skipped=0 projects trx_files
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
  local junit=$results/cockpit/vitest.xml
  if [ -f "$junit" ]; then
    local suites tests failures errors skips
    suites=$(grep -o '<testsuites [^>]*' "$junit" | head -1)
    tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suites")
    failures=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$suites")
    errors=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$suites")
    skips=$(grep -o '<testsuite [^>]*' "$junit" | sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
    passed=$((passed + ${tests:-0} - ${failures:-0} - ${errors:-0} - ${skips:-0}))
    failed=$((failed + ${failures:-0} + ${errors:-0}))
    skipped=$((skipped + ${skips:-0}))
  else
    echo "citybrain: the cockpit's unit tests reported no results ($junit)" >&2
    failed=$((failed + 1))
  fi
  if [ "$lint" -ne 0 ]; then
    echo "citybrain: the cockpit's lint failed (cd cluster/CityBrain.Cockpit && npm run lint)" >&2
    failed=$((failed + 1))
  fi
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  list_failures "$results"
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}

# Names each failed test and the start of its message next to the summary, where the end of a long log shows them.
list_failures() {
  local trx
  for trx in $(find "$1" -name '*.trx' 2>/dev/null); do
    awk '
      /<UnitTestResult / { failed = /outcome="Failed"/; if (failed) { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11) } }
      failed && /<Message>/ { sub(/.*<Message>/, ""); print "failed: " name; lines = 0; inside = 1 }
      inside { done = sub(/<\/Message>.*/, ""); if (lines++ < 4) print "  " substr($0, 1, 300); if (done) { inside = 0; failed = 0 } }
    ' "$trx"
  done
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) run_tests ;;
  cluster) shift; cluster "$@" ;;
  *) echo "usage: ./citybrain.sh run [--tls] [host options] | ./citybrain.sh test | ./citybrain.sh cluster [N]" >&2; exit 2 ;;
esac
