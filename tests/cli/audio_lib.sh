# SPDX-License-Identifier: GPL-3.0-or-later
# audio_lib.sh - virtual microphones and speakers, and tmux driving, for
# the whole-program audio tests (see ../shared/testing.md). Source after
# lib.sh.

# A fast (unpaced) virtual microphone: ALSA's file plugin reading raw
# samples, and a virtual speaker writing WAVs into $T.
#   vmic_file SPEECH.wav RATE  -> exports ALSA_CONFIG_PATH
vmic_file() {
	# 16-bit, as rehearse opens the capture stream: the plugin does not convert.
	sox "$1" -r "$2" -c 1 -t raw -e signed -b 16 -L "$T/mic.raw" pad 0.5 200
	cat > "$T/asound.conf" <<CONF
pcm.vmic { type file; slave.pcm { type null }; file "/dev/null"
           infile "$T/mic.raw"; format "raw" }
pcm.vspk { type file; slave.pcm { type null }
           file "$T/played_%r_%c_%f.wav"; format "wav" }
pcm.!default { type asym; capture.pcm "vmic"
               playback.pcm { type plug; slave { pcm "vspk"; format S16_LE } } }
CONF
	export ALSA_CONFIG_PATH="$T/asound.conf"
}

# No input device at all.
no_devices() {
	printf 'pcm.!default { type hw; card 99 }\n' > "$T/none.conf"
	export ALSA_CONFIG_PATH="$T/none.conf"
}

# A real-time (paced) virtual microphone: a private PulseAudio whose null
# sink's monitor is the default source. Speech is fed with feed_speech.
pulse_start() {
	mkdir -p "$T/pulse"
	cat > "$T/pulse/vmic.pa" <<PA
load-module module-native-protocol-unix auth-anonymous=1 socket=$T/pulse/native
load-module module-null-sink sink_name=vspk format=s16le rate=48000 channels=1
load-module module-remap-source source_name=vmic master=vspk.monitor
set-default-sink vspk
set-default-source vmic
PA
	HOME="$T/pulse" XDG_RUNTIME_DIR="$T/pulse" pulseaudio -n -F "$T/pulse/vmic.pa" \
		--daemonize=no --exit-idle-time=-1 --use-pid-file=no --disable-shm=yes \
		>"$T/pulse/log" 2>&1 &
	PULSE_PID=$!
	export PULSE_SERVER="unix:$T/pulse/native"
	poll_until 20 pactl info >/dev/null 2>&1 ||
		fail "the private PulseAudio answers (its log: $(tail -3 "$T/pulse/log"))"
	pacat --playback --device=vspk --latency-msec=10 --raw --format=s16le --rate=48000 \
		--channels=1 /dev/zero >/dev/null 2>&1 &
	PACAT_PID=$!
	# Return only once the microphone delivers at once. The server answers
	# before its script has made vmic, and its null sink starts idle in a
	# 2 s block: a stream opened in it got its first audio up to 2 s late
	# (which the program's stall watchdog took for a stall). Once the
	# keep-alive plays and that block has passed, audio flows in 10 ms
	# blocks.
	poll_until 20 mic_delivers || fail "the virtual microphone delivers audio within 1 s" \
		"($(pactl list short sinks 2>&1; pactl list short sink-inputs 2>&1))"
	printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' > "$T/pulse.conf"
	export ALSA_CONFIG_PATH="$T/pulse.conf"
}
# vmic is the default source, the keep-alive plays, and a fresh capture
# stream gets 50 ms of audio within 1 s (its own start-up included).
mic_delivers() {
	pactl info 2>/dev/null | grep -q '^Default Source: vmic$' &&
		pactl list short sink-inputs 2>/dev/null | grep -q . &&
		[ "$(timeout 1 pacat --record --device=vmic --latency-msec=10 --raw --format=s16le \
			--rate=48000 --channels=1 2>/dev/null | head -c 4800 | wc -c)" -eq 4800 ]
}

pulse_stop() {
	[ -n "${PACAT_PID:-}" ] && kill "$PACAT_PID" 2>/dev/null
	[ -n "${PULSE_PID:-}" ] && kill "$PULSE_PID" 2>/dev/null
	wait 2>/dev/null
	PACAT_PID= PULSE_PID=
}

# feed_speech SPEECH.wav [SESSION]: wait until the program records, then
# play speech into the microphone. With SESSION, recording means the take
# screen shows REC (so a level check before the take cannot pass for it);
# always, it means a capture stream of a client (not the remap source's
# own, which runs from the start) that the server is feeding.
feed_speech() {
	if [ -n "${2:-}" ]; then
		wait_screen "$2" "● REC" 20 || fail "the take records before speech is fed"
	fi
	poll_until 20 mic_stream_running ||
		fail "the program's capture stream runs ($(pactl list source-outputs 2>&1 | grep -E 'Driver|Client|Corked'))"
	paplay --device=vspk --latency-msec=20 "$1" >/dev/null 2>&1 &
	FEED_PID=$!
}
# A client's capture stream (the remap source's has "Client: n/a"), uncorked.
mic_stream_running() {
	pactl list source-outputs 2>/dev/null |
		awk -v RS= '/Client: [0-9]/ && /Corked: no/ { ok = 1 } END { exit !ok }'
}

# tmux: one detached session per test, of a known size. The server keeps
# the environment it started with, so what a test sets is passed along.
TMUX_SOCK="$T/tmux.sock"
tm() { tmux -S "$TMUX_SOCK" "$@"; }
tm_start() { # tm_start NAME COMMAND [COLUMNS ROWS]
	# A session that is never killed keeps the server alive between tests.
	tm has-session -t hold 2>/dev/null || tm new-session -d -s hold "sleep 3600"
	tm new-session -d -s "$1" -x "${3:-100}" -y "${4:-30}" \
		"env TERM=xterm-256color LANG=C.UTF-8 REHEARSE_DATA='$REHEARSE_DATA' \
		REHEARSE_BANK='$REHEARSE_BANK' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
		ALSA_CONFIG_PATH='${ALSA_CONFIG_PATH:-}' PULSE_SERVER='${PULSE_SERVER:-}' \
		$2; echo \"EXIT=\$?\"; sleep 600"
}
screen_of() { tm capture-pane -p -t "$1"; }
screen_has() { screen_of "$1" | grep -Eq -- "$2"; } # screen_has NAME REGEX
# wait_screen NAME REGEX SECONDS: poll the screen until it shows REGEX
# (the program redraws after a key or a tick, and tmux may hold half a
# redraw: a screen read once can be early). It waits 10 s at least: a
# sanitizer build with three other tests beside it can take 5 s to start,
# and a wait that succeeds ends as soon as the screen shows REGEX.
wait_screen() {
	local s=$3
	[ "$s" -ge 10 ] || s=10
	poll_until "$s" screen_has "$1" "$2" && return 0
	echo "  timed out after $s s waiting for /$2/; the screen was:"
	screen_of "$1" | sed 's/^/  | /'
	return 1
}
# expect_screen WHAT NAME REGEX [SECONDS]: the check WHAT passes once the
# screen shows REGEX (within 10 s unless told).
expect_screen() {
	if wait_screen "$2" "$3" "${4:-10}"; then pass "$1"; else fail "$1"; fi
}
tm_pid() { tm list-panes -t "$1" -F '#{pane_pid}'; }
# The rehearse process under a pane (the pane runs a shell around it).
rehearse_pid() { pgrep -P "$(tm_pid "$1")" -f rehearse | head -1; }
tm_cleanup() { tm kill-server 2>/dev/null; }
