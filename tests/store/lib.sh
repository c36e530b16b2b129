# lib.sh - helpers for the store fault tests (sourced, not run).
#
# A test script is run as `bash t_NAME.sh /abs/path/to/toets` (run.sh does
# that). It sources this file, which:
#   - takes the program from $1 (or $TOETS),
#   - makes a private temporary directory $TMP and removes it on exit,
#     after ending the background processes the test registered,
#   - fixes the environment: English messages, HOME inside $TMP, no
#     XDG_DATA_HOME, TOETS_DB unset (each test chooses its database).
# Output conventions, read by run.sh: "FAIL: reason" for each failure (fail
# ends the test, softfail goes on), "note: ..." for facts worth reporting.

set -u
set -o pipefail

TOETS=${1:-${TOETS:-}}
if [ -z "$TOETS" ] || [ ! -x "$TOETS" ]; then
	echo "FAIL: usage: $0 /abs/path/to/toets (got '${TOETS}')"
	exit 2
fi
case $TOETS in
/*) ;;
*) TOETS=$(cd "$(dirname "$TOETS")" && pwd)/$(basename "$TOETS") ;;
esac
export TOETS

export LC_ALL=C.UTF-8 LANGUAGE= TZ=UTC
unset TOETS_DB XDG_DATA_HOME LANG

TMP=$(mktemp -d "${TMPDIR:-/tmp}/toets-store.XXXXXX") || { echo "FAIL: mktemp -d"; exit 1; }
export HOME=$TMP/home
mkdir -p "$HOME"

# Background processes to end on exit (ids we started), and cleanup hooks.
BG_PIDS=()
CLEANUP_HOOKS=()

_cleanup() {
	local h p
	for h in "${CLEANUP_HOOKS[@]}"; do
		eval "$h" 2>/dev/null || true
	done
	# Only those still running as our own children (an id may be reused).
	local stat state ppid
	for p in "${BG_PIDS[@]}"; do
		stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
		read -r state ppid _ <<<"${stat##*) }"
		if [ "$ppid" = "$$" ] && [ "$state" != Z ]; then
			kill -9 "$p" 2>/dev/null || true
			wait "$p" 2>/dev/null || true
		fi
	done
	# A read-only directory (non-root runs) must become writable to go.
	chmod -R u+rwX "$TMP" 2>/dev/null || true
	rm -rf "$TMP"
}
trap _cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
	echo "FAIL: $*"
	exit 1
}

# softfail: a failure that does not stop the test (the later checks are
# independent of it); the test exits 1 at the end (see `finish`).
SOFT_FAILED=0
softfail() {
	echo "FAIL: $*"
	SOFT_FAILED=1
}

# finish: the last line of every test.
finish() {
	exit "$SOFT_FAILED"
}

note() {
	echo "note: $*"
}

# now_ms: milliseconds since the epoch.
now_ms() {
	local ns
	ns=$(date +%s%N)
	echo $((ns / 1000000))
}

# wait_for TIMEOUT_S DESCRIPTION COMMAND...: polls COMMAND every 0.05 s
# until it succeeds; fails the test when TIMEOUT_S seconds pass.
wait_for() {
	local limit=$1 what=$2
	shift 2
	local tries=$((limit * 20)) i
	for ((i = 0; i < tries; i++)); do
		if "$@"; then
			return 0
		fi
		sleep 0.05
	done
	fail "timed out after ${limit} s waiting for: $what"
}

# t ARGS...: runs toets (bounded by 60 s: a hang is a failure), leaving the
# exit code in $rc, stdout in $out and stderr in $err (also in the files
# $TMP/out and $TMP/err).
t() {
	timeout -s KILL 60 "$TOETS" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	if [ "$rc" -eq 137 ]; then
		fail "toets $* did not finish within 60 s (killed)"
	fi
	return 0
}

# Describes the last run, for failure messages.
last() {
	printf 'exit %s; stdout: %s; stderr: %s' "$rc" "${out:0:600}" "${err:0:600}"
}

expect_rc() {
	local want=$1 what=${2:-toets}
	[ "$rc" -eq "$want" ] || fail "$what: expected exit $want, got $(last)"
}

# expect_err_line LINE [WHAT]: stderr has exactly this line.
expect_err_line() {
	local line=$1 what=${2:-toets}
	grep -qxF -- "$line" "$TMP/err" || fail "$what: expected the stderr line '$line'; $(last)"
}

expect_err_has() {
	local text=$1 what=${2:-toets}
	grep -qF -- "$text" "$TMP/err" || fail "$what: expected stderr to contain '$text'; $(last)"
}

expect_err_empty() {
	local what=${1:-toets}
	[ ! -s "$TMP/err" ] || fail "$what: expected no stderr; $(last)"
}

expect_out_line() {
	local line=$1 what=${2:-toets}
	grep -qxF -- "$line" "$TMP/out" || fail "$what: expected the stdout line '$line'; $(last)"
}

expect_out_has() {
	local text=$1 what=${2:-toets}
	grep -qF -- "$text" "$TMP/out" || fail "$what: expected stdout to contain '$text'; $(last)"
}

sha() {
	sha256sum "$1" | cut -d' ' -f1
}

mode_of() {
	stat -c %a "$1"
}

# ok TEXT COMMAND...: runs a toets command that must succeed.
ok() {
	local what=$1
	shift
	t "$@"
	[ "$rc" -eq 0 ] || fail "$what: toets $* failed: $(last)"
}

# doc_pairs REF: "id sha256 size" per document of the dossier, sorted by id.
doc_pairs() {
	"$TOETS" doc list "$1" --json | sed 's/},{/}\n{/g' |
		sed -n 's/.*"id":"\([^"]*\)".*"size":\([0-9]*\),"sha256":"\([^"]*\)".*/\1 \3 \2/p' | sort
}

