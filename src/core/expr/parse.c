/* SPDX-License-Identifier: GPL-3.0-or-later */
/* parse.c: the formula parser (see expr.h): names, UTF-8, the lexer and
 * a recursive-descent parser that emits code through compile.c as it
 * goes, and the usage message that points at an error.
 *
 * Why not GNU libmatheval: its parser returns NULL on a syntax error with
 * no location, so we could not put a caret under the problem, and it
 * evaluates through a tree of function pointers, too slow for a heatmap
 * grid. Instead a small recursive-descent parser emits a flat postfix
 * instruction array directly, simplifying as it goes (constants folded,
 * x*1, x+0, --x removed, x^n with small integer n as multiplications,
 * operations with a constant operand fused into one instruction). Two
 * interpreters run that array (eval.c): a value-only one, per point
 * or over a block of a grid row at a time; and a forward-mode one on
 * second-order hyper-dual numbers (value, ∂x, ∂y, ∂xx, ∂xy, ∂yy), which
 * gives the exact gradient and Hessian, never finite differences.
 *
 * Undefined stays undefined: a^b with a variable exponent is NaN when
 * either side is, even where C's pow would say pow(NaN, 0) = pow(1, NaN)
 * = 1, so a NaN anywhere makes the value NaN, and a NaN value comes with
 * NaN derivatives. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "expr/parser.h"

#define EXPR_SHOW_MAX	64	/* characters of a formula in a message */
#define EXPR_TEXT_MAX	4096	/* longest formula, in bytes */

/* ---- names ------------------------------------------------------------ */

static const struct expr_const {
	const char	*name;
	double		 value;
} expr_consts[] = {
	{ "pi", M_PI },
	{ "e", M_E },
	{ "\xcf\x80", M_PI },		/* π */
	{ NULL, 0 }
};

/* The known names as the messages list them, built once per call. */
static void
expr_known_names(char *buf, size_t size)
{
	size_t i, len;

	snprintf(buf, size, "a variable (x, y), a constant (pi, e) or a "
	    "function (");
	for (i = 0; sd_expr_funcs[i].name != NULL; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", i > 0 ? ", " : "",
		    sd_expr_funcs[i].name);
	}
	len = strlen(buf);
	snprintf(buf + len, size - len, ")");
}

/* ---- UTF-8 -------------------------------------------------------------- */

/* Length of the UTF-8 sequence at s, its code point in *cp; a byte that
 * starts no valid sequence is one character with *cp = -1. */
static size_t
utf8_decode(const char *text, long *cp)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n, i;
	long c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2, c = s[0] & 0x1f, min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3, c = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return n;
}

/* ---- the lexer ---------------------------------------------------------- */

/* Record the first error at col; return -1. */
int
sd_expr_fail(struct parser *p, int col, const char *fmt, ...)
{
	va_list ap;

	p->err->column = col;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
	va_end(ap);
	return -1;
}

/* Characters beyond ASCII that mean an ASCII token, so that the formulas
 * saddle displays ("(x²+y−11)²") can be typed back. */
static const struct expr_alias {
	const char	*utf8;
	enum tok_kind	 kind;
	int		 ch;
} expr_aliases[] = {
	{ "\xe2\x88\x92", T_PUNCT, '-' },	/* − minus sign */
	{ "\xc3\x97", T_PUNCT, '*' },		/* × */
	{ "\xc2\xb7", T_PUNCT, '*' },		/* · */
	{ "\xc3\xb7", T_PUNCT, '/' },		/* ÷ */
	{ "\xc2\xb2", T_SUP, 2 },		/* ² */
	{ "\xc2\xb3", T_SUP, 3 },		/* ³ */
	{ "\xcf\x80", T_NAME, 0 },		/* π */
	{ "\xc2\xa0", T_SPACE, 0 },		/* no-break space */
	{ NULL, T_END, 0 }
};

/* A token as messages quote it: 'text', or what it is when it cannot be
 * shown safely. */
static void
tok_describe(const struct token *t, char *buf, size_t size)
{
	long cp;

	if (t->kind == T_END) {
		snprintf(buf, size, "the end of the formula");
		return;
	}
	if (t->kind != T_BAD) {
		if (t->len > 24)
			snprintf(buf, size, "'%.20s...'", t->s);
		else
			snprintf(buf, size, "'%.*s'", (int)t->len, t->s);
		return;
	}
	utf8_decode(t->s, &cp);
	if (cp < 0)
		snprintf(buf, size, "byte 0x%02X", (unsigned char)*t->s);
	else if (cp >= 0x20 && cp < 0x7f)
		snprintf(buf, size, "'%c'", (int)cp);
	else if (cp < 0xa0)
		snprintf(buf, size, "U+%04lX", cp);
	else
		snprintf(buf, size, "'%.*s' (U+%04lX)", (int)t->len, t->s, cp);
}

