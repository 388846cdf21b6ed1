/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_util.c: error reporting and number/JSON output shared by the
 * subcommands (see cli.h). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "landscape/chart.h"
#include "cli.h"
#include "base/error.h"
#include "expr/expr.h"
#include "base/params.h"

/* Write s to stderr with its control characters escaped (\n, \t, \r,
 * \xHH; C1 controls as \uHHHH), so that text from a file or an argument
 * can neither break the message's line nor drive the terminal; newlines
 * stay when lines is set (a formula's caret layout, whose formula line
 * the core has made safe). */
static void
cli_put_safe(const char *s, int lines)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\n' && lines)
			fputc('\n', stderr);
		else if (*p == '\n' || *p == '\t' || *p == '\r')
			fprintf(stderr, "\\%c", *p == '\n' ? 'n' :
			    *p == '\t' ? 't' : 'r');
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			fprintf(stderr, "\\u%04x", *++p);
		else
			fputc(*p, stderr);
	}
}

/* What messages are about (cli_where), or NULL. */
static const char *cli_about;

void
cli_where(const char *where)
{
	cli_about = where;
}

/* "saddle: MSG" and a newline on stderr, MSG made safe. */
static void
cli_say(const char *msg, int lines)
{
	fputs("saddle: ", stderr);
	if (cli_about != NULL) {
		cli_put_safe(cli_about, 0);
		fputs(": ", stderr);
	}
	cli_put_safe(msg, lines);
	fputc('\n', stderr);
}

int
cli_usage_error(char *cause)
{
	cli_say(cause ? cause : "usage error", 0);
	free(cause);
	return CLI_EXIT_USAGE;
}

int
cli_formula_error(char *cause)
{
	cli_say(cause ? cause : "bad formula", 1);
	free(cause);
	return CLI_EXIT_USAGE;
}

int
cli_usage(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = sd_vprintf(fmt, ap);
	va_end(ap);
	cli_say(msg ? msg : "usage error (out of memory)", 0);
	free(msg);
	return CLI_EXIT_USAGE;
}

int
cli_runtime_error(char *cause)
{
	cli_say(cause ? cause : "failed", 0);
	free(cause);
	return CLI_EXIT_RUNTIME;
}

int
cli_close_stdout(int rc)
{
	int failed, err;

	/* ferror catches a write that failed earlier and was never checked;
	 * fclose flushes what is still buffered. */
	failed = ferror(stdout);
	err = 0;
	/* A write that failed earlier left its errno to whatever ran after
	 * it, and the C library may have dropped the buffer, so fclose can
	 * succeed.  An empty write asks the file again: a full device or a
	 * bad descriptor answers with its reason (a pipe answers 0, and the
	 * message stays "write error", as gnulib's close_stdout says). */
	if (failed && write(STDOUT_FILENO, "", 0) < 0)
		err = errno;
	if (fclose(stdout) != 0) {
		failed = 1;
		if (err == 0)
			err = errno;
	}
	if (failed) {
		if (err != 0)
			fprintf(stderr, "saddle: write error: %s\n",
			    strerror(err));
		else
			fputs("saddle: write error\n", stderr);
		if (rc == CLI_EXIT_OK)
			rc = CLI_EXIT_RUNTIME;
	}
	if (fclose(stderr) != 0 && rc == CLI_EXIT_OK)
		rc = CLI_EXIT_RUNTIME;
	return rc;
}

int
cli_parse_format(const char *word, cli_format *format)
{
	if (strcmp(word, "csv") == 0)
		*format = CLI_FORMAT_CSV;
	else if (strcmp(word, "json") == 0)
		*format = CLI_FORMAT_JSON;
	else
		return cli_usage("--format: unknown format '%s': expected csv "
		    "or json", word);
	return 0;
}

int
cli_whole(const char *what, const char *word, unsigned long lo,
    unsigned long hi, unsigned long *out)
{
	char *cause = NULL;

	if (sd_whole_parse(what, word, lo, hi, out, &cause) != 0)
		return cli_usage_error(cause);
	return 0;
}

int
cli_steps_fit(double steps, size_t traces, size_t dim)
{
	double per = (double)traces * (double)(dim + 2);

	if (steps * per <= CLI_TRACE_MAX)
		return 0;
	return cli_usage("--steps: %.0f steps of %zu run%s in dimension %zu "
	    "would keep %.0f MB of iterates: expected at most %.0f steps",
	    steps, traces, traces == 1 ? "" : "s", dim,
	    steps * per * sizeof(double) / 1e6, floor(CLI_TRACE_MAX / per));
}

int
cli_seed(const char *word, unsigned long *out)
{
	char *cause = NULL;

	if (sd_seed_parse("--seed", word, out, &cause) != 0)
		return cli_usage_error(cause);
	return 0;
}

int
cli_tolerance(const char *word, double *out)
{
	char *cause = NULL;

	if (sd_tolerance_parse("--tol", word, out, &cause) != 0)
		return cli_usage_error(cause);
	return 0;
}

