"""A tiny PDF writer for Dossier's sample and benchmark documents.

Writes born-digital PDFs with the standard Helvetica fonts in WinAnsiEncoding, so Dutch
letters such as ë and é come out as real text. Output is deterministic: the same input
gives the same bytes.
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LEFT, TOP, BOTTOM = 72, 770, 72


def _escape(text):
    raw = text.encode("cp1252", errors="replace")
    out = bytearray()
    for byte in raw:
        if byte in (0x28, 0x29, 0x5C):  # ( ) \
            out += b"\\" + bytes([byte])
        else:
            out.append(byte)
    return bytes(out)


def layout_columns(blocks, columns=2, gap=24):
    """Like layout, but sets the body text in `columns` columns side by side; a 'title' block
    spans the full width above them."""
    width = PAGE_WIDTH - 2 * LEFT
    column_width = (width - gap * (columns - 1)) / columns
    chars = int(column_width / 5.3)
    page, y_top = [], TOP
    body = []
    for style, text in blocks:
        if style == "title":
            for line in textwrap.wrap(text, width=60):
                page.append(("F2", 15, LEFT, y_top, line))
                y_top -= 22
            y_top -= 8
        else:
            body.append((style, text))
    lines = []
    for style, text in body:
        for line in textwrap.wrap(text, width=chars) or [""]:
            lines.append(line)
        lines.append("")
    # Balance the columns: the left one is filled first, the rest goes to the right.
    per_column = min((y_top - BOTTOM) // 15, -(-len(lines) // columns))
    for index, line in enumerate(lines[: per_column * columns]):
        column, row = divmod(index, per_column)
        if line:
            page.append(("F1", 11, LEFT + column * (column_width + gap), y_top - row * 15, line))
    return [page]


def layout(blocks, width_chars=88):
    """Turns blocks [(style, text)] into pages of positioned lines.

    style is 'title', 'bold', 'body' or 'blank'. Returns a list of pages; each page is a
    list of (font, size, x, y, text)."""
    pages, page, y = [], [], TOP
    for style, text in blocks:
        if style == "pagebreak":
            pages.append(page)
            page, y = [], TOP
            continue
        font, size, leading = {
            "title": ("F2", 15, 22),
            "bold": ("F2", 11, 15),
            "body": ("F1", 11, 15),
            "small": ("F1", 9, 12),
            "greek": ("F3", 12, 17),
            "mono": ("F4", 11, 15),
        }.get(style, ("F1", 11, 15))
        lines = textwrap.wrap(text, width=width_chars if size <= 11 else 60) or [""]
        for line in lines:
            if y < BOTTOM:
                pages.append(page)
                page, y = [], TOP
            page.append((font, size, LEFT, y, line))
            y -= leading
        y -= 6
    if page:
        pages.append(page)
    return pages


def _shifted_to_unicode_cmap():
    """A ToUnicode CMap that maps every letter to the next one (a -> b, z -> a): the page looks
    right, but its text layer spells nonsense, as with a broken font encoding."""
    ranges = []
    for first, last in ((0x41, 0x5A), (0x61, 0x7A)):
        for code in range(first, last + 1):
            target = first + (code - first + 1) % 26
            ranges.append(b"<%02X> <%04X>" % (code, target))
    body = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
            b"/CMapName /Dossier-Shifted def /CMapType 2 def "
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"%d beginbfchar\n%s\nendbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
            % (len(ranges), b"\n".join(ranges)))
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body)


def write_pdf(path, pages, footer=None, junk_text_layer=False):
    """Writes pages (from layout) to path; footer(n, total) gives an optional footer line.

    With junk_text_layer the fonts get a ToUnicode map that shifts every letter, so the
    rendered page is readable but extracted text is not."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    to_unicode = b""
    if junk_text_layer:
        to_unicode = b" /ToUnicode %d 0 R" % add(_shifted_to_unicode_cmap())
    font1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding%s >>" % to_unicode)
    font2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding%s >>" % to_unicode)
    # The standard Symbol font: Latin letters draw Greek ones (a -> alpha), for Greek-script pages.
    font3 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>")
    # Courier, for machine-readable zones (fixed pitch, like OCR-B).
    font4 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding%s >>" % to_unicode)
    kids = []
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        ops = []
        if footer:
            lines = lines + [("F1", 9, LEFT, 40, footer(number, total))]
        for font, size, x, y, text in lines:
            ops.append(b"BT /%s %d Tf %d %d Td (%s) Tj ET" % (font.encode(), size, x, y, _escape(text)))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page = add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R /F4 %d 0 R >> >> >>"
            % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, content, font1, font2, font3, font4)
        )
        kids.append(page)
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (index, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    with open(path, "wb") as handle:
        handle.write(out)