# audit_state [WHAT]: sets AUDIT_ROWS and AUDIT_HEAD from 'toets audit
# verify'; fails the test when the log does not verify.
audit_state() {
	local what=${1:-audit verify} o
	o=$("$TOETS" audit verify 2>&1) || fail "$what: audit verify failed: $o"
	AUDIT_ROWS=$(echo "$o" | sed -n 's/^audit log ok: \([0-9]*\) rows, head .*$/\1/p')
	AUDIT_HEAD=$(echo "$o" | sed -n 's/^audit log ok: [0-9]* rows, head \([0-9a-f-]*\)$/\1/p')
	[ -n "$AUDIT_ROWS" ] && [ -n "$AUDIT_HEAD" ] || fail "$what: unexpected audit verify output: $o"
}

# start_holder DB NAME: an sqlite3 CLI on DB reading commands from a FIFO;
# send it commands with `holder_send`, its output goes to $TMP/NAME.out.
# Only one holder at a time.
start_holder() {
	local db=$1 name=$2
	HOLDER_OUT=$TMP/$name.out
	rm -f "$TMP/$name.fifo" "$HOLDER_OUT"
	mkfifo "$TMP/$name.fifo"
	: >"$HOLDER_OUT"
	sqlite3 "$db" <"$TMP/$name.fifo" >"$HOLDER_OUT" 2>&1 &
	HOLDER_PID=$!
	BG_PIDS+=("$HOLDER_PID")
	exec 9>"$TMP/$name.fifo"
	CLEANUP_HOOKS+=("exec 9>&-")
}

holder_send() {
	printf '%s\n' "$*" >&9
}

holder_said() {
	grep -qxF -- "$1" "$HOLDER_OUT"
}

# stop_holder: ends the sqlite3 CLI by closing its input (it rolls back
# what it holds) and waits until it has exited.
stop_holder() {
	holder_send ".quit" 2>/dev/null || true
	exec 9>&-
	local i
	for ((i = 0; i < 200; i++)); do
		kill -0 "$HOLDER_PID" 2>/dev/null || break
		sleep 0.05
	done
	kill -0 "$HOLDER_PID" 2>/dev/null && fail "the sqlite3 holder did not exit within 10 s"
	wait "$HOLDER_PID" 2>/dev/null
	return 0
}
