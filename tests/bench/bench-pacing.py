#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-pacing.py - error table of `rehearse analyze` on real and synthetic
answer-length takes with known truth (issue 8).

Takes are built at run time (sox, espeak-ng, flite, festival) from
../shared/speech (real speakers, with word timings) and from the story text
of prompts/stories, so nothing large is committed. Each take exists in two
halves of a split:

  tune   - the half methods and constants were chosen on;
  report - the half the figures are reported on (never tuned to).

usage: tests/bench/bench-pacing.py [--rehearse build/rehearse]
       [--shared ../shared] [--half tune|report|both] [--wpm json|story]
       [--rates] [--sphinx] [--praat] [--keep DIR [--reuse]]
       [--transcripts fixed|as-is] [--only REGEX] [--coverage]

--wpm json uses the JSON wpm_estimate (a fixed syllables per word, what the
old code showed); --wpm story divides syllables_per_min by the syllables per
word that the program's own counter (src/core/syllables.c) finds in the text
the person is telling, which is what `rehearse practice` shows.
--rates also analyses every take at 16, 22.05, 44.1 and 48 kHz and prints the
largest move of each figure. --praat also counts the syllables of every take
with de Jong & Wempe's syllable-nuclei method in Praat (syllable-nuclei.praat
beside this script; Debian package praat), the yardstick the field cites.
--coverage also reads the range the plain `analyze` prints beside its
words per minute and counts the takes whose true words per minute it holds
(the range promises 9 in 10). --only REGEX keeps the takes whose name
matches (with --reuse, a quick look at a few). --transcripts as-is scores
against the clips' transcripts exactly as
shipped; the default corrects the errors listed (and checked) in
TRUTH_FIXES. Exits 0; it prints, it does not judge.
"""
import argparse
import array
import gzip
import json
import math
import os
import pickle
import random
import re
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CMUDICT = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
VOWELS = {"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"}
RATES = [16000, 22050, 44100, 48000]
ROOM_WAV = [None]  # set in main: ../shared/speech/no-speech-room.wav
GAPS = [0.6, 1.5, 0.8, 2.2, 1.1, 0.45, 1.8, 0.7, 1.3, 2.0, 0.5, 1.6]
# Transcript errors, checked against the recording (--transcripts as-is
# leaves them). 0920 reads "a more a amiable"; the book has "a more
# amiable", and the second "a" has no vowel: its forced alignment gets the
# shortest span the aligner gives (1.41-1.46 s), on the falling edge of
# "more" (the 64 ms intensity falls from -29 dB at 1.37 s to -45 dB at
# 1.47 s with no maximum), while the "a" before "more" (0.98-1.03 s) is a
# clear peak 13 dB over the dips either side.
TRUTH_FIXES = [True, {"0920": [("a more a amiable", "a more amiable")]}]


def sh(*args):
    if args[0] == "sox":  # repeatable dither and noise
        args = ("sox", "-R") + args[1:]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def load_cmu():
    d = {}
    with open(CMUDICT, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            if not parts or "(" in parts[0]:
                continue
            d[parts[0].lower()] = sum(1 for p in parts[1:] if p.rstrip("012") in VOWELS)
    return d


def words_of(text):
    return [w for w in re.findall(r"[a-z']+", text.lower().replace("-", " ")) if w.strip("'")]


def vowel_groups(w):
    """A crude fallback for words the dictionary lacks."""
    n = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith("le") and n > 1:
        n -= 1
    return max(n, 1)


def syllables(text, cmu):
    return sum(cmu.get(w, vowel_groups(w)) for w in words_of(text))


def duration(path):
    out = subprocess.run(["soxi", "-D", path], check=True, capture_output=True, text=True)
    return float(out.stdout)


class Take:
    def __init__(self, name, half, kind):
        self.name, self.half, self.kind = name, half, kind
        self.pieces, self.t = [], 0.0
        self.first = None
        self.last = 0.0
        self.pauses, self.syl, self.words, self.text = [], 0, 0, []

    def add_gap(self, path, seconds):
        self.pieces.append(path)
        if self.first is not None:
            self.pauses.append([self.last, None])
        self.t += seconds

    def add_speech(self, path, seconds, w0, w1, text, cmu, inner=()):
        """A clip of `seconds` whose words run from w0 to w1 inside it, with
        silences `inner` ((start, end) pairs inside the clip) between them."""
        if self.first is None:
            self.first = self.t + w0
        elif self.pauses and self.pauses[-1][1] is None:
            self.pauses[-1][1] = self.t + w0
        self.pauses += [[self.t + a, self.t + b] for a, b in inner]
        self.pieces.append(path)
        self.last = self.t + w1
        self.t += seconds
        self.syl += syllables(text, cmu)
        self.words += len(words_of(text))
        self.text.append(text)


def make_noise(tmp, kind, seconds, level_db, name, rate=16000):
    path = os.path.join(tmp, name)
    sh("sox", "-n", "-r", str(rate), "-c", "1", "-b", "32", "-e", "float", path,
       "synth", "%.3f" % seconds, kind + "noise", "vol", "%gdB" % level_db)
    return path


def real_clips(shared, ids, tmp, gate):
    """Clips trimmed around their words; gated ones down to the words."""
    clips = []
    for cid in ids:
        j = json.load(open(os.path.join(shared, "speech", "librivox-%s.json" % cid)))
        words = [w for w in j["w"] if w["t"] != "<sil>"]
        b0 = words[0]["b"]
        b1 = words[-1]["b"] + words[-1]["d"]
        pad = 0.02 if gate else 0.12
        src = os.path.join(shared, "speech", "librivox-%s.wav" % cid)
        out = os.path.join(tmp, "clip-%s-%d.wav" % (cid, gate))
        a = max(0.0, b0 - pad)
        sh("sox", src, "-b", "32", "-e", "float", out, "trim", "%.3f" % a, "%.3f" % (b1 + pad - a))
        room = os.path.join(tmp, "room-%s.wav" % cid)
        sh("sox", src, "-b", "32", "-e", "float", room, "trim", "0.02", "%.3f" % max(0.05, b0 - 0.06))
        text = open(os.path.join(shared, "speech", "librivox-%s.txt" % cid)).read()
        if TRUTH_FIXES[0]:
            for wrong, right in TRUTH_FIXES[1].get(cid, []):
                text = text.replace(wrong, right)
        clips.append((out, duration(out), b0 - a, b1 - a, text, room))
    return clips


ALLISON = "/usr/share/asterisk/sounds/en_US_f_Allison"
ALLISON_TEXT = "/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz"


def allison_prompts(cmu):
    """Asterisk's English prompts (Debian asterisk-core-sounds-en-wav, one
    real speaker, 8 kHz studio takes) whose transcript is plain words the
    dictionary knows: (id, text) sorted by id."""
    if not os.path.exists(ALLISON_TEXT):
        return []
    out = []
    for line in gzip.open(ALLISON_TEXT, "rt", encoding="utf-8", errors="replace"):
        m = re.match(r"^([a-z0-9-]+): (.*)$", line.strip())
        if not m or re.search(r"[0-9\[\]*#@/]|\.\.", m.group(2)):
            continue
        words = words_of(m.group(2))
        if len(words) >= 5 and all(w in cmu for w in words) and \
                os.path.exists(os.path.join(ALLISON, m.group(1) + ".wav")):
            out.append((m.group(1), m.group(2)))
    return sorted(out)


def frame_db(path, rate, hop):
    raw = subprocess.run(["sox", path, "-t", "f32", "-c", "1", "-r", str(rate), "-"],
                         check=True, capture_output=True).stdout
    x = array.array("f")
    x.frombytes(raw[: len(raw) // 4 * 4])
    n = int(rate * hop)
    out = []
    for i in range(0, len(x) - n + 1, n):
        e = sum(v * v for v in x[i:i + n]) / n
        out.append(10 * math.log10(e + 1e-12))
    return out


def word_span(path):
    """Where the words of a studio clip run, its silences of 0.3 s or more
    between them, and the level of its quietest tenth (dBFS): 10 ms frames
    over a threshold 45 dB under the loudest frame (and 12 dB over the
    quietest tenth)."""
    hop = 0.01
    db = frame_db(path, 8000, hop)
    quiet = sorted(db)[len(db) // 10]
    thr = max(max(db) - 45, quiet + 12)
    on = [i for i, v in enumerate(db) if v > thr]
    w0, w1 = on[0] * hop, (on[-1] + 1) * hop
    inner, run = [], None
    for i in range(on[0], on[-1] + 1):
        if db[i] <= thr and run is None:
            run = i
        elif db[i] > thr and run is not None:
            if (i - run) * hop >= 0.3:
                inner.append((run * hop, i * hop))
            run = None
    return w0, w1, inner, quiet


def allison_clips(ids, tmp, gate):
    """Clips of the Allison prompts `ids` ((id, text) pairs), trimmed as
    real_clips trims, with their inner silences. The prompts are cut close
    to the words in a studio, so their "room" is white noise at the level
    of the clip's quietest frames: their few milliseconds of lead-in, looped,
    would be a buzz, not a room."""
    clips = []
    for cid, text in ids:
        src = os.path.join(ALLISON, cid + ".wav")
        w0, w1, inner, quiet = word_span(src)
        pad = 0.02 if gate else 0.12
        a = max(0.0, w0 - pad)
        end = min(duration(src), w1 + pad)
        out = os.path.join(tmp, "clip-%s-%d.wav" % (cid, gate))
        sh("sox", src, "-r", "16000", "-b", "32", "-e", "float", out, "trim", "%.3f" % a,
           "%.3f" % (end - a))
        clips.append((out, duration(out), w0 - a, w1 - a, text, quiet,
                       [(s - a, e - a) for s, e in inner]))
    return clips


def rms_db(path):
    out = subprocess.run(["sox", path, "-n", "stats"], capture_output=True, text=True)
    m = re.search(r"RMS lev dB\s+(-?[0-9.]+)", out.stderr)
    return float(m.group(1)) if m else -60.0


def gap_file(tmp, seconds, room, gate, k, shared):
    """A gap of near silence, or of the clip's own room noise: its lead-in
    played forwards and backwards in turn, so the loop has no seams."""
    path = os.path.join(tmp, "gap-%d.wav" % k)
    if gate:
        return make_noise(tmp, "white", seconds, -70, "gap-%d.wav" % k), seconds
    if isinstance(room, float):  # a level: sox's white noise is 4.8 dB under its vol
        return make_noise(tmp, "white", seconds, room + 4.8, "gap-%d.wav" % k), seconds
    rev = room + ".rev.wav"
    if not os.path.exists(rev) or os.path.getmtime(rev) < os.path.getmtime(room):
        sh("sox", room, rev, "reverse")
    reps = int(seconds / max(duration(room), 0.02)) + 2
    sh("sox", *([room, rev] * (reps // 2 + 1)), path, "trim", "0", "%.3f" % seconds)
    return path, seconds


def build_real(name, half, ids, cond, shared, tmp, cmu):
    gate = cond["gate"]
    take = Take(name, half, "real")
    rng = random.Random(name)
    if ids and isinstance(ids[0], tuple):  # Allison prompts: a fresh order each take
        clips = allison_clips(rng.sample(ids, len(ids)), tmp, gate)
    else:
        clips = real_clips(shared, ids, tmp, gate)
    k = 0
    while take.t < 62:
        for clip in clips:
            if take.t >= 62:
                break
            g = rng.choice(GAPS) if k else 1.0 + rng.random()
            p, s = gap_file(tmp, g, clip[5], gate, k, shared)
            take.add_gap(p, s)
            take.add_speech(clip[0], clip[1], clip[2], clip[3], clip[4], cmu,
                            clip[6] if len(clip) > 6 else ())
            k += 1
    p, s = gap_file(tmp, 1.2, clips[0][5], gate, k, shared)
    take.add_gap(p, s)
    return finish(take, cond, tmp)


def story_sentences(stories):
    out = []
    for s in stories:
        body = open(os.path.join(ROOT, "prompts", "stories", s)).read().split("\n## ", 1)[-1]
        for line in body.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            for sent in re.split(r"(?<=[.!?])\s+", line):
                if 6 <= len(sent.split()) <= 30 and not re.search(r"[0-9%&/]", sent):
                    out.append(sent.strip())
    return out


def synth(engine, text, path):
    if os.path.exists(path):
        return  # a kept folder (--keep) already has it
    raw = path + ".raw.wav"
    if engine == "espeak":
        sh("espeak-ng", "-s", "165", "-w", raw, text)
    elif engine == "flite":
        sh("flite", "-t", text, "-o", raw)
    elif engine.startswith("flite-"):  # another of flite's voices (slt, rms, awb)
        sh("flite", "-voice", engine[6:], "-t", text, "-o", raw)
    else:
        txt = path + ".txt"
        open(txt, "w").write(text)
        sh("text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", raw, txt)
    # Synthesisers write digital silence around the words: trim it, so the
    # words run exactly from 0 to the end of the clip. The clip is brought
    # to full scale first, so "silence" is 50 dB under its peak whatever
    # the engine's level (flite leads in with a quarter second at -60 to
    # -70 dBFS of its own output, which nobody hears as a word).
    sh("sox", raw, "-r", "16000", "-b", "32", "-e", "float", path, "gain", "-n", "-1",
       "silence", "1", "0.005", "-51d", "reverse", "silence", "1", "0.005", "-51d", "reverse")


def build_synth(name, half, engine, sentences, cond, tmp, cmu):
    take = Take(name, half, "synthetic")
    rng = random.Random(name)
    k = 0
    for sent in sentences:
        if take.t > 60:
            break
        clip = os.path.join(tmp, "%s-%s-%d.wav" % (engine, half, zlib.crc32(sent.encode())))
        synth(engine, sent, clip)
        d = duration(clip)
        g = rng.choice(GAPS) if k else 0.8 + rng.random()
        take.add_gap(make_noise(tmp, "white", g, -80, "%s-g%d.wav" % (name, k)), g)
        take.add_speech(clip, d, 0.0, d, sent, cmu)
        k += 1
    take.add_gap(make_noise(tmp, "white", 1.0, -80, "%s-end.wav" % name), 1.0)
    return finish(take, cond, tmp)


def finish(take, cond, tmp):
    joined = os.path.join(tmp, take.name + "-joined.wav")
    sh("sox", *take.pieces, joined)
    level = os.path.join(tmp, take.name + "-level.wav")
    sh("sox", joined, level, "gain", "-n", "%g" % cond["peak"])
    out = level
    if cond.get("room"):
        src = ROOM_WAV[0]
        bed = os.path.join(tmp, take.name + "-bed.wav")
        reps = int(take.t / duration(src)) + 1
        sh("sox", src, bed, "repeat", str(reps), "trim", "0", "%.3f" % take.t,
           "gain", "-n", "%g" % cond["room"])
        out = os.path.join(tmp, take.name + "-roomy.wav")
        sh("sox", "-m", level, bed, out)
        level = out
    if cond.get("noise"):
        kind, db, from_s = cond["noise"]
        n = make_noise(tmp, kind, take.t - from_s, db, take.name + "-noise.wav")
        if from_s > 0:
            padded = os.path.join(tmp, take.name + "-noisepad.wav")
            sh("sox", n, padded, "pad", "%.3f" % from_s)
            n = padded
        out = os.path.join(tmp, take.name + "-noisy.wav")
        sh("sox", "-m", level, n, out)
    take.wav = {}
    for r in RATES:
        p = os.path.join(tmp, "%s-%d.wav" % (take.name, r))
        sh("sox", out, "-r", str(r), "-b", "16", p, "dither", "-s")
        take.wav[r] = p
    take.pauses = [p for p in take.pauses if p[1] is not None]
    return take


REAL_CONDS = [
    ("room", {"gate": False, "peak": -20}),
    # another room's noise (swells of air, brighter than the clip's own)
    # under the whole take, about 20 dB under the voice
    ("noisy-room", {"gate": False, "peak": -12, "room": -45}),
    ("gate", {"gate": True, "peak": -6}),
    ("pink", {"gate": False, "peak": -12, "noise": ("pink", -48, 0)}),
    ("fan-starts", {"gate": True, "peak": -3, "noise": ("brown", -40, 30)}),
    ("quiet", {"gate": False, "peak": -30}),
]
# The synthesisers: flite's default voice (kal) and three more of its voices,
# a female one among them (slt, whose syllables once read 20% low).
SYNTHS = ["espeak", "flite", "festival", "flite-slt", "flite-rms", "flite-awb"]
SYNTH_CONDS = [("clean", {"peak": -6}), ("pink", {"peak": -15, "noise": ("pink", -52, 0)})]
SPLIT = {
    "tune": {"real": ["0870", "0890", "0930"],
             "stories": ["api-deprecation.md", "ci-pipeline.md", "hackathon-accessibility.md",
                         "offline-pivot.md", "search-estimate.md"]},
    "report": {"real": ["0880", "0920"],
               "stories": ["billing-outage.md", "cost-cutting.md", "intern-mentoring.md",
                           "on-call-handover.md", "schema-disagreement.md"]},
}
# Single recordings checked for the first word (None: not known) and the
# syllable count of their transcript.
JFK = ("And so my fellow Americans, ask not what your country can do for you, ask what you "
       "can do for your country.")
QUILTER = ("Mister Quilter is the apostle of the middle classes and we are glad to welcome his "
           "gospel.")
CARDS = ["ten of clubs", "four queen of clubs", "seven of clubs", "five five",
         "eight of spades four of clubs seven of hearts"]
SINGLES = {
    "tune": [("jfk.wav", 0.3, JFK)] + [("cards-00%d.wav" % (i + 1), None, CARDS[i])
                                      for i in range(3)],
    "report": [("librispeech-quilter.wav", 0.54, QUILTER), ("conversation.wav", 6.69, None)] +
              [("cards-00%d.wav" % (i + 1), None, CARDS[i]) for i in range(3, 5)],
}


def build_all(args, halves, tmp, cmu):
    takes = []
    for half in halves:
        for cname, cond in REAL_CONDS:
            takes.append(build_real("real-%s-%s" % (half, cname), half, SPLIT[half]["real"], cond,
                                    args.shared, tmp, cmu))
        # A second real speaker: half the Allison prompts each side, by a
        # hash of their name, so neither half chooses which.
        mine = [p for p in allison_prompts(cmu)
                if zlib.crc32(p[0].encode()) % 2 == (half == "report")]
        for cname, cond in REAL_CONDS if mine else []:
            takes.append(build_real("allison-%s-%s" % (half, cname), half, mine[:40], cond,
                                    args.shared, tmp, cmu))
        sents = story_sentences(SPLIT[half]["stories"])
        for i, engine in enumerate(SYNTHS):
            for j, (cname, cond) in enumerate(SYNTH_CONDS):
                rng = random.Random("%s%s%s" % (half, engine, cname))
                chosen = rng.sample(sents, len(sents))
                takes.append(build_synth("%s-%s-%s" % (engine, half, cname), half, engine,
                                         chosen, cond, tmp, cmu))
    return takes


def analyze(rehearse, path):
    out = subprocess.run([rehearse, "analyze", "--json", path], capture_output=True, text=True)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout)


def printed_range(rehearse, path):
    """The words-per-minute range the plain `analyze` prints on its Pace
    line ("~161 wpm (141-188)", or "roughly 120-180 wpm (noisy)"): what a
    person reads, so what the coverage is measured on. None without one."""
    out = subprocess.run([rehearse, "analyze", path], capture_output=True, text=True)
    m = re.search(r"^\s*Pace\s.*?(\d+)-(\d+)", out.stdout, re.M)
    return (int(m.group(1)), int(m.group(2))) if m else None


def quantile(v, q):
    s = sorted(v)
    pos = q * (len(s) - 1)
    i = int(pos)
    return s[i] + (pos - i) * (s[min(i + 1, len(s) - 1)] - s[i])


def coverage(takes, results):
    """How often the printed range holds the true words per minute, per
    half and kind, and the count's own error quantiles (5% and 95%, as
    measured / true - 1), which the range is built from on the tune half."""
    for half in ("tune", "report"):
        rs = [(t, results[t.name]) for t in takes if t.half == half and results[t.name]
              and results[t.name].get("range")]
        if not rs:
            continue
        inside = [r["range"][0] <= r["true_wpm"] <= r["range"][1] for _, r in rs]
        line = "%-6s printed range holds the true wpm in %d/%d takes (%.0f%%)" % (
            half, sum(inside), len(rs), 100.0 * sum(inside) / len(rs))
        for kind in ("real", "synthetic"):
            k = [ok for (t, _), ok in zip(rs, inside) if t.kind == kind]
            line += "; %s %d/%d" % (kind, sum(k), len(k))
        print(line)
        for (t, r), ok in zip(rs, inside):
            if not ok:
                print("%-6s   outside: %-26s true %.0f wpm, printed %d-%d" % (
                    half, t.name, r["true_wpm"], r["range"][0], r["range"][1]))
        err = [r["syl"] / 100 for _, r in rs]
        print("%-6s count error (syllable rate) 5%% quantile %+.3f, 95%% quantile %+.3f" % (
            half, quantile(err, 0.05), quantile(err, 0.95)))


def story_spw(helper, text):
    if not helper:
        return None
    out = subprocess.run([helper], input=text, capture_output=True, text=True)
    return float(out.stdout) if out.returncode == 0 else None


def rate_moves(rehearse, take, a):
    """How far the figures move from the 16 kHz copy to the 22.05, 44.1 and
    48 kHz copies: syllable rate (and so words per minute) in %, first word
    in seconds, and the long pauses (both ends, seconds; a pause found at
    one rate and not another counts as 9.99)."""
    syl = first = pause = 0.0
    base = a["syllables_per_min"] or 1

    def longs(x):
        return [(q["start_s"], q["end_s"]) for q in x["pauses"] if q["end_s"] - q["start_s"] >= 1.0]
    for r in RATES[1:]:
        b = analyze(rehearse, take.wav[r])
        if not b:
            return (99.0, 9.99, 9.99)
        syl = max(syl, 100 * abs(b["syllables_per_min"] - a["syllables_per_min"]) / base)
        first = max(first, abs(b["first_speech_s"] - a["first_speech_s"]))
        pa, pb = longs(a), longs(b)
        if len(pa) != len(pb):
            pause = 9.99
        else:
            for (s0, e0), (s1, e1) in zip(pa, pb):
                pause = max(pause, abs(s0 - s1), abs(e0 - e1))
    return (syl, first, pause)


def sphinx_words(exe, path):
    out = subprocess.run([exe, path], capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout.split():
        return None, None
    words, cpu = out.stdout.split()
    return int(words), float(cpu)


def build_sphinx(tmp):
    try:
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "pocketsphinx", "sphinxbase"],
                               check=True, capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    exe = os.path.join(tmp, "ps-words")
    sh("cc", "-O2", "-o", exe, os.path.join(ROOT, "tests", "bench", "ps-words.c"),
       '-DMODELDIR="/usr/share/pocketsphinx/model"', *flags, "-lsndfile")
    return exe


def score(take, a, wpm_mode, helper):
    span = take.last - take.first
    true_spm = take.syl / span * 60
    true_wpm = take.words / span * 60
    spw = story_spw(helper, " ".join(take.text)) if wpm_mode == "story" else None
    wpm = a["syllables_per_min"] / spw if spw else a["wpm_estimate"]
    found = sum(1 for p in take.pauses if p[1] - p[0] >= 1.0 and any(
        abs(q["start_s"] - p[0]) <= 0.15 and abs(q["end_s"] - p[1]) <= 0.15 for q in a["pauses"]))
    want = sum(1 for p in take.pauses if p[1] - p[0] >= 1.0)
    invented = sum(1 for q in a["pauses"] if q["end_s"] - q["start_s"] >= 1.0 and not any(
        abs(q["start_s"] - p[0]) <= 0.15 and abs(q["end_s"] - p[1]) <= 0.15 for p in take.pauses))
    if os.environ.get("BENCH_VERBOSE"):
        print(take.name, "truth", [(round(p[0], 2), round(p[1], 2)) for p in take.pauses
                                   if p[1] - p[0] >= 1.0], "found",
              [(round(q["start_s"], 2), round(q["end_s"], 2)) for q in a["pauses"]
               if q["end_s"] - q["start_s"] >= 0.8])
    return {"syl": 100 * (a["syllables_per_min"] - true_spm) / true_spm, "true_wpm": true_wpm,
            "wpm": 100 * (wpm - true_wpm) / true_wpm,
            "first": a["first_speech_s"] - take.first,
            "found": found, "want": want, "invented": invented,
            "count": a["syllables"], "truth": take.syl}


def mean_abs(v):
    return sum(abs(x) for x in v) / len(v) if v else float("nan")


def report(takes, results, spread):
    print("%-26s %-6s %5s %5s %7s %7s %7s %8s  %s" % (
        "take", "half", "syl", "truth", "syl%", "wpm%", "first s", "pauses",
        "moves 16->48 kHz: syl% first-s pause-s"))
    for t in takes:
        r = results[t.name]
        if r is None:
            print("%-26s %-6s  analyze failed" % (t.name, t.half))
            continue
        mv = spread.get(t.name)
        print("%-26s %-6s %5d %5d %+7.1f %+7.1f %+7.2f %3d/%-2d%s  %s" % (
            t.name, t.half, r["count"], r["truth"], r["syl"], r["wpm"], r["first"], r["found"],
            r["want"], ("+%d" % r["invented"]) if r["invented"] else "  ",
            "%4.1f %5.2f %5.2f" % mv if mv else "-"))
    for half in ("tune", "report"):
        for kind in ("real", "synthetic"):
            rs = [results[t.name] for t in takes if t.half == half and t.kind == kind
                  and results[t.name]]
            if not rs:
                continue
            syl = [r["syl"] for r in rs]
            wpm = [r["wpm"] for r in rs]
            print("%-6s %-9s syllable rate MAE %.1f%% worst %.1f%%; wpm MAE %.1f%% worst %.1f%%; "
                  "first word within 0.15 s %d/%d; long pauses found %d/%d, invented %d" % (
                      half, kind, mean_abs(syl), max(abs(x) for x in syl), mean_abs(wpm),
                      max(abs(x) for x in wpm), sum(abs(r["first"]) <= 0.15 for r in rs), len(rs),
                      sum(r["found"] for r in rs), sum(r["want"] for r in rs),
                      sum(r["invented"] for r in rs)))
            mv = [spread[t.name] for t in takes if t.half == half and t.kind == kind
                  and t.name in spread]
            if mv:
                print("%-6s %-9s across rates: syllable rate moves at most %.1f%%, first word "
                      "%.2f s, long pauses %.2f s" % (half, kind, max(m[0] for m in mv),
                                                      max(m[1] for m in mv), max(m[2] for m in mv)))


def singles(args, halves, cmu):
    for half in halves:
        found = truth = 0
        for f, first, text in SINGLES[half]:
            a = analyze(args.rehearse, os.path.join(args.shared, "speech", f))
            got = a["first_speech_s"] if a and a["first_speech_s"] is not None else float("nan")
            line = "%-6s %-26s" % (half, f)
            if first is not None:
                line += " first word %.2f s, truth %.2f s (%+.2f)" % (got, first, got - first)
            if text:
                n = syllables(text, cmu)
                found += a["syllables"]
                truth += n
                line += " syllables %d, truth %d" % (a["syllables"], n)
            print(line)
        print("%-6s single clips: syllables %d of %d (%+.1f%%)" % (
            half, found, truth, 100.0 * (found - truth) / truth))
    a = analyze(args.rehearse, os.path.join(args.shared, "speech", "no-speech-room.wav"))
    print("both   no-speech-room.wav         speech %s (first %.2f s, last %.2f s), "
          "syllables %d" % ("found" if a.get("has_speech", a["last_speech_s"] > 0) else "none",
                            a["first_speech_s"], a["last_speech_s"], a["syllables"]))


def sphinx(takes, exe):
    """The recogniser route: words counted by PocketSphinx over the take's
    first to last word, against the transcript's words."""
    if not exe:
        print("skip: PocketSphinx (libpocketsphinx-dev) is not installed")
        return
    errs, cpu_total, audio_total = {}, 0.0, 0.0
    for t in takes:
        words, cpu = sphinx_words(exe, t.wav[16000])
        if words is None:
            continue
        errs.setdefault((t.half, t.kind), []).append(100.0 * (words - t.words) / t.words)
        cpu_total += cpu
        audio_total += t.t
        print("sphinx %-26s words %d, truth %d (%+.1f%%), %.1f s CPU" % (
            t.name, words, t.words, errs[(t.half, t.kind)][-1], cpu))
    for (half, kind), e in sorted(errs.items()):
        print("sphinx %-6s %-9s wpm MAE %.1f%% worst %.1f%%" % (half, kind, mean_abs(e),
                                                                max(abs(x) for x in e)))
    if audio_total:
        print("sphinx CPU %.2f x real time" % (cpu_total / audio_total))


