# SPDX-License-Identifier: GPL-3.0-or-later
# syllable-nuclei.praat - de Jong & Wempe's (2009) syllable nuclei, the
# field's yardstick for counting syllables without a transcript, written
# from the published method: intensity (minimum pitch 50 Hz) peaks above
# the 0.99 quantile minus 25 dB, each followed by a dip of more than 2 dB
# before the next peak, inside "sounding" stretches (silences of 0.3 s or
# more at the 0.99 quantile minus 25 dB, relative to the maximum), and
# voiced (a pitch is defined there). Prints "syl TIME" per nucleus, then
# "count N".
# usage: praat --run tests/bench/syllable-nuclei.praat FILE.wav
# (tests/bench/bench-pacing.py --praat runs it on every take.)
form Nuclei
  sentence file x.wav
endform
silencedb = -25
mindip = 2
minpause = 0.3
sound = Read from file: file$
originaldur = Get total duration
intid = To Intensity: 50, 0, "yes"
nframes = Get number of frames
min = Get minimum: 0, 0, "Parabolic"
max = Get maximum: 0, 0, "Parabolic"
max99 = Get quantile: 0, 0, 0.99
threshold = max99 + silencedb
threshold2 = max - max99
threshold3 = silencedb - threshold2
if threshold < min
  threshold = min
endif
tg = To TextGrid (silences): threshold3, minpause, 0.1, "silent", "sounding"
selectObject: intid
mat = Down to Matrix
sndint = To Sound (slice): 1
pp = To PointProcess (extrema): 1, "yes", "no", "Sinc70"
numpeaks = Get number of points
for i to numpeaks
  t[i] = Get time from index: i
endfor
selectObject: sndint
peakcount = 0
for i to numpeaks
  value = Get value at time: t[i], "Cubic"
  if value > threshold
    peakcount += 1
    int[peakcount] = value
    tp[peakcount] = t[i]
  endif
endfor
selectObject: intid
valid = 0
if peakcount > 0
currenttime = tp[1]
currentint = int[1]
for p to peakcount - 1
  following = p + 1
  followingtime = tp[following]
  dip = Get minimum: currenttime, followingtime, "None"
  diffint = abs(currentint - dip)
  if diffint > mindip
    valid += 1
    vt[valid] = tp[p]
  endif
  currenttime = tp[following]
  currentint = Get value at time: tp[following], "Cubic"
endfor
endif
selectObject: sound
pitch = To Pitch (ac): 0.02, 30, 4, "no", 0.03, 0.25, 0.01, 0.35, 0.25, 450
voiced = 0
for i to valid
  q = vt[i]
  selectObject: tg
  k = Get interval at time: 1, q
  lab$ = Get label of interval: 1, k
  selectObject: pitch
  f0 = Get value at time: q, "Hertz", "Linear"
  if f0 <> undefined and lab$ = "sounding"
    voiced += 1
    appendInfoLine: "syl ", fixed$(q, 3)
  endif
endfor
appendInfoLine: "count ", voiced
