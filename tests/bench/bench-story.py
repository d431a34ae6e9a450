#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-story.py - the story follower (`rehearse analyze --story ID`) on
takes with known truth (issue 18). Not part of `make test`.

Takes are built at run time, split into a tune half and a report half as
bench-pacing.py splits them (its helpers and its SPLIT are reused):

  real      the LibriVox sentences of ../shared/speech (their .json word
            timings) and Debian's Asterisk prompts (one speaker, 8 kHz),
            read as a story written from their own transcripts, grouped
            into S, T, A, R; one take of each with one sentence left out;
  retold    the bundled stories of the half, mechanically retold (clauses
            swapped at commas, about a quarter of the content words dropped,
            one sentence left out) by espeak-ng, flite and festival HTS;
  other     a telling of one story judged against another (must not be
            followed); room: the empty room (must not be followed).

Per take: part-start error (largest over the parts told, s), left-out
sentences reported left out, told sentences wrongly reported left out,
words-per-minute error (%, words of the text over the span from the first to
the last word), and the follower's CPU per second of audio.

usage: tests/bench/bench-story.py [--rehearse build/rehearse] [--shared ../shared]
       [--half tune|report|both] [--keep DIR] [--noise KIND:DB] [--rate HZ]

--keep DIR builds the takes (and the bank they are judged against) in DIR
and leaves them there, to replay one take by hand. --noise pink:-48 puts
every take in a noisier room (the voice peaks near -12 dBFS). --rate 8000
writes every take at 8 kHz (16 kHz unless told), as a telephone headset or
an old USB microphone gives it.
"""
import argparse
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("bench_pacing", os.path.join(HERE, "bench-pacing.py"))
bp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bp)
ROOT = bp.ROOT
PARTS = ["Situation", "Task", "Action", "Result"]
HEADER = "# %s\ncategories: failure\nstrength: 3\n\n"


def sentences_of(text):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def bank_story(path):
    """The S, T, A, R sections of a bundled story: [(part, sentence)]."""
    out, part = [], None
    for line in open(path):
        m = re.match(r"^## (\w+)", line)
        if m:
            part = PARTS.index(m.group(1)) if m.group(1) in PARTS else None
        elif part is not None and line.strip():
            out += [(part, s) for s in sentences_of(line)]
    return out


def write_story(bank, sid, sents):
    """A story file from [(part, sentence)]: each sentence ends with a full stop."""
    body = HEADER % sid
    for p in range(4):
        mine = [s.strip() if s.strip()[-1] in ".!?" else s.strip() + "." for q, s in sents if q == p]
        body += "## %s\n%s\n\n" % (PARTS[p], " ".join(mine) if mine else "Nothing here.")
    open(os.path.join(bank, "stories", sid + ".md"), "w").write(body)


class Take:
    def __init__(self, name, half, kind, story):
        self.name, self.half, self.kind, self.story = name, half, kind, story
        self.truth = []  # per written sentence: start time or None (left out)
        self.words, self.first, self.last = 0, None, 0.0
        self.follow = True


def join(tmp, take, clips, gaps_rng):
    """clips: [(path, seconds, w0, w1, words or None)] with None for a
    sentence left out; sets the truth and writes the take."""
    pieces, t = [], 0.0
    for c in clips:
        if c is None:
            take.truth.append(None)
            continue
        g = gaps_rng.choice(bp.GAPS) if pieces else 1.0
        pieces.append(bp.make_noise(tmp, "white", g, -70, "%s-g%d.wav" % (take.name, len(pieces))))
        t += g
        path, secs, w0, w1, nwords = c
        take.truth.append(t + w0)
        take.first = t + w0 if take.first is None else take.first
        take.last = t + w1
        take.words += nwords
        pieces.append(path)
        t += secs
    pieces.append(bp.make_noise(tmp, "white", 1.0, -70, take.name + "-end.wav"))
    take.wav = os.path.join(tmp, take.name + ".wav")
    joined = take.wav + ".j.wav"
    bp.sh("sox", *pieces, joined)
    bp.sh("sox", joined, "-r", str(RATE), "-b", "16", take.wav, "gain", "-n", "-12", "dither", "-s")
    if NOISE:  # --noise: the take in a noisier room
        kind, level = NOISE
        noise = bp.make_noise(tmp, kind, bp.duration(take.wav), level, take.name + "-noise.wav",
                              RATE)
        bp.sh("sox", "-m", take.wav, noise, "-b", "16", joined, "dither", "-s")
        os.replace(joined, take.wav)
    return take


def real_takes(half, args, tmp, bank, cmu):
    out = []
    lv = [(c[0], c[1], c[2], c[3], len(bp.words_of(c[4])), c[4])
          for c in bp.real_clips(args.shared, bp.SPLIT[half]["real"], tmp, False)]
    mine = [p for p in bp.allison_prompts(cmu) if bp.zlib.crc32(p[0].encode()) % 2 == (half == "report")]
    al = [(c[0], c[1], c[2], c[3], len(bp.words_of(c[4])), c[4])
          for c in bp.allison_clips(mine[:16], tmp, False)]
    for src, clips in (("librivox", lv), ("allison", al)):
        if not clips:
            continue
        sid = "%s-%s" % (src, half)
        n = len(clips)
        # one sentence a clip: its transcript's words (some hold a "." inside)
        write_story(bank, sid, [(min(i * 4 // n, 3), " ".join(bp.words_of(c[5])))
                                for i, c in enumerate(clips)])
        rng = random.Random(sid)
        for variant in ("whole", "left-out"):
            t = Take("%s-%s-%s" % (src, half, variant), half, "real", sid)
            drop = rng.randrange(1, n) if variant == "left-out" else -1
            join(tmp, t, [None if i == drop else c[:5] for i, c in enumerate(clips)], rng)
            out.append(t)
    return out


def retell(sentence, rng):
    """Clauses swapped at a comma, about a quarter of the content words dropped."""
    parts = [p.strip() for p in sentence.rstrip(".!?").split(",") if p.strip()]
    if len(parts) > 1 and rng.random() < 0.6:
        parts = parts[1:] + parts[:1]
    words = " ".join(parts).split()
    kept = [w for i, w in enumerate(words) if len(w) <= 3 or rng.random() > 0.25 or i == 0]
    return " ".join(kept) + "."


def number_words(v):
    """How many words a whole number takes said aloud, as story_text.c
    spells it ("18,000": eighteen thousand)."""
    if v == 0:
        return 1
    n = 0
    for scale in (10 ** 9, 10 ** 6, 10 ** 3):
        if v >= scale:
            n += number_words(v // scale) + 1
            v %= scale
    if v >= 100:
        n, v = n + 2, v % 100
    if v:
        n += 1 if v < 20 or v % 10 == 0 else 2
    return n


def spoken_words(text):
    """Words of a written sentence said aloud: its numbers and "%" too
    (bp.words_of drops them, which put the retellings' true pace low)."""
    n = 0
    for tok in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?|%|[a-z']+", text.lower().replace("-", " ")):
        if tok == "%":
            n += 1
        elif tok[0].isdigit():
            whole, _, frac = tok.replace(",", "").partition(".")
            n += number_words(int(whole)) + (1 + len(frac) if frac else 0)
        elif tok.strip("'"):
            n += 1
    return n


def synth_clip(engine, text, tmp):
    path = os.path.join(tmp, "%s-%d.wav" % (engine, bp.zlib.crc32(text.encode())))
    bp.synth(engine, text, path)
    d = bp.duration(path)
    return (path, d, 0.0, d, spoken_words(text))


def retold_takes(half, tmp, bank):
    out = []
    stories = [s for s in bp.SPLIT[half]["stories"]
               if open(os.path.join(ROOT, "prompts", "stories", s)).read().count("\n## ") >= 4]
    for i, engine in enumerate(["espeak", "flite", "festival"]):
        s = stories[i % len(stories)]
        sid = s[:-3]
        sents = bank_story(os.path.join(ROOT, "prompts", "stories", s))
        rng = random.Random(half + engine)
        drop = rng.randrange(1, len(sents))
        t = Take("%s-%s-%s" % (engine, half, sid), half, "retold", sid)
        join(tmp, t, [None if k == drop else synth_clip(engine, retell(x, rng), tmp)
                      for k, (p, x) in enumerate(sents)], rng)
        out.append(t)
        other = stories[(i + 1) % len(stories)][:-3]
        o = Take("%s-%s-%s-as-%s" % (engine, half, sid, other), half, "other", other)
        o.wav, o.follow = t.wav, False
        out.append(o)
    room = Take("room-%s" % half, half, "room", stories[0][:-3])
    room.wav, room.follow = os.path.join(args_shared[0], "speech", "no-speech-room.wav"), False
    out.append(room)
    return out


def score(take, s, bank):
    parts = {}
    sents = []
    for p in range(4):
        parts[p] = None
    text = open(os.path.join(bank, "stories", take.story + ".md")).read()
    written = []
    part = None
    for line in text.splitlines():
        m = re.match(r"^## (\w+)", line)
        if m:
            part = PARTS.index(m.group(1))
        elif part is not None and line.strip():
            written += [part] * len(sentences_of(line))
    r = {"followed": s["followed"], "coverage": s["coverage"], "cpu": None}
    if not take.follow:
        return r
    truth = take.truth
    keep = [i for i, g in enumerate(s["sentences"]) if g["text"] != "Nothing here."]
    got = [s["sentences"][i] for i in keep]
    written = [written[i] for i in keep]
    if len(got) != len(truth):
        r["mismatch"] = (len(got), len(truth))
        return r
    for i, t in enumerate(truth):
        if t is not None and parts[written[i]] is None:
            parts[written[i]] = t
    errs = [abs(sec["start_s"] - parts[p]) if sec["start_s"] is not None else 99.0
            for p, sec in enumerate(s["sections"]) if parts[p] is not None]
    r["part_err"] = max(errs) if errs else None
    if os.environ.get("BENCH_VERBOSE"):
        print(take.name, "truth", [round(parts[p], 2) if parts[p] is not None else None
                                   for p in range(4)],
              "got", [sec["start_s"] for sec in s["sections"]],
              "sentences", [(round(t, 1) if t is not None else None,
                             g["start_s"]) for t, g in zip(truth, got)])
    r["left"] = sum(1 for t in truth if t is None)
    r["left_found"] = sum(1 for t, g in zip(truth, got) if t is None and not g["heard"])
    r["told"] = sum(1 for t in truth if t is not None)
    r["told_missed"] = sum(1 for t, g in zip(truth, got) if t is not None and not g["heard"])
    true_wpm = take.words / (take.last - take.first) * 60
    r["wpm_err"] = (100 * (s["wpm_words"] - true_wpm) / true_wpm) if s["wpm_words"] else None
    return r


args_shared = [None]
NOISE = None
RATE = 16000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rehearse", default=os.path.join(ROOT, "build", "rehearse"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--half", default="both", choices=["tune", "report", "both"])
    ap.add_argument("--keep", help="build the takes in this folder and keep them")
    ap.add_argument("--noise", metavar="KIND:DB",
                    help="add sox KIND noise (white, pink, brown) at DB dBFS under every take")
    ap.add_argument("--rate", type=int, default=16000,
                    help="write every take at this sample rate (8000 is a telephone's)")
    args = ap.parse_args()
    global NOISE, RATE
    RATE = args.rate
    if args.noise:
        kind, level = args.noise.split(":")
        NOISE = (kind, float(level))
    args_shared[0] = args.shared
    halves = ["tune", "report"] if args.half == "both" else [args.half]
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    tmp = args.keep or tempfile.mkdtemp(prefix="bench-story-")
    bank = os.path.join(tmp, "bank")
    shutil.rmtree(bank, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "prompts"), bank)
    cmu = bp.load_cmu()
    takes = []
    for half in halves:
        takes += real_takes(half, args, tmp, bank, cmu) + retold_takes(half, tmp, bank)
    print("%-40s %-6s %-5s %5s %7s %9s %9s %7s %6s" % (
        "take", "half", "foll", "cov", "part s", "left out", "told miss", "wpm%", "cpu/s"))
    for t in takes:
        out = subprocess.run([args.rehearse, "analyze", "--json", "--bank", bank, "--story",
                              t.story, t.wav], capture_output=True, text=True)
        if out.returncode:
            print("%-40s failed: %s" % (t.name, out.stderr.strip()))
            continue
        a = json.loads(out.stdout)
        s = a["story"]
        r = score(t, s, bank)
        cpu = s["cpu_s"] / a["duration_s"] if a["duration_s"] else 0

        def f(v, fmt):
            return fmt % v if v is not None else "-"
        print("%-40s %-6s %-5s %5.2f %7s %9s %9s %7s %6.3f" % (
            t.name, t.half, "yes" if s["followed"] else "no", s["coverage"],
            f(r.get("part_err"), "%.2f"),
            "%d/%d" % (r["left_found"], r["left"]) if "left" in r else "-",
            "%d/%d" % (r["told_missed"], r["told"]) if "told" in r else "-",
            f(r.get("wpm_err"), "%+.1f"), cpu))
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
