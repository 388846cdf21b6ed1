/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expr_impl.h: what the formula compiler (parse.c, compile.c) and its
 * evaluators (eval.c) share: the instruction set, the function table and
 * the powers both must compute alike. Private to src/core/expr. */
#ifndef SADDLE_EXPR_IMPL_H
#define SADDLE_EXPR_IMPL_H

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "base/interval.h"
#include "base/simd.h"
#include "base/vmath.h"

#define EXPR_STACK_MAX	128	/* evaluation stack slots */
#define EXPR_POWI_MAX	16	/* x^n as multiplications for |n| ≤ this */
#define EXPR_BLOCK	32	/* points per block of the value interpreter */
/* Points per block of the gradient interpreter (eval_batch.c): its
 * dispatch per instruction is paid over twice the points (3-5 % of the
 * formula survey against 32). At least EXPR_BLOCK. */
#define EXPR_BATCH	64

/* Postfix code on a stack: pushes, binary operations (pop b, pop a, push
 * a op b) and unary ones (replace the top u), some with a constant k. */
enum expr_op {
	OP_X, OP_Y, OP_CONST,			/* push x, y, k */
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW,	/* a op b */
	OP_NEG,					/* −u */
	OP_ADDK, OP_RSUBK, OP_MULK, OP_DIVK,	/* u+k, k−u, u·k, u/k */
	OP_RDIVK,				/* k/u */
	OP_POWI, OP_POWK, OP_RPOWK,		/* u^n, u^k, k^u */
	OP_FUNC					/* sd_expr_funcs[fn](u) */
};

struct instr {
	unsigned char	 op;	/* enum expr_op */
	unsigned char	 fn;	/* OP_FUNC: index in sd_expr_funcs[] */
	int		 n;	/* OP_POWI: the integer exponent */
	double		 k;	/* OP_CONST and the fused operations */
};

struct sd_expr {
	struct instr	*code;		/* at most EXPR_STACK_MAX deep */
	size_t		 n;
};

/* φ'(u) and φ''(u) of a function, given u and fu = φ(u). */
typedef void expr_deriv(double u, double fu, double *d1, double *d2);

/* Enclosures of φ(u), φ'(u) and φ''(u) over an interval u, each taken
 * on u ∩ φ's domain (eval_box.c). */
typedef void expr_ideriv(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2);

expr_ideriv sd_expr_iv_sin, sd_expr_iv_cos, sd_expr_iv_tan, sd_expr_iv_asin,
    sd_expr_iv_acos, sd_expr_iv_atan, sd_expr_iv_sinh, sd_expr_iv_cosh,
    sd_expr_iv_tanh, sd_expr_iv_exp, sd_expr_iv_log, sd_expr_iv_sqrt,
    sd_expr_iv_abs;

/* φ over a block of m points: f[j] = φ(u[j]) (f may be u). */
typedef void expr_block(const double *u, double *f, size_t m);

/* φ and φ' over a block: f[j] and d1[j] as f and d give them, bit for
 * bit (neither may be u). */
typedef void expr_block_d(const double *u, double *f, double *d1, size_t m);

/* The functions formulas may call, NULL-name terminated (funcs.c): the
 * function, its derivatives, their interval enclosures, its forms over
 * a block (NULL: the interpreters loop over f and d), and for sin and
 * cos which of the two it is (the gradient interpreter computes them
 * with vmath's kernel inline, fused with their chain rule). */
enum expr_trig { TRIG_NONE, TRIG_SIN, TRIG_COS };

struct expr_func {
	const char	*name;
	double		(*f)(double);
	expr_deriv	*d;
	expr_ideriv	*iv;
	expr_block	*vf;
	expr_block_d	*vfd;
	enum expr_trig	 trig;
};
extern const struct expr_func sd_expr_funcs[];

/* u^n by repeated squaring: u^2 is exactly u*u, as in the built-ins. */
static inline double
expr_powi(double u, int n)
{
	unsigned m = n < 0 ? 0u - (unsigned)n : (unsigned)n;
	double r = 1, b = u;

	while (m != 0) {
		if (m & 1)
			r *= b;
		b *= b;
		m >>= 1;
	}
	return n < 0 ? 1 / r : r;
}

/* out[j] = expr_powi(u[j], n) for j < m ≤ EXPR_BATCH, bit for bit: the same
 * multiplications, the loop over n's bits outside so that the one over
 * the points is on vector lanes (out may be u). */
SD_LOOP_INLINE void
expr_powi_block(const double *u, int n, double *out, size_t m)
{
	unsigned k = n < 0 ? 0u - (unsigned)n : (unsigned)n;
	double r[EXPR_BATCH], b[EXPR_BATCH];
	size_t j;

	SD_SIMD
	for (j = 0; j < m; j++) {
		r[j] = 1;
		b[j] = u[j];
	}
	for (; k != 0; k >>= 1) {
		if (k & 1) {
			SD_SIMD
			for (j = 0; j < m; j++)
				r[j] *= b[j];
		}
		SD_SIMD
		for (j = 0; j < m; j++)
			b[j] *= b[j];
	}
	/* The sign tested out of the loop: a select there made GCC divide
	 * under a mask on every lane, at a division's cost, for n > 0 too. */
	if (n >= 0) {
		memcpy(out, r, m * sizeof *out);
		return;
	}
	SD_SIMD
	for (j = 0; j < m; j++)
		out[j] = 1 / r[j];
}

/* a^b for a variable exponent: NaN when either side is (vmath's pow,
 * as every power with a non-integer exponent). */
static inline double
expr_pow(double a, double b)
{
	if (isnan(a) || isnan(b))
		return a + b;
	return sd_vm_pow(a, b);
}

/* out[j] = expr_pow(a[j], b[j]) for j < m ≤ EXPR_BATCH, bit for bit
 * (out may be a or b). */
SD_LOOP_INLINE void
expr_pow_block(const double *a, const double *b, double *out, size_t m)
{
	double p[EXPR_BATCH];
	size_t j;

	sd_vm_pow_n(a, b, p, m);
	SD_SIMD
	for (j = 0; j < m; j++)
		out[j] = isnan(a[j]) || isnan(b[j]) ? a[j] + b[j] : p[j];
}

/* out[j] = expr_pow(k, u[j]) for j < m ≤ EXPR_BATCH (out may be u). */
SD_LOOP_INLINE void
expr_rpowk_block(double k, const double *u, double *out, size_t m)
{
	double kr[EXPR_BATCH];
	size_t j;

	SD_SIMD
	for (j = 0; j < m; j++)
		kr[j] = k;
	expr_pow_block(kr, u, out, m);
}

#endif
