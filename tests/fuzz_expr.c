/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_expr.c: the formula compiler and evaluators on arbitrary bytes.
 *
 * Built by `make fuzz` (clang -fsanitize=fuzzer,address,undefined
 * -DSADDLE_LIBFUZZER) this is a libFuzzer target. Otherwise it is a plain
 * program that `make check` runs, under ASan in the sanitizer build: a
 * seeded, bounded run over a corpus of tricky formulas and 200000
 * generated ones (token soup, random well-formed formulas, mutations of
 * both, raw bytes), printing TAP.
 *
 * Beyond not crashing, every input must keep these promises: an error has
 * a column within the text and a non-empty message that is safe to print
 * (valid UTF-8, no control characters), whose usage form has the formula
 * and caret lines; a compiled formula gives the same value through
 * sd_expr_eval, sd_expr_eval_grid and sd_expr_eval2, a symmetric Hessian,
 * and NaN derivatives wherever the value is NaN. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The same double, bit for bit, or both NaN. */
static int
same(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* Whether s is valid UTF-8 without control characters (C0, DEL, C1),
 * newlines allowed only when lines is set. */
static int
printable(const char *s, int lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i;
	unsigned long c;

	while (*p != '\0') {
		if (*p < 0x80) {
			if ((*p < 0x20 && !(lines && *p == '\n')) || *p == 0x7f)
				return 0;
			p++;
			continue;
		}
		n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 0;
		if (n == 0 || *p > 0xf4)
			return 0;
		c = *p & (0x3f >> (n - 1));
		for (i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < 0xa0 || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
		    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
			return 0;
		p += n;
	}
	return 1;
}

/* The promises of a failed compile. */
static const char *
check_error(const char *text, const sd_expr_error *err)
{
	const char *nl;
	char *s;
	int lines = 0;

	if (err->column < 1 || (size_t)err->column > strlen(text) + 1)
		return "error column outside the text";
	if (err->message[0] == '\0' || !printable(err->message, 0))
		return "error message empty or unsafe to print";
	if ((s = sd_expr_error_format(text, err)) == NULL)
		return "no usage message";
	for (nl = s; (nl = strchr(nl, '\n')) != NULL; nl++)
		lines++;
	if (!printable(s, 1) || (lines != 3 && lines != 0)) {
		free(s);
		return "usage message unsafe or not formula/caret/message";
	}
	free(s);
	return NULL;
}

/* The promises of a compiled formula at one row of points. */
static const char *
check_eval(const sd_expr *e, const double *xs, size_t n, double y)
{
	double grid[8], ys[8], fb[8], gx[8], gy[8], v, f, g[2], h[4];
	size_t i, k;

	sd_expr_eval_grid(e, xs, n, y, grid);
	for (i = 0; i < n; i++)
		ys[i] = y;
	sd_expr_eval_fg_batch(e, n, xs, ys, fb, gx, gy);
	for (i = 0; i < n; i++) {
		v = sd_expr_eval(e, xs[i], y);
		sd_expr_eval2(e, xs[i], y, &f, g, h);
		if (!same(v, grid[i]))
			return "grid and point evaluation differ";
		if (!same(v, f))
			return "value and hyper-dual evaluation differ";
		if (!same(fb[i], f) || !same(gx[i], g[0]) ||
		    !same(gy[i], g[1]))
			return "batch and hyper-dual evaluation differ";
		if (!same(h[1], h[2]))
			return "Hessian not symmetric";
		for (k = 0; k < 4 && isnan(f); k++) {
			if (!isnan(g[k % 2]) || !isnan(h[k]))
				return "NaN value with a non-NaN derivative";
		}
	}
	return NULL;
}

/* How many inputs compiled, for the report. */
static size_t compiled;

/* Compile and evaluate one NUL-terminated input; NULL when every promise
 * holds, else which one broke. */
static const char *
check_text(const char *text)
{
	static const double xs[] = { 0, 1.5, -2, 1e10, -1e-10, 3, NAN };
	static const double ys[] = { 0, -0.5, 3, -1e-10 };
	sd_expr_error err;
	const char *why = NULL;
	sd_expr *e;
	size_t i;

	if ((e = sd_expr_compile(text, &err)) == NULL)
		return check_error(text, &err);
	compiled++;
	if (sd_expr_length(e) == 0)
		why = "empty code";
	for (i = 0; why == NULL && i < sizeof ys / sizeof ys[0]; i++)
		why = check_eval(e, xs, sizeof xs / sizeof xs[0], ys[i]);
	sd_expr_free(e);
	return why;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	const char *why;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if ((why = check_text(text)) != NULL) {
		fprintf(stderr, "fuzz_expr: %s\n", why);
		abort();
	}
	free(text);
	return 0;
}

#ifndef SADDLE_LIBFUZZER

#define GENERATED	200000		/* inputs beyond the corpus */
#define TEXT_MAX	4096

/* Formulas that have broken, or could break, a parser or evaluator. */
static const char *const corpus[] = {
	"", " ", "(", ")", "()", "x", "-", "+", "^", "x^", "^x", "x^^2",
	"1e", "1e+", "1e-", "0x", "0X", "0xp1", "0x1p", "0x.p1", ".", "..",
	"1..2", "1.2.3", ".e1", "5.", "5.e", "e", "E", "X", "pi", "Pi",
	"x_1", "_x", "x1", "xy", "2x", "x2", "2 x", "x y", "(x)(y)", "2(x)",
	"sin", "sin(", "sin()", "sin(x", "sin x", "sin(x,y)", "sin((x)",
	"sin(x))", "foo(x)", "cot(x)", ",", ";", "x;y", "$", "x $ y",
	"e^e^e^e^e^e", "2^2^2^2^2", "2^-1074", "2^1024", "-----x", "+-+-x",
	"x²³²³", "²", "x+²", "−", "x−−y", "x÷0", "x×y·x", "π", "ππ", "2π",
	"\xe2\x88", "\xe2", "\xc2", "\xc2\xb2\xc2", "\xf4\x90\x80\x80",
	"\xed\xa0\x80", "\xc0\x80", "\xef\xbb\xbfx", "\xc2\x9b" "31m",
	"x\x1b[31m", "x\x7f", "\xc2\xa0x\xc2\xa0", "x\t+\ny\r",
	"1e308*10", "-1e308*10", "1e-400", "0x1.fffffffffffffp1023",
	"4.9406564584124654e-324", "1e999", "x/0", "0/0", "log(0)",
	"log(-x^2-1)", "sqrt(-1)", "asin(2)", "acos(x^2+2)", "(x-x)^(y-y)",
	"0^0", "x^0", "0^x", "0^-1", "(-8)^(1/3)", "1/(x-x)", "x^-17",
	"x^16", "x^17", "x^-16", "x^16.5", "x^0.5", "x^y^x^y", "1^log(x)",
	"log(x)^0", "exp(exp(exp(x)))", "tan(pi/2)", "abs(x)^-1",
	"cosh(1000)-cosh(1000)", "x*0", "0*log(-x)", "sinh(x)/sinh(x)",
	"atan(1/0)", "tanh(1e308)",
	NULL
};

/* Pieces of formulas, valid and not, for token soup and mutation. */
static const char *const pieces[] = {
	"x", "y", "pi", "e", "π", "sin", "cos", "tan", "asin", "acos",
	"atan", "sinh", "cosh", "tanh", "exp", "log", "sqrt", "abs", "(",
	")", "+", "-", "*", "/", "^", "²", "³", "−", "×", "÷", "·", " ",
	"0", "1", "2", "2.5", "1e3", "1e-3", "0x1p-2", ".5", "1e308", "1e",
	"0x", ".", "$", "\xff", "\xe2\x88", "\t", "foo", "xy", "2x", "sin(",
	"log(", "^-", "--", "1/", "/0", "\xc2\xa0", "_", ",",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* xorshift64*: small, seeded, the same sequence everywhere. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* A random integer in [0, n). */
static size_t
rng(size_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (size_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 33) % n;
}

/* Append s to buf (of TEXT_MAX bytes) while it fits. */
static void
append(char *buf, const char *s)
{
	size_t len = strlen(buf), n = strlen(s);

	if (len + n < TEXT_MAX)
		memcpy(buf + len, s, n + 1);
}

/* 1 to 30 random pieces. */
static void
gen_soup(char *buf)
{
	size_t i, n = 1 + rng(30);

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		append(buf, pieces[rng(NPIECES)]);
}

/* A random well-formed formula of at most the given depth. */
static void
gen_formula(char *buf, int depth)
{
	static const char *const leaves[] = { "x", "y", "pi", "e", "2",
	    "0.5", "3", "0", "1", "1e-3", "10", "x", "y" };
	static const char *const ops[] = { "+", "-", "*", "/", "^", "−" };
	static const char *const funcs[] = { "sin", "cos", "tan", "asin",
	    "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "sqrt",
	    "abs" };
	size_t kind = depth <= 0 ? 0 : rng(6);

	switch (kind) {
	case 0:
		append(buf, leaves[rng(sizeof leaves / sizeof leaves[0])]);
		break;
	case 1:
	case 2:
		gen_formula(buf, depth - 1);
		append(buf, ops[rng(sizeof ops / sizeof ops[0])]);
		gen_formula(buf, depth - 1);
		break;
	case 3:
		append(buf, funcs[rng(sizeof funcs / sizeof funcs[0])]);
		append(buf, "(");
		gen_formula(buf, depth - 1);
		append(buf, ")");
		break;
	case 4:
		append(buf, "-");
		gen_formula(buf, depth - 1);
		break;
	default:
		append(buf, "(");
		gen_formula(buf, depth - 1);
		append(buf, rng(2) ? ")" : rng(2) ? ")^2" : ")²");
		break;
	}
}

/* Change buf a little: delete, insert or replace a byte or a piece. */
static void
mutate(char *buf)
{
	size_t len, at, k, n;
	char tail[TEXT_MAX];

	for (k = 1 + rng(4); k > 0; k--) {
		len = strlen(buf);
		at = rng(len + 1);
		strcpy(tail, buf + at);
		switch (rng(4)) {
		case 0:			/* delete some bytes */
			n = 1 + rng(3);
			buf[at] = '\0';
			append(buf, n < strlen(tail) ? tail + n : "");
			break;
		case 1:			/* insert a piece */
			buf[at] = '\0';
			append(buf, pieces[rng(NPIECES)]);
			append(buf, tail);
			break;
		case 2:			/* replace a byte by any byte */
			if (at < len)
				buf[at] = (char)(1 + rng(255));
			break;
		default:		/* duplicate the tail */
			append(buf, tail);
			break;
		}
	}
}

/* Up to 40 random bytes (never NUL). */
static void
gen_bytes(char *buf)
{
	size_t i, n = rng(41);

	for (i = 0; i < n; i++)
		buf[i] = (char)(1 + rng(255));
	buf[n] = '\0';
}

/* Print an input so that a failure can be replayed. */
static void
print_input(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	printf("# input: \"");
	for (; *p != '\0'; p++) {
		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			putchar(*p);
		else
			printf("\\x%02x", *p);
	}
	printf("\"\n");
}

/* Run one group of inputs as one TAP test. */
static int
run_group(int number, const char *what, size_t count,
    void (*next)(char *, size_t))
{
	static char buf[TEXT_MAX];
	size_t i, failed = 0;
	const char *why;

	compiled = 0;
	for (i = 0; i < count; i++) {
		next(buf, i);
		if ((why = check_text(buf)) != NULL && failed++ == 0) {
			printf("# %s\n", why);
			print_input(buf);
		}
	}
	printf("%sok %d - %s: %zu inputs, %zu compiled, %zu broke a "
	    "promise\n", failed ? "not " : "", number, what, count, compiled,
	    failed);
	return failed ? 1 : 0;
}

/* The corpus, then long and deep inputs built here. */
static void
next_corpus(char *buf, size_t i)
{
	size_t n = sizeof corpus / sizeof corpus[0] - 1, k;

	buf[0] = '\0';
	if (i < n) {
		append(buf, corpus[i]);
		return;
	}
	for (k = 0; k < 1000; k++) {
		switch (i - n) {
		case 0: append(buf, k ? "+x" : "x"); break;	/* long chain */
		case 1: append(buf, "sin("); break;		/* too deep */
		case 2: append(buf, k < 38 ? "(" : "x"); break;
		case 3: append(buf, "-"); break;
		case 4: append(buf, "2^"); break;
		case 5: append(buf, k < 500 ? "9" : "."); break; /* long number */
		default: append(buf, "abcdefghij"); break;	/* long name */
		}
	}
}

static void
next_soup(char *buf, size_t i)
{
	(void)i;
	gen_soup(buf);
}

static void
next_formula(char *buf, size_t i)
{
	(void)i;
	buf[0] = '\0';
	gen_formula(buf, 1 + (int)rng(7));
}

static void
next_mutant(char *buf, size_t i)
{
	if (i % 2 == 0) {
		buf[0] = '\0';
		append(buf, corpus[rng(sizeof corpus / sizeof corpus[0] - 1)]);
	} else {
		buf[0] = '\0';
		gen_formula(buf, 1 + (int)rng(5));
	}
	mutate(buf);
}

static void
next_bytes(char *buf, size_t i)
{
	(void)i;
	gen_bytes(buf);
}

int
main(void)
{
	size_t ncorpus = sizeof corpus / sizeof corpus[0] - 1 + 7;
	int failed = 0;

	printf("1..5\n");
	failed |= run_group(1, "tricky corpus", ncorpus, next_corpus);
	failed |= run_group(2, "token soup", GENERATED / 4, next_soup);
	failed |= run_group(3, "well-formed formulas", GENERATED / 4,
	    next_formula);
	failed |= run_group(4, "mutated formulas", GENERATED / 4, next_mutant);
	failed |= run_group(5, "random bytes", GENERATED / 4, next_bytes);
	return failed;
}

#endif