def praat(takes, args, halves, cmu):
    """The yardstick: de Jong & Wempe's syllable nuclei counted by Praat on
    the same takes (16 kHz copies) and single clips, against the
    transcripts' syllables."""
    script = os.path.join(ROOT, "tests", "bench", "syllable-nuclei.praat")

    def count(path):
        try:
            out = subprocess.run(["praat", "--run", script, os.path.abspath(path)],
                                 capture_output=True, text=True)
        except OSError:
            return None
        m = re.search(r"^count (\d+)", out.stdout, re.M)
        return int(m.group(1)) if m else None
    errs = {}
    for t in takes:
        n = count(t.wav[16000])
        if n is None:
            print("skip: praat is not installed or failed")
            return
        errs.setdefault((t.half, t.kind), []).append(100.0 * (n - t.syl) / t.syl)
        print("praat  %-26s syllables %d, truth %d (%+.1f%%)" % (t.name, n, t.syl,
                                                             errs[(t.half, t.kind)][-1]))
    for (half, kind), e in sorted(errs.items()):
        print("praat  %-6s %-9s syllable count MAE %.1f%% worst %.1f%%" % (
            half, kind, mean_abs(e), max(abs(x) for x in e)))
    for half in halves:
        got = want = 0
        for f, _, text in SINGLES[half]:
            if text:
                got += count(os.path.join(args.shared, "speech", f)) or 0
                want += syllables(text, cmu)
        print("praat  %-6s single clips: syllables %d of %d" % (half, got, want))


