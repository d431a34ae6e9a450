/* wavio.c - see wavio.h. */
#include "rehearse/wavio.h"

#include <errno.h>
#include <sndfile.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "rehearse/analysis.h"
#include "rehearse/util.h"

/* Two hours at 48 kHz: far beyond any answer, small enough to hold. */
#define MAX_FRAMES ((sf_count_t)48000 * 7200)

#define CHUNK 65536

static SNDFILE *open_audio(const char *path, SF_INFO *info, char *errbuf)
{
	memset(info, 0, sizeof *info);
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
	if (info->frames > MAX_FRAMES) {
		sf_close(sf);
		set_err(errbuf, "%s: too long to analyse (%lld frames)", path,
			(long long)info->frames);
		return NULL;
	}
	sf_command(sf, SFC_SET_NORM_FLOAT, NULL, SF_TRUE);
	return sf;
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
	out->expected_frames = info.frames > 0 ? (size_t)info.frames : 0;
	float *buf = xmalloc(CHUNK * (size_t)info.channels * sizeof *buf);
	float *mono = info.channels == 1 ? buf : xmalloc(CHUNK * sizeof *mono);
	sf_count_t got;
	while ((got = sf_readf_float(sf, buf, CHUNK)) > 0 &&
	       (sf_count_t)out->frames + got <= MAX_FRAMES) {
		if (info.channels > 1) {
			float scale = 1.0f / (float)info.channels;
			for (sf_count_t i = 0; i < got; i++) {
				float sum = 0;
				for (int c = 0; c < info.channels; c++)
					sum += buf[i * info.channels + c];
				mono[i] = sum * scale;
			}
		}
		fn(mono, (size_t)got, ctx);
		out->frames += (size_t)got;
	}
	int err = sf_error(sf);
	if (mono != buf)
		free(mono);
	free(buf);
	sf_close(sf);
	if (err != SF_ERR_NO_ERROR && out->frames == 0)
		return set_err(errbuf, "%s: read failed: %s", path, sf_error_number(err));
	return 0;
}

struct collect {
	struct audio_buf *b;
	size_t cap;
};

static void collect(const float *mono, size_t n, void *ctx)
{
	struct collect *c = ctx;
	GROW(c->b->samples, c->cap, c->b->frames + n);
	memcpy(c->b->samples + c->b->frames, mono, n * sizeof *mono);
	c->b->frames += n;
}

int audio_read_mono(const char *path, struct audio_buf *out, char *errbuf)
{
	struct audio_buf b = {0};
	struct collect c = {&b, 0};
	struct audio_buf info;
	if (audio_read_chunks(path, &info, collect, &c, errbuf) < 0) {
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
};

static void feed(const float *mono, size_t n, void *ctx)
{
	struct feed *f = ctx;
	if (!f->started) {
		f->started = true;
		f->st = analysis_stream_new(f->info->sample_rate);
		analysis_stream_reserve(f->st, f->info->expected_frames);
	}
	analysis_stream_feed(f->st, mono, n);
}

int audio_analyze_file(const char *path, struct audio_buf *info, struct analysis *out,
		       char *errbuf)
{
	struct feed f = {NULL, info, false};
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
	return analysis_stream_finish(f.st, NULL, out);
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