/* Count the digits of base at s (10 or 16). */
static size_t
lex_digits(const char *s, int base)
{
	size_t n = 0;

	while ((base == 16 ? strchr("0123456789abcdefABCDEF", s[n]) :
	    strchr("0123456789", s[n])) != NULL && s[n] != '\0')
		n++;
	return n;
}

/* The byte length of the number at s in C notation (strtod's, without
 * inf and nan), or sd_expr_fail where a digit was expected. */
static int
lex_number_length(struct parser *p, const char *s, size_t *len)
{
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	size_t i = hex ? 2 : 0, n;

	n = lex_digits(s + i, hex ? 16 : 10);
	i += n;
	if (s[i] == '.') {
		i++;
		n += lex_digits(s + i, hex ? 16 : 10);
		i += lex_digits(s + i, hex ? 16 : 10);
	}
	if (n == 0)
		return sd_expr_fail(p, p->col + (int)i, "malformed number "
		    "'%.*s': expected hexadecimal digits after '0x'", (int)i,
		    s);
	if (s[i] == (hex ? 'p' : 'e') || s[i] == (hex ? 'P' : 'E')) {
		i++;
		if (s[i] == '+' || s[i] == '-')
			i++;
		if ((n = lex_digits(s + i, 10)) == 0)
			return sd_expr_fail(p, p->col + (int)i, "malformed "
			    "number '%.*s': expected digits after the exponent",
			    (int)i, s);
		i += n;
	}
	*len = i;
	return 0;
}

/* Read the number at p->p into p->tok. strtod reads the C locale's '.'
 * only when the locale says so, hence the copy. */
static int
lex_number(struct parser *p)
{
	const char *dp = localeconv()->decimal_point;
	char buf[EXPR_NUMBER_MAX + 16], *end;
	size_t len = 0, i, o = 0;

	if (lex_number_length(p, p->p, &len) != 0)
		return -1;
	if (len > EXPR_NUMBER_MAX)
		return sd_expr_fail(p, p->col, "number '%.20s...' is too long",
		    p->p);
	for (i = 0; i < len; i++) {
		if (p->p[i] == '.' && strlen(dp) < 16) {
			memcpy(buf + o, dp, strlen(dp));
			o += strlen(dp);
		} else
			buf[o++] = p->p[i];
	}
	buf[o] = '\0';
	p->tok.num = strtod(buf, &end);
	if (*end != '\0')
		return sd_expr_fail(p, p->col, "malformed number '%.*s'",
		    (int)len, p->p);
	if (p->p[len] == '.')
		return sd_expr_fail(p, p->col + (int)len, "malformed number "
		    "'%.*s': unexpected '.'", (int)len + 1, p->p);
	if (isinf(p->tok.num))
		return sd_expr_fail(p, p->col, "number '%.*s' is too large",
		    (int)len, p->p);
	p->tok.kind = T_NUM;
	p->tok.len = len;
	return 0;
}

/* Classify the non-ASCII character at p->p. */
static void
lex_unicode(struct parser *p)
{
	const struct expr_alias *a;
	long cp;

	for (a = expr_aliases; a->utf8 != NULL; a++) {
		if (strncmp(p->p, a->utf8, strlen(a->utf8)) == 0) {
			p->tok.kind = a->kind;
			p->tok.ch = a->ch;
			p->tok.len = strlen(a->utf8);
			return;
		}
	}
	p->tok.kind = T_BAD;
	p->tok.len = utf8_decode(p->p, &cp);
}

/* Whether c is an ASCII letter (names start with one). */
static int
is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether c may continue a name. */
static int
is_name_char(int c)
{
	return is_letter(c) || (c >= '0' && c <= '9') || c == '_';
}

