#!/usr/bin/env bash
# Our verifier against `belenios-tool election verify` on elections of the same shape (yes/no + 1-of-5, the
# belenios-shape fixture) with the same number of ballots, measured in one run on this machine.
# Usage: apps/verifier/bench/compare-belenios.sh [BALLOTS=1000]
#   GROUP=RFC-3526-2048  another Belenios group (default BELENIOS-2048, the brief's anchor; 2.0 has no curve group)
#   KEEP=/some/folder    keep both elections there and reuse them on the next run (only the verifications are timed)
#   RUNS=6               runs of saylau-verify, each a new process, half before Belenios's and half after; the
#                        median by wall time is the one compared (on a shared machine a two-second run moves by
#                        10% from one minute to the next)
# Needs belenios-tool (apt-get install -y belenios-tool); prints ms per ballot for each side.
set -euo pipefail

N=${1:-1000}
GROUP=${GROUP:-BELENIOS-2048}
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -n "${KEEP:-}" ]; then
  WORK="$KEEP/$GROUP-$N"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d -t saylau-vs-belenios-XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT
fi
export BELENIOS_USE_URANDOM=1

now_ms() { date +%s%3N; }

command -v belenios-tool >/dev/null || { echo "belenios-tool is not installed (apt-get install -y belenios-tool)" >&2; exit 2; }
echo "belenios-tool $(belenios-tool --version), group $GROUP; $N ballots; $(nproc) cores" >&2

