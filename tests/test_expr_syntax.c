/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_expr_syntax.c: reading user formulas: syntax errors with their
 * columns, unknown names, the error's format, nesting; precedence,
 * notation and simplification. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_rng.h>

#include "expr/expr.h"
#include "testutil.h"
#include "expr_util.h"

/* ---- syntax errors ---------------------------------------------------- */

static const struct bad {
	const char	*text;
	int		 column;	/* in characters, from 1 */
	const char	*says;		/* part of the message */
} bads[] = {
	{ "(x+1", 5, "expected ')' to close '(' at column 1" },
	{ "sin(x", 6, "expected ')' to close '(' at column 4" },
	{ "(x+1 y", 6, "implicit multiplication" },
	{ "(x $ 1)", 4, "to close '(' at column 1, found '$'" },
	{ "x+", 3, "after '+', found the end of the formula" },
	{ "x**2", 3, "after '*', found '*'" },
	{ "sin x", 5, "expected '(' after 'sin', found 'x'" },
	{ "2x", 2, "write 2*x" },
	{ "x y", 3, "write x*y" },
	{ "xy", 1, "unknown name 'xy' (implicit multiplication" },
	{ "(x)(y)", 4, "between ')' and '('" },
	{ "foo(x)", 1, "unknown name 'foo'" },
	{ "", 1, "empty formula" },
	{ "   ", 1, "empty formula" },
	{ "x+)", 3, "after '+', found ')'" },
	{ ")", 1, "at the start of the formula, found ')'" },
	{ "log()", 5, "after '(', found ')'" },
	{ "1e", 3, "expected digits after the exponent" },
	{ "1e+", 4, "expected digits after the exponent" },
	{ "0x", 3, "hexadecimal digits" },
	{ "0x1p", 5, "expected digits after the exponent" },
	{ "1.2.3", 4, "malformed number '1.2.': unexpected '.'" },
	{ "2e3.5", 4, "malformed number '2e3.'" },
	{ "1e999", 1, "too large" },
	{ "x+1)", 4, "unbalanced ')'" },
	{ "sin(x))", 7, "unbalanced ')'" },
	{ "2^", 3, "after '^'" },
	{ "x $ y", 3, "found '$'" },
	{ "x²+)", 4, "found ')'" },		/* columns count characters */
	{ "x − ", 5, "after '−', found the end" },
	{ "x ÷ 2 ≠ 1", 7, "'≠' (U+2260)" },
	{ "x+\x01", 3, "U+0001" },
	{ "x+\xff", 3, "byte 0xFF" },
	{ "pi(x)", 3, "between 'pi' and '('" },
	{ NULL, 0, NULL }
};

/* Every malformed formula fails at its column with its message; no
 * message is empty, and each names what was expected or found. */
static void
test_syntax_errors(void **state)
{
	const struct bad *b;
	sd_expr_error err;
	sd_expr *e;

	(void)state;
	for (b = bads; b->text != NULL; b++) {
		e = sd_expr_compile(b->text, &err);
		if (e != NULL)
			fail_msg("'%s' compiled", b->text);
		if (err.column != b->column)
			fail_msg("'%s': column %d, expected %d (%s)", b->text,
			    err.column, b->column, err.message);
		if (strstr(err.message, b->says) == NULL)
			fail_msg("'%s': message '%s' lacks '%s'", b->text,
			    err.message, b->says);
	}
	/* A NULL error pointer is fine. */
	assert_null(sd_expr_compile("(", NULL));
}

