# lib.sh - helpers for the tmux tests: a private tmux server per test, the
# workstation in a real terminal, keys in, screens out; waits poll for a
# condition with a bound, never sleep for a fixed time.
set -u
TOETS=${TOETS:?set TOETS to the toets binary}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/toets-tmux.XXXXXX")
SOCK="$TMP/tmux.0.sock"
STARTS=0
export HOME="$TMP/home" LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
mkdir -p "$HOME"
unset TOETS_DB XDG_DATA_HOME XDG_CONFIG_HOME NO_COLOR
FAILED=0
cleanup() {
	for s in "$TMP"/tmux.*.sock; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	FAILED=1
}

tm() {
	tmux -S "$SOCK" "$@"
}

# start W H CMD...: a new session running CMD in a W x H terminal. The pane
# stays after CMD ends and shows "[exit N]", so its exit status can be read.
start() {
	local w=$1 h=$2
	shift 2
	tm kill-server 2>/dev/null
	# A server of its own for each start: no waiting for the old one to go.
	STARTS=$((STARTS + 1))
	SOCK="$TMP/tmux.$STARTS.sock"
	local cmd
	printf -v cmd '%q ' "$@"
	tm -f /dev/null new-session -d -s t -x "$w" -y "$h" \
		"$cmd; echo \"[exit \$?]\"; exec sleep 3600"
}

# The screen as text; lines the terminal wrapped are joined again.
screen() {
	tm capture-pane -p -J -t t "$@" 2>/dev/null
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
	local text=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		screen | grep -qF -- "$text" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	fail "the screen did not show '$text' within $limit s; it shows:"
	screen | sed 's/^/    | /'
	return 1
}

# wait_gone TEXT [SECONDS]
wait_gone() {
	local text=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		screen | grep -qF -- "$text" || return 0
		i=$((i + 1))
		sleep 0.05
	done
	fail "the screen still shows '$text' after $limit s"
	return 1
}

keys() {
	tm send-keys -t t "$@"
}

# wait_exit [SECONDS]: until the program in the pane has ended; prints its
# exit status.
wait_exit() {
	local limit=${1:-10} i=0 line
	while [ "$i" -lt $((limit * 20)) ]; do
		line=$(screen | grep -o '\[exit [0-9]*\]' | tail -n 1)
		if [ -n "$line" ]; then
			line=${line#\[exit }
			echo "${line%\]}"
			return 0
		fi
		i=$((i + 1))
		sleep 0.05
	done
	fail "the program did not end within $limit s"
	return 1
}

finish() {
	[ "$FAILED" = 0 ] && exit 0
	exit 1
}
