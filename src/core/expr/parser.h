/* SPDX-License-Identifier: GPL-3.0-or-later */
/* parser.h: what the formula parser (parse.c) and the code emitter
 * (compile.c) share: the parser's state, which holds the code emitted so
 * far, and the calls each makes into the other. Private to src/core/expr. */
#ifndef SADDLE_EXPR_PARSER_H
#define SADDLE_EXPR_PARSER_H

#include <stddef.h>

#include "expr/expr.h"
#include "expr/expr_impl.h"

#define EXPR_NEST_MAX	40	/* nested parentheses, signs and exponents;
				 * 3 × this + 1 ≤ EXPR_STACK_MAX */
#define EXPR_NUMBER_MAX	512	/* longest number, in bytes */

enum tok_kind { T_END, T_NUM, T_NAME, T_PUNCT, T_SUP, T_SPACE, T_BAD };

struct token {
	enum tok_kind	 kind;
	const char	*s;	/* first byte in the text */
	size_t		 len;	/* bytes */
	int		 col;	/* column of the first character */
	int		 ch;	/* T_PUNCT: the ASCII operator; T_SUP: 2 or 3 */
	double		 num;	/* T_NUM */
};

/* The parser's state: the text being read and the code emitted so far. */
struct parser {
	const char	*p;		/* next byte to read */
	int		 col;		/* its column */
	struct token	 tok;		/* the current token */
	struct token	 prev;		/* the one before, for messages */
	int		 nest;		/* parse_unary recursion depth */
	struct instr	*code;		/* emitted so far */
	size_t		 n, cap;
	sd_expr_error	*err;
};

/* Record the first error at col (0: none to point at) in p->err;
 * returns -1. */
int sd_expr_fail(struct parser *p, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Parse p's whole text (p->p at its start, p->col 1), emitting its code
 * into p->code; -1 with p->err set on the first error. */
int sd_expr_parse(struct parser *p);

/* ---- emitting, with simplification (compile.c) ------------------------- */

/* Append one instruction. */
int sd_expr_emit(struct parser *p, int op, double k, int n, int fn);

/* −(the code from start on). */
int sd_expr_emit_neg(struct parser *p, size_t start);

/* Function fn of the code from start on. */
int sd_expr_emit_func(struct parser *p, size_t start, int fn);

/* a op b, the operands' code from a to b and from b to the end. */
int sd_expr_emit_binary(struct parser *p, int op, size_t a, size_t b);

#endif
