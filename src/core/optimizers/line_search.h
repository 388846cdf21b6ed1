/* SPDX-License-Identifier: GPL-3.0-or-later */
/* line_search.h: Fletcher's line search (Practical Methods of
 * Optimization, 2nd ed., 1987, Algorithms 2.6.2 and 2.6.4), ported from
 * GSL's multimin/linear_minimize.c so that bfgs owns its state (see
 * line_search.c). Internal to the optimizers: bfgs is its one caller.
 *
 * The search minimizes φ(α) = h(x + α·p) along a descent direction p,
 * asking the caller for φ and φ′ through the functions below; it keeps
 * nothing between calls. */
#ifndef SADDLE_LINE_SEARCH_H
#define SADDLE_LINE_SEARCH_H

/* φ along the line, as GSL's gsl_function_fdf: the value, the slope, or
 * both at α; arg is the caller's. */
typedef struct sd_line_fn {
	double	(*f)(double alpha, void *arg);
	double	(*df)(double alpha, void *arg);
	void	(*fdf)(double alpha, void *arg, double *f, double *df);
	void	*arg;
} sd_line_fn;

/* Search from the trial step alpha1 > 0 for an α with Fletcher's
 * conditions φ(α) ≤ φ(0) + ρ·α·φ′(0) and |φ′(α)| ≤ −σ·φ′(0) (ρ = 0.01;
 * sigma is bfgs's tol). Returns 0 and sets *alpha when one is found, 0
 * with *alpha untouched when the 100 bracketing and sectioning iterations
 * run out (GSL's answer too: the caller's α stays as it set it), and -1
 * when rounding prevents progress (GSL_ENOPROG). */
int sd_line_search(const sd_line_fn *fn, double sigma, double alpha1,
    double *alpha);

#endif
