/* nuclei.h - syllable nuclei after de Jong & Wempe (2009) (private to
 * src/core; used by analysis.c).
 *
 * A nucleus is a peak of the intensity contour of the 8 kHz signal, inside
 * speech, prominent enough and voiced. Pure: no I/O, no globals;
 * allocation failures abort (util.h's xmalloc). */
#ifndef REHEARSE_NUCLEI_H
#define REHEARSE_NUCLEI_H

#include "dsp.h"
#include "rehearse/analysis.h"
#include "speech_activity.h"

/* The nuclei of c->y (c->ny samples at SYLLABLE_RATE, c->nf frames of
 * HOP_S) that fall inside speech, appended in time order to
 * out->syllable_times (out->syllables counts them; both start empty), and
 * each one's voicing (normalised autocorrelation, 0 to 1) to *strength
 * (NULL on entry; the caller frees it). Uses p->silence_db, p->min_dip_db
 * and p->voicing_threshold. */
void find_syllables(const struct contours *c, const struct segs *speech,
		    const struct analysis_params *p, struct analysis *out, double **strength);

#endif