/* Read the token at p->p, skipping white space. */
static int
lex_token(struct parser *p)
{
	unsigned char c;

	for (;;) {
		c = (unsigned char)*p->p;
		memset(&p->tok, 0, sizeof p->tok);
		p->tok.s = p->p;
		p->tok.col = p->col;
		if (c == '\0') {
			p->tok.kind = T_END;
			return 0;
		}
		if (strchr(" \t\n\r\v\f", c) != NULL) {
			p->tok.kind = T_SPACE;
			p->tok.len = 1;
		} else if ((c >= '0' && c <= '9') ||
		    (c == '.' && p->p[1] >= '0' && p->p[1] <= '9')) {
			if (lex_number(p) != 0)
				return -1;
		} else if (is_letter(c)) {
			p->tok.kind = T_NAME;
			while (is_name_char(p->p[p->tok.len]))
				p->tok.len++;
		} else if (strchr("+-*/^()", c) != NULL) {
			p->tok.kind = T_PUNCT;
			p->tok.ch = c;
			p->tok.len = 1;
		} else if (c >= 0x80)
			lex_unicode(p);
		else {
			p->tok.kind = T_BAD;
			p->tok.len = 1;
		}
		p->p += p->tok.len;
		p->col += (c < 0x80) ? (int)p->tok.len : 1;
		if (p->tok.kind != T_SPACE)
			return 0;
	}
}

/* Advance to the next token, remembering the current one. */
static int
lex_next(struct parser *p)
{
	p->prev = p->tok;
	return lex_token(p);
}

/* Whether the current token is the operator c. */
static int
tok_is(const struct parser *p, int c)
{
	return p->tok.kind == T_PUNCT && p->tok.ch == c;
}

/* ---- the parser ------------------------------------------------------- */

static int parse_expr(struct parser *);
static int parse_unary(struct parser *);

/* Whether the current token could start an operand. */
static int
tok_starts_operand(const struct parser *p)
{
	return p->tok.kind == T_NUM || p->tok.kind == T_NAME || tok_is(p, '(');
}

/* Fail on two operands side by side ("2x"), showing the product when
 * both are short words. */
static int
implicit_product(struct parser *p, const char *prev, const char *what)
{
	const struct token *a = &p->prev, *b = &p->tok;

	if ((a->kind == T_NUM || a->kind == T_NAME) && a->len <= 24 &&
	    (b->kind == T_NUM || b->kind == T_NAME) && b->len <= 24)
		return sd_expr_fail(p, b->col, "expected an operator between "
		    "%s and %s (implicit multiplication is not accepted: write "
		    "%.*s*%.*s)", prev, what, (int)a->len, a->s, (int)b->len,
		    b->s);
	return sd_expr_fail(p, b->col, "expected an operator between %s and %s "
	    "(implicit multiplication is not accepted: write '*')", prev,
	    what);
}

/* Fail where an operator, a ')' closing the '(' at open_col (when not 0)
 * or the end was expected. */
static int
expect_operator(struct parser *p, int open_col)
{
	char what[64], prev[64];

	tok_describe(&p->tok, what, sizeof what);
	tok_describe(&p->prev, prev, sizeof prev);
	if (tok_starts_operand(p))
		return implicit_product(p, prev, what);
	if (open_col > 0 && p->tok.kind == T_END)
		return sd_expr_fail(p, p->tok.col, "expected ')' to close '(' "
		    "at column %d", open_col);
	if (open_col > 0)
		return sd_expr_fail(p, p->tok.col, "expected ')' to close '(' "
		    "at column %d, found %s", open_col, what);
	if (tok_is(p, ')'))
		return sd_expr_fail(p, p->tok.col, "unbalanced ')': there is "
		    "no '(' before it to close");
	return sd_expr_fail(p, p->tok.col, "expected an operator (+ - * / ^) "
	    "after %s, found %s", prev, what);
}

/* Parse an expression in parentheses whose '(' is the current token. */
static int
parse_group(struct parser *p)
{
	int open_col = p->tok.col;

	if (lex_next(p) != 0 || parse_expr(p) != 0)
		return -1;
	if (!tok_is(p, ')'))
		return expect_operator(p, open_col);
	return lex_next(p);
}

/* Fail on an unknown name, listing the known ones. */
static int
unknown_name(struct parser *p)
{
	char known[256], hint[96] = "";
	const struct token *t = &p->tok;
	size_t i;

	expr_known_names(known, sizeof known);
	/* "xy" is most likely x*y. */
	if (t->len > 1 && t->len < 16 && strspn(t->s, "xy") >= t->len) {
		snprintf(hint, sizeof hint, " (implicit multiplication is "
		    "not accepted: write %c", t->s[0]);
		for (i = 1; i < t->len; i++)
			snprintf(hint + strlen(hint), sizeof hint -
			    strlen(hint), "*%c", t->s[i]);
		snprintf(hint + strlen(hint), sizeof hint - strlen(hint),
		    ")");
	}
	if (t->len > 24)
		return sd_expr_fail(p, t->col, "unknown name '%.20s...': "
		    "expected %s", t->s, known);
	return sd_expr_fail(p, t->col, "unknown name '%.*s'%s: expected %s",
	    (int)t->len, t->s, hint, known);
}

