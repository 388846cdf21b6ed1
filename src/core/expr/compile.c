/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compile.c: the formula compiler's back end (see expr.h and parse.c):
 * the parser emits flat postfix code through these functions, which
 * simplify as they go (constants folded, x*1, x+0, --x removed, x^n with
 * small integer n as multiplications, operations with a constant operand
 * fused into one instruction); sd_expr_compile runs the parser and hands
 * the code to the evaluators (eval.c). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "expr/parser.h"

/* The index of function name in sd_expr_funcs[]. */
static int
func_index(const char *name)
{
	int i;

	for (i = 0; strcmp(sd_expr_funcs[i].name, name) != 0; i++)
		continue;
	return i;
}

/* ---- emitting and simplifying ----------------------------------------- */

/* Append one instruction. */
int
sd_expr_emit(struct parser *p, int op, double k, int n, int fn)
{
	struct instr *code;
	size_t cap;

	if (p->n == p->cap) {
		cap = p->cap ? 2 * p->cap : 32;
		if ((code = realloc(p->code, cap * sizeof *code)) == NULL)
			return sd_expr_fail(p, 0, "out of memory");
		p->code = code;
		p->cap = cap;
	}
	p->code[p->n].op = (unsigned char)op;
	p->code[p->n].fn = (unsigned char)fn;
	p->code[p->n].n = n;
	p->code[p->n].k = k;
	p->n++;
	return 0;
}

/* Whether the code from start to the end is one constant; its value. */
static int
frag_const(const struct parser *p, size_t start, size_t end, double *k)
{
	if (end - start != 1 || p->code[start].op != OP_CONST)
		return 0;
	*k = p->code[start].k;
	return 1;
}

/* Whether x is an integer usable as an OP_POWI exponent. */
static int
small_integer(double x)
{
	return x == floor(x) && fabs(x) <= EXPR_POWI_MAX;
}

/* u^k with k constant, as the emitted instruction computes it. */
static double
powk_value(double u, double k)
{
	if (small_integer(k))
		return expr_powi(u, (int)k);
	if (k == 0.5)
		return sqrt(u);
	return sd_vm_pow(u, k);
}

/* a op b for two constants. */
static double
fold(int op, double a, double b)
{
	switch (op) {
	case OP_ADD:
		return a + b;
	case OP_SUB:
		return a - b;
	case OP_MUL:
		return a * b;
	case OP_DIV:
		return a / b;
	default:
		return powk_value(a, b);
	}
}

/* Negate the last fragment: fold a constant, undo a negation. */
int
sd_expr_emit_neg(struct parser *p, size_t start)
{
	double k;

	if (frag_const(p, start, p->n, &k)) {
		p->code[start].k = -k;
		return 0;
	}
	if (p->code[p->n - 1].op == OP_NEG) {
		p->n--;
		return 0;
	}
	return sd_expr_emit(p, OP_NEG, 0, 0, 0);
}

/* Apply function fn to the last fragment, folding a constant. */
int
sd_expr_emit_func(struct parser *p, size_t start, int fn)
{
	double k;

	if (frag_const(p, start, p->n, &k)) {
		p->code[start].k = sd_expr_funcs[fn].f(k);
		return 0;
	}
	return sd_expr_emit(p, OP_FUNC, 0, 0, fn);
}

/* u op k, u being the fragment from start: identities vanish, the rest
 * becomes one fused instruction. */
static int
emit_right_const(struct parser *p, size_t start, int op, double k)
{
	if ((op == OP_ADD || op == OP_SUB) && k == 0)
		return 0;
	if ((op == OP_MUL || op == OP_DIV || op == OP_POW) && k == 1)
		return 0;
	if ((op == OP_MUL || op == OP_DIV) && k == -1)
		return sd_expr_emit_neg(p, start);
	switch (op) {
	case OP_ADD:
		return sd_expr_emit(p, OP_ADDK, k, 0, 0);
	case OP_SUB:
		return sd_expr_emit(p, OP_ADDK, -k, 0, 0);
	case OP_MUL:
		return sd_expr_emit(p, OP_MULK, k, 0, 0);
	case OP_DIV:
		return sd_expr_emit(p, OP_DIVK, k, 0, 0);
	}
	if (k == 0) {
		/* u^0 = 1 everywhere, as C's pow says. */
		p->n = start;
		return sd_expr_emit(p, OP_CONST, 1, 0, 0);
	}
	if (small_integer(k))
		return sd_expr_emit(p, OP_POWI, 0, (int)k, 0);
	if (k == 0.5)
		return sd_expr_emit(p, OP_FUNC, 0, 0, func_index("sqrt"));
	return sd_expr_emit(p, OP_POWK, k, 0, 0);
}

