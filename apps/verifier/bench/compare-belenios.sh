#!/usr/bin/env bash
# Our verifier against `belenios-tool election verify` on elections of the same shape (yes/no + 1-of-5, the
# belenios-shape fixture) with the same number of ballots, measured in one run on this machine.
# Usage: apps/verifier/bench/compare-belenios.sh [BALLOTS=1000]
#   GROUP=Ed25519        Belenios's elliptic-curve group instead of BELENIOS-2048
#   KEEP=/some/folder    keep both elections there and reuse them on the next run (only the verifications are timed)
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

# ---- the two verifications, back to back ----
t0=$(now_ms)
(cd "$B" && belenios-tool election verify >"$WORK/belenios-verify.out" 2>&1)
BEL_MS=$(( $(now_ms) - t0 ))
grep -q "all checks passed" "$WORK/belenios-verify.out" || { cat "$WORK/belenios-verify.out" >&2; echo "belenios verify did not pass" >&2; exit 1; }

# Ours: the simulator writes a record of the same shape (not timed), then the verifier runs twice: in-process
# (verifyRecord's own clock) and as the whole command, process start-up and TypeScript loading included.
TSX="$HERE/../../../node_modules/.bin/tsx"
OURS_JSON=$(cd "$HERE/.." && "$TSX" bench/verify.bench.ts "$N" --out "$WORK/saylau" | tail -n 1)
OURS_MS=$(echo "$OURS_JSON" | sed -E 's/.*"ms":([0-9.]+).*/\1/')
echo "$OURS_JSON" | grep -q '"ok":true' || echo "warning: our verification reported failures: $OURS_JSON" >&2
t0=$(now_ms)
"$TSX" "$HERE/../src/main.ts" "$WORK/saylau" >"$WORK/saylau-verify.out" || { tail -n 3 "$WORK/saylau-verify.out" >&2; }
CLI_MS=$(( $(now_ms) - t0 ))

awk -v n="$N" -v b="$BEL_MS" -v o="$OURS_MS" -v c="$CLI_MS" -v g="$GROUP" 'BEGIN {
  printf "belenios-tool election verify (%s): %d ballots in %6d ms = %6.2f ms/ballot (whole process)\n", g, n, b, b / n
  printf "saylau-verify, whole process:         %d ballots in %6d ms = %6.2f ms/ballot (%.1fx faster)\n", n, c, c / n, b / c
  printf "saylau verifyRecord, in process:      %d ballots in %6d ms = %6.2f ms/ballot (%.1fx faster)\n", n, o, o / n, b / o
}'