# ---- Belenios: set up an election of the same shape (as in its tests/tool/demo.sh) ----
B="$WORK/belenios"
if [ ! -f "$B/done" ]; then
rm -rf "$B"
mkdir -p "$B"
(
  cd "$B"
  UUID=$(belenios-tool setup generate-token)
  belenios-tool setup generate-credentials --uuid "$UUID" --group "$GROUP" --count "$N" >/dev/null
  mv ./*.pubcreds public_creds.json
  mv ./*.privcreds private_creds.txt
  for _ in 1 2 3; do belenios-tool setup generate-trustee-key --group "$GROUP" >/dev/null 2>&1; done
  cat ./*.pubkey >public_keys.jsons
  belenios-tool setup make-trustees
  rm public_keys.jsons
  cat >questions.json <<'EOF'
{"description":"yes/no and 1-of-5","name":"belenios-shape","questions":[{"answers":["yes","no"],"min":1,"max":1,"question":"Yes or no?"},{"answers":["a","b","c","d","e"],"min":1,"max":1,"question":"Choose one"}],"administrator":"Saylau benchmark","credential_authority":"Saylau benchmark"}
EOF
  belenios-tool setup make-election --uuid "$UUID" --group "$GROUP" --template questions.json
  belenios-tool archive init
  rm -f election.json trustees.json public_creds.json

  # Ballots: generated on every core (not timed), then appended to the archive one event at a time.
  mkdir ballots
  t0=$(now_ms)
  i=0
  while read -r id cred; do
    i=$((i + 1))
    yes=$((i % 2)); pick=$((i % 5))
    choice="[[${yes},$((1 - yes))],[$([ $pick = 0 ] && echo 1 || echo 0),$([ $pick = 1 ] && echo 1 || echo 0),$([ $pick = 2 ] && echo 1 || echo 0),$([ $pick = 3 ] && echo 1 || echo 0),$([ $pick = 4 ] && echo 1 || echo 0)]]"
    printf '%s\t%s\t%s\n' "$id" "$cred" "$choice"
  done <private_creds.txt | xargs -P "$(nproc)" -L 1 bash -c \
    'belenios-tool election generate-ballot --privcred <(echo "$1") --ballot <(echo "$2") >ballots/$0.json 2>/dev/null'
  for f in ballots/*.json; do belenios-tool archive add-event --type=Ballot <"$f" 2>/dev/null; done
  echo "belenios: $N ballots generated and added in $(( $(now_ms) - t0 )) ms" >&2

  belenios-tool archive add-event --type=EndBallots </dev/null 2>/dev/null
  belenios-tool election compute-encrypted-tally 2>/dev/null | belenios-tool archive add-event --type=EncryptedTally 2>/dev/null
  trustee=1
  for key in ./*.privkey; do
    belenios-tool election decrypt --privkey "$key" --trustee-id "$trustee" 2>/dev/null | belenios-tool archive add-event --type=PartialDecryption 2>/dev/null
    trustee=$((trustee + 1))
  done
  belenios-tool election compute-result 2>/dev/null | belenios-tool archive add-event --type=Result 2>/dev/null
  touch done
)
fi

# ---- the two verifications, back to back: wall clock and CPU time (user + system, every thread) ----
# The machine may be shared: CPU time is the work itself, wall time includes waiting for a core.
# timed OUTFILE COMMAND…: runs the command with its output in OUTFILE and prints "wall-ms cpu-ms"
timed() {
  local out=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$WORK/time.out" "$@" >"$out" 2>&1 || true
  tail -n 1 "$WORK/time.out" | awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }'
}

# Ours: the simulator writes a record of the same shape (not timed), then the verifier runs as the auditor runs it:
# the documented command `saylau-verify` (the installed bin in node_modules/.bin), process start-up included.
TSX="$HERE/../../../node_modules/.bin/tsx"
VERIFY="$HERE/../../../node_modules/.bin/saylau-verify"
if [ ! -f "$WORK/saylau/manifest.json" ]; then
  (cd "$HERE/.." && "$TSX" bench/verify.bench.ts "$N" --out "$WORK/saylau" --workers 0 >/dev/null)
fi
"$VERIFY" --help >/dev/null # builds the command's bundle if a source changed (once, not timed)
RUNS=${RUNS:-6}
: >"$WORK/saylau-runs"
ours() {
  for _ in $(seq "$1"); do
    timed "$WORK/saylau-verify.out" "$VERIFY" "$WORK/saylau" >>"$WORK/saylau-runs"
    grep -q "CHECKS PASSED" "$WORK/saylau-verify.out" || { tail -n 3 "$WORK/saylau-verify.out" >&2; echo "saylau-verify did not pass" >&2; exit 1; }
  done
}
# half of our runs right before Belenios's and half right after, so that a machine slowing down or speeding up over
# the half minute weighs on both sides alike
ours $(( (RUNS + 1) / 2 ))
read -r BEL_MS BEL_CPU < <(cd "$B" && timed "$WORK/belenios-verify.out" belenios-tool election verify)
grep -q "all checks passed" "$WORK/belenios-verify.out" || { cat "$WORK/belenios-verify.out" >&2; echo "belenios verify did not pass" >&2; exit 1; }

ours $(( RUNS / 2 ))
read -r OURS_MS OURS_CPU < <(sort -n "$WORK/saylau-runs" | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "saylau-verify wall ms of the $RUNS runs: $(cut -d' ' -f1 "$WORK/saylau-runs" | tr '\n' ' ')"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$N" -v bw="$BEL_MS" -v bc="$BEL_CPU" -v ow="$OURS_MS" -v oc="$OURS_CPU" -v g="$GROUP" -v cores="$(nproc)" 'BEGIN {
  printf "%-40s %7s %10s %8s %10s\n", "", "wall ms", "ms/ballot", "CPU ms", "CPU/ballot"
  printf "%-40s %7d %10.2f %8d %10.2f\n", "belenios-tool election verify (" g ")", bw, bw / n, bc, bc / n
  printf "%-40s %7d %10.2f %8d %10.2f\n", "saylau-verify (ristretto255, " cores " cores, median)", ow, ow / n, oc, oc / n
  printf "saylau is %.1fx faster by the wall clock, %.1fx by CPU time; with %d idle cores its wall time would be about %.2f ms/ballot\n", bw / ow, bc / oc, cores, oc / n / cores
}'
