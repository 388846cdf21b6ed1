#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# figure_check.py: what tests/test_figure.sh asserts about a figure file,
# one check per line of output ("ok WHAT" or "not ok WHAT: why").
#
#   figure_check.py svg FILE POINTS_CSV THEME NAME   the SVG's content
#   figure_check.py png FILE W H                     signature and size
import collections
import re
import struct
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'


def say(good, what, why=''):
    print(('ok ' if good else 'not ok ') + what + ('' if good else ': ' + why))


def theme_colors(path):
    """The theme's colours by key, as (r, g, b) tuples."""
    keys = {}
    for line in open(path, encoding='utf-8'):
        words = line.split()
        if len(words) >= 2 and not words[0].startswith('#'):
            keys[words[0]] = [tuple(int(w[i:i + 2], 16) for i in (1, 3, 5))
                              for w in words[1:] if re.fullmatch(r'#[0-9a-fA-F]{6}', w)]
    return keys


def rgb(style, what):
    """The fill or stroke colour of a cairo style attribute, 0-255."""
    m = re.search(what + r':rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\)', style)
    return tuple(round(float(x) * 2.55) for x in m.groups()) if m else None


def drawn_paths(root):
    """The <path> elements outside <defs> (which hold the font's glyphs)."""
    defs = {id(p) for d in root.iter(SVG + 'defs') for p in d.iter(SVG + 'path')}
    return [p for p in root.iter(SVG + 'path') if id(p) not in defs]


def check_svg(path, points_csv, theme, name):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        say(False, 'the SVG is well-formed XML', str(e))
        return
    say(True, 'the SVG is well-formed XML')
    say(root.tag == SVG + 'svg' and root.get('width') == '1200px' and
        root.get('height') == '800px', 'an <svg> of 1200x800 px',
        '%s %s %s' % (root.tag, root.get('width'), root.get('height')))
    title = root.find(SVG + 'title')
    say(title is not None and name in title.text, 'its <title> names ' + name,
        repr(title.text if title is not None else None))
    colors = theme_colors(theme)
    paths = drawn_paths(root)
    strokes = collections.Counter()
    fills = collections.Counter()
    for p in paths:
        style = p.get('style', '')
        segments = len(re.findall(r'[LC] ', p.get('d', '')))
        if 'stroke:rgb' in style and segments >= 20:
            strokes[rgb(style, 'stroke')] += 1
        if 'fill:rgb' in style:
            fills[rgb(style, 'fill')] += 1
    for k, c in enumerate(colors['paths'][:2]):
        say(strokes[c] >= 1, 'racer %d drawn as a vector polyline of its colour' % (k + 1),
            'strokes by colour: %s' % dict(strokes))
    contour = colors['contour'][0]
    say(strokes[contour] >= 11, 'the 11 contour levels drawn as vector paths',
        '%d long paths stroked %s' % (strokes[contour], contour))
    kinds = collections.Counter(line.split(',')[0] for line in
                                open(points_csv).read().splitlines()[1:])
    say(sum(kinds.values()) == 9, 'himmelblau has 9 stationary points', str(kinds))
    for kind, key in (('min', 'min'), ('saddle', 'saddle'), ('max', 'max')):
        want = kinds[kind] + 1      # and its key in the legend
        got = fills[colors[key][0]]
        say(got == want, 'one %s marker per %s point and one in the legend (%d)'
            % (kind, kind, want), 'got %d' % got)


def check_png(path, width, height):
    data = open(path, 'rb').read(33)
    say(data[:8] == b'\x89PNG\r\n\x1a\n', 'the PNG signature', repr(data[:8]))
    say(data[12:16] == b'IHDR', 'the IHDR chunk first', repr(data[12:16]))
    w, h = struct.unpack('>II', data[16:24])
    say((w, h) == (width, height), 'IHDR says %dx%d' % (width, height), '%dx%d' % (w, h))


if __name__ == '__main__':
    if sys.argv[1] == 'svg':
        check_svg(*sys.argv[2:6])
    else:
        check_png(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
