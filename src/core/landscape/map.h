/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map.h: the chapter's landscape conditions, pixel by pixel.
 *
 * A map evaluates one condition at every pixel of a window of a chart.
 * The kinds, in sd_map_types[]:
 *
 * strict-saddle	Definition 2.1 with constants α, β, γ: which of
 *			‖∇f‖ ≥ α, λ_min(∇²f) ≤ −β, "within γ of a local
 *			minimum found by the finder" holds (on a sphere the
 *			Riemannian gradient and Hessian, §2.3), and where none
 *			does: there f is not (α, β, γ)-strict-saddle.
 * pl			the Polyak–Łojasiewicz ratio ‖∇f‖² / (f − f*) of (2.1)
 * quasiconvex		∇f·(x − x*) / (f − f*) of (2.2)
 * rsi			∇f·(x − x*) / ‖x − x*‖² of (2.3)
 * basins		where an optimizer started at the pixel ends: which
 *			minimum, a saddle, diverged, not converged (survey.h)
 * ntk-gap		|f − f_ntk|/f: how far the NTK model (§6.1, the
 *			network linearized at θ₀; twolayer's ntk parameter)
 *			is from the network
 *
 * f* and x* are the lowest minimum the finder finds in the window. The
 * smallest ratio over the window is the largest constant for which the
 * condition holds there; the map reports it and where it is attained.
 *
 * Pixel centres: pixel (i, j), row 0 at the top, is centred at
 *	a = ca + (i − ⌊cols/2⌋)·dx,  b = cb − (j − ⌊rows/2⌋)·dy,
 * with (ca, cb) the window's centre, ca = (xmin + xmax)/2, and dx, dy the
 * window's sides over cols and rows. Column ⌊cols/2⌋ runs through the
 * centre itself, and on a symmetric window (xmin = −xmax) ca is exactly 0,
 * so that column samples a = 0 exactly, whatever the size: the measure-
 * zero stable manifold x = 0 of doublewell's saddle (Lee et al. 2016)
 * shows up in a basins map as its own thin set. With an odd size the
 * centres are the cells' centres; with an even one they sit half a pixel
 * left of (and above) them.
 *
 * Pixels are computed in parallel (OpenMP); each depends on its own
 * coordinates only, so the map is the same whatever the thread count. */
#ifndef SADDLE_MAP_H
#define SADDLE_MAP_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "landscape/survey.h"

/* The most pixels a map may have. */
#define SD_MAP_PIXELS_MAX (4096 * 4096)

typedef struct sd_map sd_map;
typedef struct sd_map_options sd_map_options;
typedef struct sd_map_sample sd_map_sample;	/* map_impl.h */

/* The options of sd_map_options that only some kinds read: bits of
 * sd_map_type.reads. */
enum {
	SD_MAP_READS_CONSTANTS = 1,	/* alpha, beta, gamma */
	SD_MAP_READS_RUNS = 2		/* optimizer, params, steps, tol,
					 * seed */
};

/* A kind of map, GSL style: a const table per kind in its own file
 * (map_strict.c, map_ratio.c, map_basins.c), listed once in
 * sd_map_types[]. */
typedef struct sd_map_type {
	const char	*name;		/* --kind NAME, e.g. "strict-saddle" */
	const char	*title;		/* a legend's title, at most 11
					 * characters: "Def. 2.1" */
	const char	*summary;	/* what a pixel shows, one line:
					 * "‖∇f‖²/(f − f*), (2.1)" */
	const char	*meaning;	/* what the map says, one line for
					 * the visualizer's help */
	int		 labels;	/* 1: each pixel gets a label (label,
					 * count); 0: a value (value, NaN where
					 * undefined) */
	unsigned	 reads;		/* SD_MAP_READS_* */
	int		 curvature;	/* its pixels read λ_min */

	/* Check the kind's options in o and fill in its defaults in map;
	 * NULL: it has none. */
	int	(*setup)(sd_map *map, const sd_objective *obj,
		    const sd_map_options *o, char **cause);
	/* Compute every pixel: the finder or a survey, then (kinds with a
	 * pixel function) sd_map_pixels. */
	int	(*run)(sd_map *map, const sd_objective *obj,
		    const sd_chart *chart, const sd_map_options *o,
		    char **cause);
	/* Pixel p from what the objective gives there; state is what run
	 * handed sd_map_pixels. */
	void	(*pixel)(sd_map *map, const void *state,
		    const sd_map_sample *s, size_t p);
	/* Whether the kind has anything to show for obj (ntk-gap: only an
	 * objective with an NTK model); when it has not and cause is not
	 * NULL, *cause says why and what would be accepted. NULL: every
	 * objective. */
	int	(*applies)(const sd_objective *obj, char **cause);
	/* The name of label k (labelling kinds). */
	void	(*label_name)(const sd_map *map, size_t k, char *buf,
		    size_t len);
} sd_map_type;

extern const sd_map_type sd_map_strict_saddle;	/* map_strict.c */
extern const sd_map_type sd_map_pl;		/* map_ratio.c */
extern const sd_map_type sd_map_quasiconvex;
extern const sd_map_type sd_map_rsi;
extern const sd_map_type sd_map_basins;	/* map_basins.c */
extern const sd_map_type sd_map_ntk_gap;	/* map_ntk.c */

/* The registry, NULL-terminated, in the order of the m key's cycle and of
 * every list of kinds. */
extern const sd_map_type *const sd_map_types[];

/* Whether kind t has anything to show for obj (its applies hook). */
int sd_map_applies(const sd_map_type *t, const sd_objective *obj);

/* 0 when kind t has something to show for obj, else -1 with *cause
 * naming the kind and the objectives it accepts (a usage error: the
 * front ends check it before any work). */
int sd_map_check(const sd_map_type *t, const sd_objective *obj,
    char **cause);

/* Strict-saddle labels: which of Definition 2.1's conditions holds — the
 * most local one when several do: curvature, then near-min, then
 * gradient (each is also a bit of holds[], 1 << label) — or none of them,
 * or f, ∇f or ∇²f is not finite. */
enum {
	SD_MAP_GRADIENT = 0,	/* ‖∇f‖ ≥ α */
	SD_MAP_CURVATURE,	/* λ_min ≤ −β */
	SD_MAP_NEAR_MIN,	/* within γ of a local minimum */
	SD_MAP_NONE,		/* none holds: a violation */
	SD_MAP_UNDEFINED,
	SD_MAP_STRICT_LABELS
};

/* Basins labels: 0 .. n_minima − 1 name the minima (sd_map_minimum);
 * these follow them, counted from n_minima. */
enum {
	SD_MAP_BASIN_SADDLE = 0,	/* a saddle, maximum or degenerate
					 * point that is not a minimum */
	SD_MAP_BASIN_DIVERGED,
	SD_MAP_BASIN_NOT_CONVERGED,
	SD_MAP_BASIN_EXTRA
};

/* What a map is asked for. */
struct sd_map_options {
	const sd_map_type	*type;
	double			 alpha, beta, gamma;	/* strict-saddle; NaN:
							 * sd_map_defaults */
	const sd_optimizer_type	*optimizer;	/* basins; NULL: gd */
	const double		*params;	/* its SD_PARAMS_MAX parameters;
						 * NULL: the defaults for the
						 * objective */
	size_t			 steps;		/* basins: step budget */
	double			 tol;		/* basins: ‖g‖ < tol */
	unsigned long		 seed;		/* basins: of the runs */
};

struct sd_map {
	const sd_map_type	*type;
	size_t			 cols, rows;
	sd_window		 window;
	double			 alpha, beta, gamma;	/* in use */
	const sd_optimizer_type	*optimizer;	/* basins */
	double			 params[SD_PARAMS_MAX];	/* basins, in use */

	double			*value;		/* owned; rows × cols, NaN
						 * where undefined; ratios */
	int			*label;		/* owned; rows × cols; label
						 * kinds */
	unsigned char		*holds;		/* owned; strict-saddle bits */
	size_t			 n_labels;
	size_t			*count;		/* owned; pixels per label */
	size_t			 held[3];	/* pixels where each of
						 * Definition 2.1's holds */

	size_t			 n_defined;	/* ratios: defined pixels */
	double			 vmin, vmax;	/* over them */
	size_t			 at_min, at_max;	/* pixel indices */
	double			 fstar;		/* ratios: f at x* */
	double			*xstar;		/* owned; dim entries */
	double			 star_a, star_b;	/* x* in the chart */

	sd_point_list		 points;	/* the finder's (strict-saddle
						 * and ratios) */
	sd_survey		*survey;	/* owned; basins */
	size_t			 n_minima;	/* basins */
	size_t			*minima;	/* owned; survey point of each
						 * minimum label */
	double			*starts;	/* owned; basins: the pixel
						 * centres survey reads */
};

/* The kind called name; an unknown name lists the kinds in *cause. */
const sd_map_type *sd_map_type_find(const char *name, char **cause);

/* Parse the constant what ("--alpha", ":alpha") of the strict-saddle map
 * from word: a finite number ≥ 0. -1 with *cause naming what and word. */
int sd_map_constant_parse(const char *what, const char *word, double *out,
    char **cause);

/* The first kind that reads the options of bit (SD_MAP_READS_*), or
 * NULL. */
const sd_map_type *sd_map_type_reading(unsigned bit);

/* The names of the kinds that read the options of bits (0: of every
 * kind) as a list, "strict-saddle, pl, quasiconvex, rsi or basins". */
void sd_map_type_names(unsigned bits, char *buf, size_t len);

/* Default strict-saddle constants for obj, from its scale (sd_scale on
 * its default window): α = 10⁻³·L·D, β = 10⁻²·L, γ = D/20 — small next to
 * the gradients, curvatures and lengths of the landscape. */
int sd_map_defaults(const sd_objective *obj, double *alpha, double *beta,
    double *gamma, char **cause);

/* The centre of pixel (i, j) of a cols × rows map of window w (the rule
 * above). */
void sd_map_coords(const sd_window *w, size_t cols, size_t rows, size_t i,
    size_t j, double *a, double *b);

/* Compute a map of obj through chart over window at cols × rows pixels.
 * On success *map holds it (sd_map_done releases it); -1 with *cause on
 * bad options, allocation failure, or (ratios) when no minimum is found
 * in the window. */
int sd_map_compute(sd_map *map, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, const sd_map_options *opts, char **cause);

/* Release what the map owns. */
void sd_map_done(sd_map *map);

/* The name of label k: "gradient", "curvature", "near-min", "none",
 * "undefined"; "min1", "min2", ..., "saddle", "diverged",
 * "not-converged". */
void sd_map_label_name(const sd_map *map, size_t k, char *buf, size_t len);

/* Basins: the point minimum label k names, or NULL. */
const sd_point *sd_map_minimum(const sd_map *map, size_t k);

#endif