/* The unknown-name message lists every known name, as a whole word. */
static void
test_unknown_name_lists_names(void **state)
{
	static const char *const funcs[] = { "sin", "cos", "tan", "asin",
	    "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "sqrt",
	    "abs", NULL };
	static const char *const before = "( ", *const after = ",)";
	char word[16];
	sd_expr_error err;
	size_t i, b, a;
	int found;

	(void)state;
	assert_null(sd_expr_compile("cot(x)", &err));
	assert_non_null(strstr(err.message, "unknown name 'cot'"));
	assert_non_null(strstr(err.message, "(x, y)"));
	assert_non_null(strstr(err.message, "(pi, e)"));
	for (i = 0; funcs[i] != NULL; i++) {
		found = 0;
		for (b = 0; b < 2; b++) {
			for (a = 0; a < 2; a++) {
				snprintf(word, sizeof word, "%c%s%c",
				    before[b], funcs[i], after[a]);
				found |= strstr(err.message, word) != NULL;
			}
		}
		if (!found)
			fail_msg("'%s' not listed in: %s", funcs[i],
			    err.message);
	}
}

/* The usage message: the formula, a caret under the column (counted in
 * characters), the message; an empty formula is just the message. */
static void
test_error_format(void **state)
{
	sd_expr_error err;
	char *s;

	(void)state;
	assert_null(sd_expr_compile("(x+1", &err));
	s = sd_expr_error_format("(x+1", &err);
	assert_string_equal(s, "bad formula at column 5:\n"
	    "  (x+1\n"
	    "      ^\n"
	    "  expected ')' to close '(' at column 1");
	free(s);

	assert_null(sd_expr_compile("x²+)", &err));
	s = sd_expr_error_format("x²+)", &err);
	assert_string_equal(s, "bad formula at column 4:\n"
	    "  x²+)\n"
	    "     ^\n"
	    "  expected an operand (a number, x, y, pi, e, a function or "
	    "'(') after '+', found ')'");
	free(s);

	/* Control characters and bad bytes keep their column, shown safely. */
	assert_null(sd_expr_compile("x\t+\xff", &err));
	s = sd_expr_error_format("x\t+\xff", &err);
	assert_non_null(strstr(s, "\n  x +?\n     ^\n"));
	free(s);

	assert_null(sd_expr_compile(" ", &err));
	s = sd_expr_error_format(" ", &err);
	assert_null(strchr(s, '\n'));
	assert_non_null(strstr(s, "empty formula"));
	free(s);
}

/* Parentheses and signs nest up to a bound, then fail cleanly. */
static void
test_nesting(void **state)
{
	char text[256];
	sd_expr_error err;
	sd_expr *e;
	int n;

	(void)state;
	for (n = 30; n <= 50; n += 20) {
		memset(text, '(', (size_t)n);
		text[n] = 'x';
		memset(text + n + 1, ')', (size_t)n);
		text[2 * n + 1] = '\0';
		e = sd_expr_compile(text, &err);
		if (n == 30) {
			assert_non_null(e);
			assert_true(sd_expr_eval(e, 3, 0) == 3);
			sd_expr_free(e);
		} else {
			assert_null(e);
			assert_non_null(strstr(err.message, "nested too deeply"));
		}
	}
}

/* ---- precedence, notation, simplification ----------------------------- */

/* Values that pin precedence and associativity, each with constants
 * (folded when compiled) and with variables (computed when evaluated). */
