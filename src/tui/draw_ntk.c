/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_ntk.c: the NTK overlay (overlay_ntk.c) over the plot: the level
 * lines of the objective's NTK twin at the heatmap's own levels, so that
 * where the model is faithful its lines run along the bands' edges and
 * where it is not they cross them. Braille dots (a line four times finer
 * than the bands' half blocks), each cell dark on light and light on dark
 * as the arrows are, so that every band, in every depth, shows them;
 * without colour they are bold dots over the density ramp, and the
 * legend in the plot's top-left corner says what they are. */
#include "config.h"

#include <stdlib.h>

#include "dots.h"
#include "draw_parts.h"

/* The lines into d, each dot in the colour that stands out on the cell
 * under it. */
static void
ntk_lines(draw_ctx *ctx, canvas_rect r, const overlay_ntk *n,
    const int *band, dots *d)
{
	const canvas_cell *c;
	size_t x, y;

	for (y = 0; y < n->rows; y++) {
		for (x = 0; x < n->cols; x++) {
			if (!draw_band_edge(band, n->cols, n->rows, x, y) ||
			    (c = canvas_at(ctx->cv, r.x + (int)x / 2,
			    r.y + (int)y / 4)) == NULL)
				continue;
			dots_set(d, (int)x, (int)y,
			    draw_contrast(ctx, dots_cell_background(c)));
		}
	}
}

/* Paint the dots: braille, or 'o' where the terminal has none (the
 * density ramp has '*'); bold without colour, over the ramp. */
static void
ntk_blit(draw_ctx *ctx, canvas_rect r, const dots *d)
{
	const canvas_cell *c;
	char glyph[4] = "o";
	int i, j, braille = canvas_has(ctx->cv, "⠁");
	size_t k;

	for (j = 0; j < d->h; j++) {
		for (i = 0; i < d->w; i++) {
			k = (size_t)j * (size_t)d->w + (size_t)i;
			if (d->bits[k] == 0 ||
			    (c = canvas_at(ctx->cv, r.x + i, r.y + j)) == NULL)
				continue;
			if (braille)
				dots_glyph(d->bits[k], glyph);
			canvas_set(ctx->cv, r.x + i, r.y + j, glyph, d->fg[k],
			    ctx->depth == COLOR_NONE ? CANVAS_DEFAULT :
			    dots_cell_background(c), ctx->depth == COLOR_NONE ?
			    CANVAS_BOLD : 0);
		}
	}
}

/* The legend: what the lines are, or that they are being computed. */
static void
ntk_legend(draw_ctx *ctx, canvas_rect r, const overlay_ntk *n)
{
	const char *what = n->f == NULL ? " ⣀⣀ NTK overlay: computing… " :
	    n->model ? " ⣀⣀ levels of the network (ntk=0) " :
	    " ⣀⣀ levels of the NTK model, linearized at θ₀ ";
	const char *ascii = n->f == NULL ? " oo NTK overlay: computing... " :
	    n->model ? " oo levels of the network (ntk=0) " :
	    " oo levels of the NTK model, linearized at theta0 ";

	canvas_text(ctx->cv, r.x, r.y, r.w, ctx->cv->ascii ? ascii : what,
	    draw_fg(ctx, ctx->th->text), CANVAS_DEFAULT, CANVAS_REVERSE);
}

void
draw_ntk(draw_ctx *ctx, const view *v, canvas_rect r, const overlay_ntk *n)
{
	int *band;
	size_t k, m;
	dots d;

	if (!n->on)
		return;
	if (n->f != NULL && n->cols == 2 * (size_t)r.w &&
	    n->rows == 4 * (size_t)r.h && v->field.valid &&
	    (band = malloc(n->cols * n->rows * sizeof *band)) != NULL) {
		m = n->cols * n->rows;
		for (k = 0; k < m; k++)
			band[k] = view_band(v, n->f[k]);
		if (dots_init(&d, r.w, r.h) == 0) {
			ntk_lines(ctx, r, n, band, &d);
			ntk_blit(ctx, r, &d);
			dots_done(&d);
		}
		free(band);
	}
	ntk_legend(ctx, r, n);
}