int
cli_bad_option(const char *cmd, const char *word, const char *valid)
{
	if (word != NULL && word[0] == '-')
		return cli_usage("%s: unknown option or missing value in '%s':"
		    " expected %s", cmd, word, valid);
	return cli_usage("%s: unexpected argument '%s': expected %s", cmd,
	    word ? word : "", valid);
}

int
cli_with_help(const struct option *longopts, struct option *out,
    size_t max)
{
	static const struct option help = { "help", no_argument, NULL, 'h' };
	size_t n = 0;

	while (longopts[n].name != NULL)
		n++;
	if (n + 2 > max)
		return -1;
	memcpy(out, longopts, n * sizeof *out);
	out[n] = help;
	memset(&out[n + 1], 0, sizeof *out);
	return 0;
}

int
cli_parse(int argc, char **argv, const struct option *longopts,
    const char *valid, cli_option_fn option, void *ctx,
    const char **positional)
{
	struct option table[CLI_OPTIONS_MAX];
	char buf[256];
	int ch, rc;

	if (cli_with_help(longopts, table, CLI_OPTIONS_MAX) != 0)
		return cli_runtime_error(sd_printf("%s: too many options",
		    argv[0]));
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":e:h", table, NULL)) != -1) {
		if (ch == 'h')
			return cli_help_command(argv[0]);
		if (ch == '?' || ch == ':' ||
		    (rc = option(ch, optarg, ctx)) < 0)
			return cli_bad_option(argv[0], argv[optind - 1], valid);
		if (rc > 0)
			return rc;
	}
	*positional = optind < argc ? argv[optind++] : NULL;
	if (optind < argc) {
		snprintf(buf, sizeof buf, "one OBJECTIVE and %s", valid);
		return cli_bad_option(argv[0], argv[optind], buf);
	}
	return 0;
}

int
cli_objective(const char *spec, sd_objective **obj)
{
	char *cause = NULL;

	if ((*obj = sd_objective_new(spec, &cause)) == NULL)
		return cli_usage_error(cause);
	return 0;
}

int
cli_objective_arg(const char *cmd, const char *spec, const char *expr,
    sd_objective **obj)
{
	char *cause = NULL;

	if (spec != NULL && expr != NULL)
		return cli_usage("%s: both OBJECTIVE '%s' and -e given: "
		    "expected one of them", cmd, spec);
	if (spec == NULL && expr == NULL)
		return cli_usage("%s: missing OBJECTIVE: expected a name from "
		    "`saddle list objectives` or -e 'FORMULA'", cmd);
	if (spec != NULL)
		return cli_objective(spec, obj);
	if ((*obj = sd_objective_new_expr(expr, &cause)) == NULL)
		return cli_formula_error(cause);
	return 0;
}

int
cli_chart_error(char *cause)
{
	const char *why = cause ? cause : "invalid";
	int rc;

	/* The core's messages start "chart: "; the option names it. */
	if (strncmp(why, "chart: ", 7) == 0)
		why += 7;
	rc = cli_usage("--chart: %s", why);
	free(cause);
	return rc;
}

int
cli_chart(const char *text, const sd_objective *obj, sd_chart *chart)
{
	const sd_chart_choice_type *t;
	char *cause = NULL, list[256];

	if (text == NULL) {
		if (sd_chart_init_default(chart, obj, &cause) != 0)
			return cli_runtime_error(cause);
		return 0;
	}
	if ((t = sd_chart_choice_find(text)) != NULL && t->path) {
		sd_chart_choice_list(0, list, sizeof list);
		return cli_usage("--chart: '%s' needs an optimizer's path, "
		    "which only render and the visualizer have (after their "
		    "--steps): expected %s", text, list);
	}
	if (sd_chart_init_text(chart, obj, text, NULL, NULL, 0, &cause) != 0)
		return cli_chart_error(cause);
	return 0;
}

void
cli_number(FILE *fp, double v)
{
	fprintf(fp, "%.17g", v);
}

int
cli_size_parse(const char *word, long max, long *cols, long *rows)
{
	char *end;
	long c, r;

	c = strtol(word, &end, 10);
	if (end == word || (*end != 'x' && *end != 'X'))
		return -1;
	r = strtol(end + 1, &end, 10);
	if (*end != '\0' || c < 1 || c > max || r < 1 || r > max)
		return -1;
	*cols = c;
	*rows = r;
	return 0;
}

void
cli_number_or(FILE *fp, double v, const char *missing)
{
	if (isfinite(v))
		cli_number(fp, v);
	else
		fputs(missing, fp);
}

void
cli_json_string(FILE *fp, const char *s)
{
	const unsigned char *p;

	fputc('"', fp);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

void
cli_json_numbers(FILE *fp, const double *v, size_t n)
{
	size_t i;

	fputc('[', fp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', fp);
		cli_number(fp, v[i]);
	}
	fputc(']', fp);
}
