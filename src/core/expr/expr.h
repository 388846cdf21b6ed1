/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expr.h: user formulas f(x, y), compiled once and evaluated fast, with
 * exact first and second derivatives.
 *
 * A formula is text in x and y: + - * / ^, unary minus and plus,
 * parentheses, the functions sin cos tan asin acos atan sinh cosh tanh exp
 * log sqrt abs, the constants pi and e, and numbers in C notation. ^ is
 * right associative and binds tighter than a unary minus on its left
 * (-x^2 = -(x^2), 2^3^2 = 2^9). Implicit multiplication ("2x") is an
 * error. So that the formulas saddle displays can be typed back, '−' '×'
 * '·' '÷' '²' '³' 'π' and the no-break space are read as - * * / ^2 ^3 pi
 * and a space.
 *
 * sd_expr_compile turns the text into a flat instruction array (constants
 * folded, identities removed, small integer powers as multiplications).
 * Evaluation never fails: outside the formula's domain (log or sqrt of a
 * negative, division by zero, overflow) the value is NaN or ±Inf, and a
 * non-finite value means "undefined here"; the finder, the optimizers and
 * the heatmap treat it so. A compiled sd_expr is immutable: every
 * evaluator may be called from several threads at once. */
#ifndef SADDLE_EXPR_H
#define SADDLE_EXPR_H

#include <stddef.h>

#include "base/interval.h"
#include "objectives/objective.h"

typedef struct sd_expr sd_expr;

/* Why a formula did not compile. column counts characters (UTF-8 code
 * points) from 1; it may be one past the last character when the formula
 * ended too soon, and is 0 only when memory ran out. */
typedef struct sd_expr_error {
	int	 column;
	char	 message[400];	/* e.g. "expected ')' to close '(' at column 4" */
} sd_expr_error;

/* Compile text. Returns NULL and fills *err (when err is not NULL) on a
 * syntax error; the caller frees the result with sd_expr_free. */
sd_expr *sd_expr_compile(const char *text, sd_expr_error *err);

/* Free a compiled formula; NULL is fine. */
void sd_expr_free(sd_expr *e);

/* Number of instructions after simplification ("2*3" and "x*1+0" are 1). */
size_t sd_expr_length(const sd_expr *e);

/* The usage message for a bad formula, malloc'd (NULL when out of
 * memory): a header naming the column, the formula indented on one line,
 * a caret under the problem on the next, then the message:
 *
 *	bad formula at column 5:
 *	  (x+1
 *	      ^
 *	  expected ')' to close '(' at column 1
 */
char *sd_expr_error_format(const char *text, const sd_expr_error *err);

/* f(x, y), without derivatives: the fastest path. */
double sd_expr_eval(const sd_expr *e, double x, double y);

/* f(x[i], y) into out[i] for i < n: one row of a grid. Each instruction
 * runs over a block of the row, so the interpreter's dispatch is paid once
 * per block rather than once per point. Equal, bit for bit, to calling
 * sd_expr_eval at each point. */
void sd_expr_eval_grid(const sd_expr *e, const double *x, size_t n,
    double y, double *out);

/* f(x[i], y[i]) into out[i] for i < n, as sd_expr_eval_grid does a row:
 * equal, bit for bit, to sd_expr_eval at each point. */
void sd_expr_eval_batch(const sd_expr *e, size_t n, const double *x,
    const double *y, double *out);

/* f, the gradient g = (f_x, f_y) and the Hessian h = (f_xx, f_xy, f_yx,
 * f_yy) row-major, exact up to rounding: forward mode with second-order
 * hyper-dual numbers. *f equals sd_expr_eval(e, x, y) bit for bit. Any of
 * f, g, h may be NULL. */
void sd_expr_eval2(const sd_expr *e, double x, double y, double *f,
    double g[2], double h[4]);

/* f(x[i], y[i]) into f[i] and its gradient into gx[i], gy[i] for i < n:
 * each instruction runs over a block of points (the hyper-dual
 * interpreter's first order), so the dispatch is paid once per block.
 * Equal, bit for bit, to sd_expr_eval2 at each point. */
void sd_expr_eval_fg_batch(const sd_expr *e, size_t n, const double *x,
    const double *y, double *f, double *gx, double *gy);

/* Enclosures of f, ∇f and ∇²f (h = f_aa, f_ab, f_bb) over a box, in
 * coordinates (a, b) of which x and y are affine functions: in[0] and
 * in[1] enclose x and y over the box, jac = (∂x/∂a, ∂x/∂b, ∂y/∂a, ∂y/∂b)
 * (1, 0, 0, 1 for the identity). Each function is taken on the part of
 * the box where it is defined: every enclosure is empty when the formula
 * is defined nowhere in the box (eval_box.c, interval.h). Returns 1 when
 * f is defined and twice continuously differentiable on the whole box
 * (no operand left its domain, nothing was unbounded), which is what an
 * interval Newton test needs; 0 otherwise: the enclosures still hold
 * where f is defined. */
int sd_expr_eval_box(const sd_expr *e, const sd_iv in[2],
    const double jac[4], sd_iv *f, sd_iv g[2], sd_iv h[3]);

/* An objective for the formula: type name "expr", summary and formula
 * the text, dim 2, default window [-3,3]², f, gradient and Hessian
 * through sd_expr; spec is the text. A malformed formula returns NULL with
 * *cause set to the sd_expr_error_format message (caret and all). Free
 * with sd_objective_free. */
sd_objective *sd_objective_new_expr(const char *text, char **cause);

#endif