/* k op u, the constant k having been removed from before u. */
static int
emit_left_const(struct parser *p, size_t start, int op, double k)
{
	if ((op == OP_ADD && k == 0) || (op == OP_MUL && k == 1))
		return 0;
	if ((op == OP_SUB && k == 0) || (op == OP_MUL && k == -1))
		return sd_expr_emit_neg(p, start);
	switch (op) {
	case OP_ADD:
		return sd_expr_emit(p, OP_ADDK, k, 0, 0);
	case OP_SUB:
		return sd_expr_emit(p, OP_RSUBK, k, 0, 0);
	case OP_MUL:
		return sd_expr_emit(p, OP_MULK, k, 0, 0);
	case OP_DIV:
		return sd_expr_emit(p, OP_RDIVK, k, 0, 0);
	}
	if (k == M_E)
		return sd_expr_emit(p, OP_FUNC, 0, 0, func_index("exp"));
	return sd_expr_emit(p, OP_RPOWK, k, 0, 0);
}

/* a op b, a being the code from a to b and b the code from b to the
 * end. */
int
sd_expr_emit_binary(struct parser *p, int op, size_t a, size_t b)
{
	double ka, kb;
	int ca = frag_const(p, a, b, &ka), cb = frag_const(p, b, p->n, &kb);

	if (ca && cb) {
		p->n = a;
		return sd_expr_emit(p, OP_CONST, fold(op, ka, kb), 0, 0);
	}
	if (cb) {
		p->n = b;
		return emit_right_const(p, a, op, kb);
	}
	if (ca) {
		memmove(p->code + a, p->code + a + 1,
		    (p->n - a - 1) * sizeof *p->code);
		p->n--;
		return emit_left_const(p, a, op, ka);
	}
	/* a + −c = a − c and a − −c = a + c, one instruction fewer. */
	if ((op == OP_ADD || op == OP_SUB) && p->code[p->n - 1].op == OP_NEG) {
		p->n--;
		op = op == OP_ADD ? OP_SUB : OP_ADD;
	}
	return sd_expr_emit(p, op, 0, 0, 0);
}

/* The most stack slots the code uses. */
static int
code_depth(const struct instr *code, size_t n)
{
	int sp = 0, max = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (code[i].op <= OP_CONST)
			sp++;
		else if (code[i].op <= OP_POW)
			sp--;
		if (sp > max)
			max = sp;
	}
	return max;
}

sd_expr *
sd_expr_compile(const char *text, sd_expr_error *err)
{
	sd_expr_error local;
	struct parser p;
	sd_expr *e;

	memset(&p, 0, sizeof p);
	p.err = err != NULL ? err : &local;
	memset(p.err, 0, sizeof *p.err);
	p.p = text != NULL ? text : "";
	p.col = 1;
	if (sd_expr_parse(&p) != 0)
		goto fail;
	/* EXPR_NEST_MAX bounds this already; the evaluators rely on it. */
	if (code_depth(p.code, p.n) > EXPR_STACK_MAX) {
		sd_expr_fail(&p, 1, "formula nested too deeply");
		goto fail;
	}
	if ((e = malloc(sizeof *e)) == NULL) {
		sd_expr_fail(&p, 0, "out of memory");
		goto fail;
	}
	e->code = p.code;
	e->n = p.n;
	return e;

fail:
	free(p.code);
	return NULL;
}

void
sd_expr_free(sd_expr *e)
{
	if (e == NULL)
		return;
	free(e->code);
	free(e);
}

size_t
sd_expr_length(const sd_expr *e)
{
	return e->n;
}
