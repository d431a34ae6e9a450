/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wavio.c - see wavio.h. */
#include "rehearse/wavio.h"

#include <errno.h>
#include <sndfile.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <unistd.h>

#include "rehearse/analysis.h"
#include "rehearse/util.h"

/* Frames read at a time, and at most this many samples of all channels
 * (a file may have hundreds of channels). */
#define CHUNK 65536
#define CHUNK_SAMPLES (1u << 20)

/* The longest input at rate: ANALYSIS_MAX_S, whatever the rate. */
static sf_count_t max_frames(int rate)
{
	return (sf_count_t)ANALYSIS_MAX_S * rate;
}

/* Only a regular file or standard input ("-"): a FIFO nothing writes to
 * would block sf_open forever, and a device is no recording. */
static int check_regular(const char *path, char *errbuf)
{
	struct stat st;
	if (strcmp(path, "-") == 0)
		return 0;
	if (stat(path, &st) < 0)
		return set_err(errbuf, "%s: cannot read as audio: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return set_err(errbuf, "%s: not a regular file", path);
	return 0;
}

static SNDFILE *open_audio(const char *path, SF_INFO *info, char *errbuf)
{
	memset(info, 0, sizeof *info);
	if (check_regular(path, errbuf) < 0)
		return NULL;
	SNDFILE *sf = sf_open(path, SFM_READ, info);
	if (!sf) {
		set_err(errbuf, "%s: cannot read as audio: %s", path, sf_strerror(NULL));
		return NULL;
	}
	if (info->channels < 1 || info->samplerate < 1) {
		sf_close(sf);
		set_err(errbuf, "%s: not a usable audio file", path);
		return NULL;
	}
	/* A length it does not know (a streamed FLAC, a cut Ogg) is read up
	 * to the limit; one it claims is believed only as a claim. */
	if (info->frames == SF_COUNT_MAX || info->frames < 0) {
		info->frames = 0;
	} else if (info->frames > max_frames(info->samplerate)) {
		set_err(errbuf, "%s: too long to analyse: the header claims %.0f s, and at most %d s "
			"(%d hours) are analysed", path, (double)info->frames / info->samplerate,
			ANALYSIS_MAX_S, ANALYSIS_MAX_S / 3600);
		sf_close(sf);
		return NULL;
	}
	sf_command(sf, SFC_SET_NORM_FLOAT, NULL, SF_TRUE);
	return sf;
}

/* sf_readf_float, but 16-bit PCM (what rehearse and most recorders
 * write) is read as it is into s and scaled here, with the multiply by
 * 2^-15 that libsndfile makes (exact: the same floats), at a fraction of
 * the cost. */
static sf_count_t read_float(SNDFILE *sf, const SF_INFO *info, float *buf, short *s,
			     sf_count_t frames)
{
	if (!s)
		return sf_readf_float(sf, buf, frames);
	sf_count_t got = sf_readf_short(sf, s, frames);
	size_t m = got > 0 ? (size_t)got * (size_t)info->channels : 0;
	for (size_t i = 0; i < m; i++) /* vectorised (wavio.c is built at -O3) */
		buf[i] = (float)s[i] * (1.0f / 32768.0f);
	return got;
}

/* The buffers of one read: the file's frames, their mono mix (buf itself
 * for one channel) and, for 16-bit PCM, the samples as they are. */
struct read_bufs {
	float *buf, *mono;
	short *pcm16;
	sf_count_t chunk;
};

static void read_bufs_free(struct read_bufs *r)
{
	if (r->mono != r->buf)
		free(r->mono);
	free(r->buf);
	free(r->pcm16);
}

static bool read_bufs_alloc(struct read_bufs *r, const SF_INFO *info)
{
	r->chunk = CHUNK_SAMPLES / (unsigned)info->channels;
	r->chunk = r->chunk > CHUNK ? CHUNK : r->chunk < 1 ? 1 : r->chunk;
	size_t n = (size_t)r->chunk * (size_t)info->channels;
	bool is16 = (info->format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16;
	r->buf = malloc(n * sizeof *r->buf);
	r->mono = info->channels == 1 ? r->buf : malloc((size_t)r->chunk * sizeof *r->mono);
	r->pcm16 = is16 ? malloc(n * sizeof *r->pcm16) : NULL;
	if (r->buf && r->mono && (!is16 || r->pcm16))
		return true;
	read_bufs_free(r);
	return false;
}

static void mix_down(const float *buf, float *mono, sf_count_t frames, int channels)
{
	float scale = 1.0f / (float)channels;
	for (sf_count_t i = 0; i < frames; i++) {
		float sum = 0;
		for (int c = 0; c < channels; c++)
			sum += buf[i * channels + c];
		mono[i] = sum * scale;
	}
}

int audio_read_chunks(const char *path, struct audio_buf *out,
		      void (*fn)(const float *mono, size_t n, void *ctx), void *ctx, char *errbuf)
{
	SF_INFO info;
	memset(out, 0, sizeof *out);
	SNDFILE *sf = open_audio(path, &info, errbuf);
	if (!sf)
		return -1;
	out->sample_rate = info.samplerate;
	out->channels = info.channels;
	out->expected_frames = (size_t)info.frames;
	sf_count_t limit = max_frames(info.samplerate), got;
	struct read_bufs r;
	if (!read_bufs_alloc(&r, &info)) {
		sf_close(sf);
		return set_err(errbuf, "%s: not enough memory to read it", path);
	}
	bool too_long = false;
	while ((got = read_float(sf, &info, r.buf, r.pcm16, r.chunk)) > 0 &&
	       !(too_long = (sf_count_t)out->frames + got > limit)) {
		if (info.channels > 1)
			mix_down(r.buf, r.mono, got, info.channels);
		fn(r.mono, (size_t)got, ctx);
		out->frames += (size_t)got;
	}
	int err = sf_error(sf);
	read_bufs_free(&r);
	sf_close(sf);
	if (too_long)
		return set_err(errbuf, "%s: too long to analyse: over %d s (%d hours) of sound",
			       path, ANALYSIS_MAX_S, ANALYSIS_MAX_S / 3600);
	if (err != SF_ERR_NO_ERROR && out->frames == 0)
		return set_err(errbuf, "%s: read failed: %s", path, sf_error_number(err));
	return 0;
}

struct collect {
	struct audio_buf *b;
	size_t cap;
	bool oom;
};

/* The whole file is held, up to hours of it: memory that runs out is
 * said, not an abort (xrealloc). */
static void collect(const float *mono, size_t n, void *ctx)
{
	struct collect *c = ctx;
	size_t need = c->b->frames + n;
	if (c->oom)
		return;
	if (need > c->cap) {
		size_t cap = c->cap * 2 > need ? c->cap * 2 : need + 65536;
		float *grown = realloc(c->b->samples, cap * sizeof *grown);
		if (!grown) {
			c->oom = true;
			return;
		}
		c->b->samples = grown;
		c->cap = cap;
	}
	memcpy(c->b->samples + c->b->frames, mono, n * sizeof *mono);
	c->b->frames = need;
}

int audio_read_mono(const char *path, struct audio_buf *out, char *errbuf)
{
	struct audio_buf b = {0};
	struct collect c = {&b, 0, false};
	struct audio_buf info;
	int rc = audio_read_chunks(path, &info, collect, &c, errbuf);
	if (rc == 0 && c.oom)
		rc = set_err(errbuf, "%s: not enough memory to hold %.0f s of sound", path,
			     info.sample_rate ? (double)info.frames / info.sample_rate : 0.0);
	if (rc < 0) {
		free(b.samples);
		return -1;
	}
	*out = info;
	out->samples = b.samples ? b.samples : xcalloc(1, sizeof(float));
	return 0;
}

void audio_buf_free(struct audio_buf *b)
{
	free(b->samples);
	memset(b, 0, sizeof *b);
}

struct feed {
	struct analysis_stream *st;
	const struct audio_buf *info;
	bool started;
	const char *path;
	char *errbuf;
};

static void feed(const float *mono, size_t n, void *ctx)
{
	struct feed *f = ctx;
	if (!f->started) {
		f->started = true;
		f->st = analysis_stream_new(f->info->sample_rate);
		analysis_stream_replayable(f->st);
		analysis_stream_reserve(f->st, f->info->expected_frames);
	}
	analysis_stream_feed(f->st, mono, n);
}

static void feed_again(const float *mono, size_t n, void *ctx)
{
	analysis_stream_replay(ctx, mono, n);
}

/* A long take's second reading, for the voicing of its syllables. */
static int read_again(void *ctx, struct analysis_stream *st)
{
	struct feed *f = ctx;
	struct audio_buf info;
	if (strcmp(f->path, "-") == 0)
		return set_err(f->errbuf, "-: over %d s from standard input, which is read only once: "
			       "analyse it as a file", ANALYSIS_KEEP_S);
	if (audio_read_chunks(f->path, &info, feed_again, st, f->errbuf) < 0)
		return -1;
	if (info.frames != f->info->frames)
		return set_err(f->errbuf, "%s: changed while it was being analysed", f->path);
	return 0;
}

int audio_analyze_file(const char *path, struct audio_buf *info, struct analysis *out,
		       char *errbuf)
{
	struct feed f = {NULL, info, false, path, errbuf};
	memset(out, 0, sizeof *out);
	if (audio_read_chunks(path, info, feed, &f, errbuf) < 0) {
		analysis_stream_abort(f.st);
		return -1;
	}
	if (!f.started) /* no samples at all */
		f.st = analysis_stream_new(info->sample_rate);
	if (!f.st)
		return set_err(errbuf,
			       "%s: sample rate %d Hz is outside what speech analysis takes "
			       "(%d to %d Hz)",
			       path, info->sample_rate, ANALYSIS_MIN_RATE, ANALYSIS_MAX_RATE);
	errbuf[0] = '\0';
	int rc = analysis_stream_finish_replay(f.st, NULL, read_again, &f, out);
	if (rc == ANALYSIS_ENOMEM)
		return set_err(errbuf, "%s: not enough memory to analyse %.0f s of sound", path,
			       (double)info->frames / info->sample_rate);
	if (rc < 0) {
		if (!errbuf[0])
			set_err(errbuf, "%s: could not be read a second time", path);
		return -1;
	}
	return 0;
}

int audio_codec_for(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && strchr(dot, '/'))
		dot = NULL;
	if (dot && !strcasecmp(dot, ".flac"))
		return AUDIO_FLAC;
	if (dot && (!strcasecmp(dot, ".ogg") || !strcasecmp(dot, ".oga")))
		return AUDIO_VORBIS;
	return -1;
}

/* Every frame of in to out; 0, or -1 with errbuf. */
static int copy_frames(SNDFILE *in, const SF_INFO *info, SNDFILE *out, const char *to,
		       char *errbuf)
{
	float *buf = xmalloc(CHUNK * (size_t)info->channels * sizeof *buf);
	sf_count_t got;
	int rc = 0;
	while (rc == 0 && (got = sf_readf_float(in, buf, CHUNK)) > 0)
		if (sf_writef_float(out, buf, got) != got)
			rc = set_err(errbuf, "%s: cannot write: %s", to, sf_strerror(out));
	free(buf);
	return rc;
}

int audio_write_compressed(const char *from, const char *to, enum audio_codec codec,
			   bool replace, char *errbuf)
{
	SF_INFO info;
	SNDFILE *in = open_audio(from, &info, errbuf);
	if (!in)
		return -1;
	char *tmp;
	int fd = temp_beside(to, &tmp, errbuf);
	if (fd < 0) {
		sf_close(in);
		return -1;
	}
	SF_INFO oinfo = {.samplerate = info.samplerate, .channels = info.channels,
			 .format = codec == AUDIO_FLAC ? SF_FORMAT_FLAC | SF_FORMAT_PCM_16
						       : SF_FORMAT_OGG | SF_FORMAT_VORBIS};
	SNDFILE *out = sf_open_fd(fd, SFM_WRITE, &oinfo, SF_FALSE);
	int rc = out ? copy_frames(in, &info, out, to, errbuf)
		     : set_err(errbuf, "%s: cannot write %s: %s", to,
			       codec == AUDIO_FLAC ? "FLAC" : "Ogg Vorbis", sf_strerror(NULL));
	sf_close(in);
	if (out && sf_close(out) != 0 && rc == 0)
		rc = set_err(errbuf, "%s: cannot write: %s", to, sf_strerror(NULL));
	return temp_finish(fd, tmp, to, replace, rc, errbuf);
}