/* Whether the current token is the name s. */
static int
tok_named(const struct parser *p, const char *s)
{
	return p->tok.len == strlen(s) && strncmp(p->tok.s, s, p->tok.len) == 0;
}

/* A name: x, y, a constant, or a function applied to (expr). */
static int
parse_name(struct parser *p)
{
	char what[64];
	size_t i, start;

	if (tok_named(p, "x") || tok_named(p, "y")) {
		if (sd_expr_emit(p, *p->tok.s == 'x' ? OP_X : OP_Y, 0, 0,
		    0) != 0)
			return -1;
		return lex_next(p);
	}
	for (i = 0; expr_consts[i].name != NULL; i++) {
		if (tok_named(p, expr_consts[i].name)) {
			if (sd_expr_emit(p, OP_CONST, expr_consts[i].value, 0,
			    0) != 0)
				return -1;
			return lex_next(p);
		}
	}
	for (i = 0; sd_expr_funcs[i].name != NULL; i++) {
		if (tok_named(p, sd_expr_funcs[i].name))
			break;
	}
	if (sd_expr_funcs[i].name == NULL)
		return unknown_name(p);
	if (lex_next(p) != 0)
		return -1;
	if (!tok_is(p, '(')) {
		tok_describe(&p->tok, what, sizeof what);
		return sd_expr_fail(p, p->tok.col, "expected '(' after '%s', "
		    "found %s", sd_expr_funcs[i].name, what);
	}
	start = p->n;
	if (parse_group(p) != 0)
		return -1;
	return sd_expr_emit_func(p, start, (int)i);
}

/* primary: number | name | name(expr) | (expr). */
static int
parse_primary(struct parser *p)
{
	char what[64], prev[80];

	if (p->tok.kind == T_NUM) {
		if (sd_expr_emit(p, OP_CONST, p->tok.num, 0, 0) != 0)
			return -1;
		return lex_next(p);
	}
	if (p->tok.kind == T_NAME)
		return parse_name(p);
	if (tok_is(p, '('))
		return parse_group(p);
	tok_describe(&p->tok, what, sizeof what);
	if (p->prev.s == NULL)
		snprintf(prev, sizeof prev, "at the start of the formula");
	else {
		snprintf(prev, sizeof prev, "after ");
		tok_describe(&p->prev, prev + 6, sizeof prev - 6);
	}
	return sd_expr_fail(p, p->tok.col, "expected an operand (a number, x, "
	    "y, pi, e, a function or '(') %s, found %s", prev, what);
}

/* postfix: primary followed by any superscripts ² ³. */
static int
parse_postfix(struct parser *p)
{
	size_t a = p->n, b;

	if (parse_primary(p) != 0)
		return -1;
	while (p->tok.kind == T_SUP) {
		b = p->n;
		if (sd_expr_emit(p, OP_CONST, p->tok.ch, 0, 0) != 0 ||
		    sd_expr_emit_binary(p, OP_POW, a, b) != 0 ||
		    lex_next(p) != 0)
			return -1;
	}
	return 0;
}

/* power: postfix [^ unary]; right associative through unary. */
static int
parse_power(struct parser *p)
{
	size_t a = p->n, b;

	if (parse_postfix(p) != 0)
		return -1;
	if (!tok_is(p, '^'))
		return 0;
	if (lex_next(p) != 0)
		return -1;
	b = p->n;
	if (parse_unary(p) != 0)
		return -1;
	return sd_expr_emit_binary(p, OP_POW, a, b);
}

/* unary: (- | +) unary | power. Every nesting passes here, so this is
 * where the depth is bounded. */
static int
parse_unary(struct parser *p)
{
	size_t start = p->n;
	int neg, rc;

	if (++p->nest > EXPR_NEST_MAX)
		return sd_expr_fail(p, p->tok.col, "formula nested too deeply: "
		    "at most %d levels of parentheses, signs and powers",
		    EXPR_NEST_MAX);
	if (tok_is(p, '-') || tok_is(p, '+')) {
		neg = tok_is(p, '-');
		rc = lex_next(p) != 0 || parse_unary(p) != 0 ? -1 : 0;
		if (rc == 0 && neg)
			rc = sd_expr_emit_neg(p, start);
	} else
		rc = parse_power(p);
	p->nest--;
	return rc;
}