def build_helper(tmp):
    src = os.path.join(ROOT, "src", "core", "syllables.c")
    if not os.path.exists(src):
        return None
    exe = os.path.join(tmp, "spw")
    core = os.path.join(ROOT, "src", "core")
    # syllables.c uses util.c's ASCII helpers (and util.c strbuf.c's).
    sh("cc", "-O2", "-D_GNU_SOURCE", "-I", os.path.join(ROOT, "include"), "-o", exe,
       os.path.join(ROOT, "tests", "bench", "spw.c"), src, os.path.join(core, "util.c"),
       os.path.join(core, "strbuf.c"))
    return exe


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rehearse", default=os.path.join(ROOT, "build", "rehearse"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--half", default="both", choices=["tune", "report", "both"])
    ap.add_argument("--wpm", default="story", choices=["json", "story"])
    ap.add_argument("--rates", action="store_true")
    ap.add_argument("--keep", help="build the takes in this folder and keep them")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: analyse the takes kept there by an earlier run "
                    "instead of building them again (quick, after a change to the analysis)")
    ap.add_argument("--transcripts", default="fixed", choices=["fixed", "as-is"],
                    help="correct the transcript errors in TRUTH_FIXES (default) or not")
    ap.add_argument("--sphinx", action="store_true",
                    help="also count words with PocketSphinx (slow: about 0.4 x real time)")
    ap.add_argument("--praat", action="store_true",
                    help="also count syllables with de Jong & Wempe's method in Praat")
    ap.add_argument("--coverage", action="store_true",
                    help="also check that the range `analyze` prints holds the true wpm")
    ap.add_argument("--only", help="only the takes whose name matches this regular expression")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "speech")):
        print("skip: %s/speech is missing" % args.shared)
        return 0
    halves = ["tune", "report"] if args.half == "both" else [args.half]
    TRUTH_FIXES[0] = args.transcripts == "fixed"
    tmp = args.keep or tempfile.mkdtemp(prefix="bench-pacing.")
    os.makedirs(tmp, exist_ok=True)
    cmu = load_cmu()
    ROOM_WAV[0] = os.path.join(args.shared, "speech", "no-speech-room.wav")
    helper = build_helper(tmp) if args.wpm == "story" else None
    saved = os.path.join(tmp, "takes.pickle")
    if args.reuse and os.path.exists(saved):
        takes = [t for t in pickle.load(open(saved, "rb")) if t.half in halves]
    else:
        takes = build_all(args, halves, tmp, cmu)
        if args.keep:
            pickle.dump(takes, open(saved, "wb"))
    if args.only:
        takes = [t for t in takes if re.search(args.only, t.name)]
    results, spread = {}, {}
    for t in takes:
        a = analyze(args.rehearse, t.wav[16000])
        results[t.name] = score(t, a, args.wpm, helper) if a else None
        if args.coverage and a:
            results[t.name]["range"] = printed_range(args.rehearse, t.wav[16000])
        if args.rates and a:
            spread[t.name] = rate_moves(args.rehearse, t, a)
    if args.sphinx:
        sphinx(takes, build_sphinx(tmp))
    if args.praat:
        praat(takes, args, halves, cmu)
    print("rehearse: %s; wpm: %s; transcripts: %s; takes in %s" % (args.rehearse, args.wpm, args.transcripts, tmp))
    report(takes, results, spread)
    if args.coverage:
        coverage(takes, results)
    singles(args, halves, cmu)
    if not args.keep:
        subprocess.run(["rm", "-rf", tmp])
    return 0


if __name__ == "__main__":
    sys.exit(main())