static void
test_precedence(void **state)
{
	static const struct {
		const char *text;
		double x, y, value;
	} cases[] = {
		{ "2^3^2", 0, 0, 512 },
		{ "x^y^x", 2, 3, 512 },
		{ "-2^2", 0, 0, -4 },
		{ "-x^y", 2, 2, -4 },
		{ "-x^2", 3, 0, -9 },
		{ "-x²", 3, 0, -9 },
		{ "x²³", 2, 0, 64 },
		{ "2*-3", 0, 0, -6 },
		{ "x*-y", 2, 3, -6 },
		{ "8/2/2", 0, 0, 2 },
		{ "x/y/y", 8, 2, 2 },
		{ "2-3-4", 0, 0, -5 },
		{ "x-y-x", 2, 3, -3 },
		{ "2+3*4", 0, 0, 14 },
		{ "x+y*x", 2, 3, 8 },
		{ "(2+3)*4", 0, 0, 20 },
		{ "(x+y)*x", 2, 3, 10 },
		{ "2^-1", 0, 0, 0.5 },
		{ "x^-y", 2, 1, 0.5 },
		{ "2^x", 3, 0, 8 },
		{ "x − y", 5, 3, 2 },
		{ "x × y", 5, 3, 15 },
		{ "x · y", 5, 3, 15 },
		{ "x ÷ y", 6, 3, 2 },
		{ "+x", 2, 0, 2 },
		{ "--x", 2, 0, 2 },
		{ "-+-x", 2, 0, 2 },
		{ "x - -y", 2, 3, 5 },
		{ "0x1p3", 0, 0, 8 },
		{ "0X.8P1", 0, 0, 1 },
		{ ".5", 0, 0, 0.5 },
		{ "1e-3", 0, 0, 0.001 },
		{ "1E+2", 0, 0, 100 },
		{ "5.", 0, 0, 5 },
		{ "pi", 0, 0, M_PI },
		{ "π", 0, 0, M_PI },
		{ "e", 0, 0, M_E },
		{ "e^x", 1, 0, M_E },
		{ "log(e)", 0, 0, 1 },
		{ "sqrt(x)", 4, 0, 2 },
		{ "x^0.5", 4, 0, 2 },
		{ "abs(-x)", 3, 0, 3 },
		{ "cos(pi*x)", 1, 0, -1 },
		{ " \tx\n+\ry ", 1, 2, 3 },
		{ NULL, 0, 0, 0 }
	};
	size_t i;
	sd_expr *e;

	(void)state;
	for (i = 0; cases[i].text != NULL; i++) {
		e = compile(cases[i].text);
		assert_close(sd_expr_eval(e, cases[i].x, cases[i].y),
		    cases[i].value, 1e-15 * (1 + fabs(cases[i].value)));
		sd_expr_free(e);
	}
}

/* Constant folding and identities leave fewer instructions; small
 * integer powers are products, bit for bit what C computes. */
static void
test_simplification(void **state)
{
	static const struct {
		const char *text;
		size_t length;
	} cases[] = {
		{ "2*3", 1 }, { "x*1", 1 }, { "1*x", 1 }, { "x+0", 1 },
		{ "0+x", 1 }, { "x-0", 1 }, { "x/1", 1 }, { "x^1", 1 },
		{ "x*1+0", 1 }, { "sin(pi/2)*x", 1 }, { "--x", 1 },
		{ "((x))", 1 }, { "x^0", 1 }, { "2^3^2 - 500", 1 },
		{ "2 + x", 2 }, { "x*2", 2 }, { "-x", 2 }, { "x*-1", 2 },
		{ "e^x", 2 }, { "x^2", 2 }, { "x - -y", 3 }, { "x + -y", 3 },
		{ "x*2*3", 3 },		/* (x·2)·3 ≠ x·6 in general: kept */
		{ NULL, 0 }
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	sd_expr *e2, *e3, *e4;
	double x;
	size_t i;
	sd_expr *e;

	(void)state;
	for (i = 0; cases[i].text != NULL; i++) {
		e = compile(cases[i].text);
		if (sd_expr_length(e) != cases[i].length)
			fail_msg("'%s': %zu instructions, expected %zu",
			    cases[i].text, sd_expr_length(e),
			    cases[i].length);
		sd_expr_free(e);
	}
	e = compile("2^3^2 - 500");
	assert_true(sd_expr_eval(e, 0, 0) == 12);
	sd_expr_free(e);
	e2 = compile("x^2");
	e3 = compile("x^3");
	e4 = compile("x^4");
	for (i = 0; i < 10000; i++) {
		x = uniform(r, -10, 10);
		assert_true(same(sd_expr_eval(e2, x, 0), x * x));
		assert_true(same(sd_expr_eval(e3, x, 0), x * x * x));
		assert_true(same(sd_expr_eval(e4, x, 0), (x * x) * (x * x)));
	}
	sd_expr_free(e2);
	sd_expr_free(e3);
	sd_expr_free(e4);
	gsl_rng_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_unknown_name_lists_names),
		cmocka_unit_test(test_error_format),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_simplification),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