/* term: unary ((* | /) unary)*. */
static int
parse_term(struct parser *p)
{
	size_t a = p->n, b;
	int op;

	if (parse_unary(p) != 0)
		return -1;
	while (tok_is(p, '*') || tok_is(p, '/')) {
		op = tok_is(p, '*') ? OP_MUL : OP_DIV;
		if (lex_next(p) != 0)
			return -1;
		b = p->n;
		if (parse_unary(p) != 0 ||
		    sd_expr_emit_binary(p, op, a, b) != 0)
			return -1;
	}
	return 0;
}

/* expr: term ((+ | -) term)*. */
static int
parse_expr(struct parser *p)
{
	size_t a = p->n, b;
	int op;

	if (parse_term(p) != 0)
		return -1;
	while (tok_is(p, '+') || tok_is(p, '-')) {
		op = tok_is(p, '+') ? OP_ADD : OP_SUB;
		if (lex_next(p) != 0)
			return -1;
		b = p->n;
		if (parse_term(p) != 0 || sd_expr_emit_binary(p, op, a, b) != 0)
			return -1;
	}
	return 0;
}

/* Bound the work a formula can ask for: its cost is linear in its length
 * (60,000 terms took 40 s to find points), so the length is capped; the
 * caret goes under the first character past the cap. */
static int
check_length(struct parser *p)
{
	const char *t;
	long cp;
	int col = 1;

	if (strlen(p->p) <= EXPR_TEXT_MAX)
		return 0;
	for (t = p->p; t < p->p + EXPR_TEXT_MAX; col++)
		t += utf8_decode(t, &cp);
	return sd_expr_fail(p, col, "formula too long: %zu bytes, at most %d",
	    strlen(p->p), EXPR_TEXT_MAX);
}

int
sd_expr_parse(struct parser *p)
{
	if (check_length(p) != 0 || lex_token(p) != 0)
		return -1;
	if (p->tok.kind == T_END)
		return sd_expr_fail(p, 1, "empty formula: expected an "
		    "expression in x and y, such as x^2 - y^2");
	if (parse_expr(p) != 0)
		return -1;
	if (p->tok.kind != T_END)
		return expect_operator(p, 0);
	return 0;
}

/* ---- the usage message ------------------------------------------------ */

/* Append characters [from, to) of the formula as one safe line: white
 * space and control characters become spaces, undecodable bytes '?', one
 * column each. */
static size_t
format_formula(char *out, const char *text, long from, long to)
{
	size_t len, o = 0;
	long cp, i;

	for (i = 0; *text != '\0' && i < to; i++, text += len) {
		len = utf8_decode(text, &cp);
		if (i < from)
			continue;
		if (cp >= 0x20 && cp != 0x7f && (cp < 0x80 || cp >= 0xa0)) {
			memcpy(out + o, text, len);
			o += len;
		} else
			out[o++] = (cp >= 0 && cp < 0x80) ? ' ' : '?';
	}
	return o;
}

/* The characters of the formula's line: at most EXPR_SHOW_MAX around the
 * caret (column, from 1) of n; returns the first and sets *to. */
static long
format_window(long n, long column, long *to)
{
	long from = column - 1 - EXPR_SHOW_MAX / 2;

	if (from + EXPR_SHOW_MAX > n)
		from = n - EXPR_SHOW_MAX;
	if (from < 0)
		from = 0;
	*to = from + EXPR_SHOW_MAX;
	return from;
}

char *
sd_expr_error_format(const char *text, const sd_expr_error *err)
{
	static const char ellipsis[] = "\u2026";
	size_t size, o;
	long n, from, to, i;
	const char *t;
	char *s;

	if (text == NULL)
		text = "";
	if (err->column <= 0 || text[strspn(text, " \t\n\r\v\f")] == '\0')
		return strdup(err->message);
	for (n = 0, t = text; *t != '\0'; n++)
		t += utf8_decode(t, &i);
	from = format_window(n, err->column, &to);
	size = strlen(text) + EXPR_SHOW_MAX + strlen(err->message) + 64;
	if ((s = malloc(size)) == NULL)
		return NULL;
	/* A long formula is elided around the caret: the line stays short. */
	o = (size_t)snprintf(s, size, "bad formula at column %d:\n  %s",
	    err->column, from > 0 ? ellipsis : "");
	o += format_formula(s + o, text, from, to);
	o += (size_t)snprintf(s + o, size - o, "%s\n", to < n ? ellipsis : "");
	for (i = 0; i < err->column + 1 - from + (from > 0); i++)
		s[o++] = ' ';
	snprintf(s + o, size - o, "^\n  %s", err->message);
	return s;
}
