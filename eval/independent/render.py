"""Renders the independent set's documents and degrades them as intake receives them.

Born-digital documents are set with reportlab (not the project's own PDF writer) in fonts
from Debian packages, in one of several layouts. Identity documents are drawn with Pillow
at 300 dpi with their MRZ in OCR-B. Copies are then scanned (200/300 dpi, skew up to 3°,
noise, tint, JPEG), photographed (perspective, vignetting, uneven light) or turned 90/180°.
"""
import io
import os
import subprocess

import numpy
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)

FONTS = {
    "LiberationSerif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "LiberationSans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "LiberationSans-Bold": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "FreeSerif": "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "FreeSerif-Bold": "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf",
    "DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "Hand": "/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf",
    "Hand2": "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
}
OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
FAMILIES = [("LiberationSerif", "LiberationSerif-Bold"), ("LiberationSans", "LiberationSans-Bold"),
            ("FreeSerif", "FreeSerif-Bold"), ("DejaVuSans", "DejaVuSans-Bold")]
_registered = False

FONT_PACKAGES = {"/usr/share/fonts/opentype/ocr-b/OCRB.otf": "fonts-ocr-b",
                 "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf": "fonts-liberation",
                 "/usr/share/fonts/truetype/freefont/FreeSerif.ttf": "fonts-freefont-ttf",
                 "/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf": "fonts-femkeklaver",
                 "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf": "fonts-dkg-handwriting",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf": "fonts-dejavu-core"}


def ensure_fonts(root):
    """Installs the font packages the set is drawn with (through scripts/setup) when missing."""
    missing = sorted({package for path, package in FONT_PACKAGES.items() if not os.path.exists(path)})
    if missing:
        env = dict(os.environ, DOSSIER_EXTRA_PACKAGES=" ".join(missing))
        subprocess.run([os.path.join(root, "scripts", "setup")], env=env, check=True)


def register_fonts():
    global _registered
    if _registered:
        return
    for name, path in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, path))
    _registered = True


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pdf(path, document, rng, meta_title=""):
    """One born-digital PDF in a layout drawn from `rng`; the footer keeps the original page
    numbers when a page was left out."""
    register_fonts()
    regular, bold = rng.choice(FAMILIES)
    if document.get("lang") == "ell":
        regular, bold = "DejaVuSans", "DejaVuSans-Bold"
    size = rng.choice([9.5, 10, 10.5, 11])
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.35, spaceAfter=size * 0.6)
    title = ParagraphStyle("title", fontName=bold, fontSize=size + rng.choice([3, 5, 7]), leading=(size + 7) * 1.3,
                           spaceBefore=6, spaceAfter=10, alignment=rng.choice([0, 1]))
    hand = ParagraphStyle("hand", fontName=rng.choice(["Hand", "Hand2"]), fontSize=size + 6, leading=size + 10)
    small = ParagraphStyle("small", fontName=regular, fontSize=size - 1.5, leading=size)
    letterhead_right = rng.random() < 0.5
    grid = rng.random() < 0.5
    footer = document.get("footer")
    total = document.get("page_numbers", len(document["pages"]))
    dropped = document.get("dropped")
    numbers = [n for n in range(1, total + 1) if n != dropped][:len(document["pages"])]

    story = []
    for index, page in enumerate(document["pages"]):
        if index:
            story.append(PageBreak())
        for block in page:
            kind = block[0]
            if kind == "title":
                story.append(Paragraph(_escape(block[1]), title))
            elif kind == "p":
                story.append(Paragraph(_escape(block[1]), body))
            elif kind == "qa":
                _, n, q, a = block
                story.append(Paragraph(f"<b>{n}. {_escape(q)}</b>", ParagraphStyle("q", parent=body, fontName=bold, spaceAfter=2)))
                story.append(Paragraph(_escape(a), ParagraphStyle("a", parent=body, leftIndent=14)))
            elif kind == "table":
                rows = [[Paragraph(_escape(c), small) for c in row] for row in block[1]]
                widths = [55 * mm, 105 * mm] if len(block[1][0]) == 2 else None
                table = Table(rows, colWidths=widths, hAlign="LEFT")
                style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3)]
                if grid:
                    style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
                else:
                    style.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
                table.setStyle(TableStyle(style))
                story += [table, Spacer(1, 8)]
            elif kind == "sign":
                story += [Spacer(1, 10), Paragraph(_escape(block[1].split(",")[0].split()[-1]), hand),
                          Paragraph(_escape(block[1]), small)]
            elif kind == "stamp":
                story.append(Spacer(1, 4))
            elif kind == "letterhead":
                continue
            elif kind == "columns":
                story += [Paragraph(_escape(text), body) for text in block[1]]
    heads = [b for page in document["pages"] for b in page if b[0] == "letterhead"]
    stamps = [b for page in document["pages"] for b in page if b[0] == "stamp"]

    def decorate(canvas, doc):
        canvas.saveState()
        page_index = canvas.getPageNumber() - 1
        if page_index == 0 and heads:
            _, org, lines = heads[0]
            x = A4[0] - 20 * mm if letterhead_right else 20 * mm
            draw = canvas.drawRightString if letterhead_right else canvas.drawString
            canvas.setFillColor(colors.HexColor(rng.choice(["#1f3a68", "#6b1d1d", "#20553a", "#333333"])))
            logo_x = 20 * mm if letterhead_right else A4[0] - 38 * mm
            canvas.rect(logo_x, A4[1] - 34 * mm, 16 * mm, 16 * mm, fill=1, stroke=0)
            canvas.setFont(bold, 13)
            draw(x, A4[1] - 22 * mm, org)
            canvas.setFont(regular, 8.5)
            canvas.setFillColor(colors.black)
            for i, line in enumerate(lines):
                draw(x, A4[1] - (27 + 4 * i) * mm, line)
        if page_index == 0 and stamps:
            canvas.setStrokeColor(colors.HexColor("#3050a0"))
            canvas.setFillColor(colors.HexColor("#3050a0"))
            canvas.translate(A4[0] - 60 * mm, 60 * mm)
            canvas.rotate(rng.uniform(-20, 20))
            canvas.circle(0, 0, 18 * mm, stroke=1, fill=0)
            canvas.setFont(bold, 9)
            canvas.drawCentredString(0, -3, stamps[0][1])
        canvas.restoreState()
        if footer and page_index < len(numbers):
            canvas.setFont(regular, 8)
            canvas.drawCentredString(A4[0] / 2, 12 * mm, footer.format(n=numbers[page_index], total=total))

    top = 45 * mm if heads else 22 * mm
    columns = any(b[0] == "columns" for page in document["pages"] for b in page)
    doc = BaseDocTemplate(path, pagesize=A4, title=meta_title, author="", creator="", invariant=1)
    width, height = A4[0] - 44 * mm, A4[1] - top - 25 * mm
    if columns:
        frames = [Frame(22 * mm, 25 * mm, width / 2 - 4 * mm, height, id="left"),
                  Frame(22 * mm + width / 2 + 4 * mm, 25 * mm, width / 2 - 4 * mm, height, id="right")]
    else:
        frames = [Frame(22 * mm, 25 * mm, width, height, id="body")]
    doc.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=decorate)])
    doc.build(story)


# ---------------------------------------------------------------- identity documents

def _font(size, path=FONTS["DejaVuSans"]):
    return ImageFont.truetype(path, size)


def draw_card(document, rng):
    """The data page of a passport (TD3, 125 × 88 mm) or an identity card (TD1, 85.6 × 54 mm)
    at 300 dpi, in colour."""
    td3 = document["format"] == "td3"
    width, height = (1476, 1039) if td3 else (1011, 638)
    base = numpy.array(rng.choice([(236, 226, 240), (222, 236, 228), (240, 232, 214), (226, 232, 244)]), dtype=float)
    y, x = numpy.mgrid[0:height, 0:width]
    wave = 10 * numpy.sin(x / rng.uniform(18, 40) + numpy.sin(y / rng.uniform(30, 70)) * 3)
    pixels = numpy.clip(base[None, None, :] + wave[:, :, None] * numpy.array([0.6, 0.4, 0.8]), 0, 255).astype(numpy.uint8)
    card = Image.fromarray(pixels, "RGB")
    draw = ImageDraw.Draw(card)
    scale = 1.0 if td3 else 0.72
    ink = (30, 30, 45)
    draw.text((int(40 * scale), int(24 * scale)), document["header"][0], font=_font(int(34 * scale), FONTS["DejaVuSans-Bold"]), fill=ink)
    draw.text((int(40 * scale), int(66 * scale)), document["header"][1], font=_font(int(28 * scale)), fill=ink)
    photo = (int(50 * scale), int(130 * scale), int(360 * scale), int(540 * scale))
    draw.rectangle(photo, fill=(200, 200, 205))
    cx, cy = (photo[0] + photo[2]) // 2, (photo[1] + photo[3]) // 2
    draw.ellipse((cx - int(90 * scale), cy - int(140 * scale), cx + int(90 * scale), cy + int(60 * scale)), fill=(150, 140, 135))
    draw.rectangle((photo[0], cy + int(70 * scale), photo[2], photo[3]), fill=(110, 110, 120))
    label_font, value_font = _font(int(19 * scale)), _font(int(29 * scale), FONTS["DejaVuSans-Bold"])
    fx, fy = int(400 * scale), int(130 * scale)
    step = int((560 * scale - 130 * scale) / max(1, len(document["fields"]))) if not td3 else 50
    for label, value in document["fields"]:
        draw.text((fx, fy), label, font=label_font, fill=(80, 60, 90))
        draw.text((fx, fy + int(20 * scale)), value, font=value_font, fill=ink)
        fy += max(step, int(50 * scale))
    # The MRZ: OCR-B at the ICAO pitch (2.54 mm per character), on a clear band.
    lines = document["mrz"]
    pitch = 30
    size = 10
    while ImageFont.truetype(OCRB, size + 1).getlength("<") <= pitch:
        size += 1
    mrz_font = ImageFont.truetype(OCRB, size)
    band_top = height - (len(lines) * 52 + 40)
    draw.rectangle((0, band_top, width, height), fill=tuple(int(v) for v in (base + 12).clip(0, 255)))
    left = (width - pitch * len(lines[0])) // 2
    for row, line in enumerate(lines):
        for col, ch in enumerate(line):
            draw.text((left + col * pitch, band_top + 24 + row * 52), ch, font=mrz_font, fill=(10, 10, 10))
    return card


# ---------------------------------------------------------------- degradation

def _noise(image, rng, sigma):
    pixels = numpy.asarray(image, dtype=numpy.int16)
    noise = numpy.random.default_rng(rng.randint(0, 10**6)).normal(0, sigma, pixels.shape)
    return Image.fromarray(numpy.clip(pixels + noise, 0, 255).astype(numpy.uint8), image.mode)


def _tint(image, rng):
    tint = numpy.array(rng.choice([(255, 248, 230), (245, 245, 255), (255, 240, 240), (240, 250, 240)]), dtype=float) / 255
    pixels = numpy.asarray(image.convert("RGB"), dtype=float) * tint[None, None, :]
    return Image.fromarray(pixels.clip(0, 255).astype(numpy.uint8), "RGB")


def _jpeg(image, quality):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def _perspective(image, rng, strength):
    w, h = image.size
    d = lambda: rng.uniform(0, strength) * min(w, h)  # noqa: E731
    # Corners of the source quadrilateral that become the output rectangle.
    quad = (d(), d(), d(), h - d(), w - d(), h - d(), w - d(), d())
    return image.transform((w, h), Image.QUAD, quad, resample=Image.BICUBIC, fillcolor=(60, 50, 45))


def _vignette(image, rng):
    w, h = image.size
    y, x = numpy.mgrid[0:h, 0:w]
    cx, cy = w * rng.uniform(0.35, 0.65), h * rng.uniform(0.35, 0.65)
    r = numpy.sqrt(((x - cx) / w) ** 2 + ((y - cy) / h) ** 2)
    light = 1.05 - rng.uniform(0.35, 0.6) * r ** 2 * 2
    pixels = numpy.asarray(image.convert("RGB"), dtype=float) * light[:, :, None]
    return Image.fromarray(pixels.clip(0, 255).astype(numpy.uint8), "RGB")


def scan_page(image, rng, dpi, grey):
    """A flatbed scan: skew up to 3°, sensor noise, sometimes tinted paper, sometimes JPEG."""
    if rng.random() < 0.5:
        image = _tint(image, rng)
    image = image.convert("L") if grey else image.convert("RGB")
    fill = 255 if grey else (250, 250, 250)
    image = image.rotate(rng.uniform(-3, 3), resample=Image.BICUBIC, fillcolor=fill, expand=True)
    image = _noise(image, rng, rng.uniform(6, 16))
    if rng.random() < 0.5:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    return image


def photo_of(image, rng):
    """A phone photo: the document on a table, in perspective, unevenly lit, JPEG."""
    w, h = image.size
    margin = int(max(w, h) * 0.12)
    table = Image.new("RGB", (w + 2 * margin, h + 2 * margin), rng.choice([(92, 70, 52), (60, 62, 70), (120, 110, 96)]))
    table = _noise(table, rng, 10)
    table.paste(image.convert("RGB"), (margin, margin))
    table = table.rotate(rng.uniform(-4, 4), resample=Image.BICUBIC, fillcolor=(70, 60, 50))
    table = _perspective(table, rng, 0.06)
    table = _vignette(table, rng)
    return _jpeg(table.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0))), rng.randint(70, 88))


def card_on_scanner(card, rng):
    """A passport or card laid on a flatbed: on a white A5-ish field, skewed, noisy."""
    w, h = card.size
    sheet = Image.new("RGB", (w + 400, h + 500), (250, 250, 250))
    sheet.paste(card, (rng.randint(60, 340), rng.randint(60, 440)))
    return scan_page(sheet, rng, 300, grey=False)


def resample(image, dpi_from, dpi_to):
    if dpi_from == dpi_to:
        return image
    w, h = image.size
    return image.resize((round(w * dpi_to / dpi_from), round(h * dpi_to / dpi_from)), Image.LANCZOS)


def rasterise(pdf, dpi, work):
    stem = os.path.join(work, "page")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", pdf, stem], check=True)
    names = sorted(n for n in os.listdir(work) if n.startswith("page") and n.endswith(".png"))
    images = [Image.open(os.path.join(work, n)).convert("RGB") for n in names]
    for n in names:
        os.remove(os.path.join(work, n))
    return images


def save_image(image, path, dpi, quality=None):
    if path.endswith(".jpg"):
        image.convert("RGB").save(path, "JPEG", quality=quality or 85, dpi=(dpi, dpi))
    elif path.endswith(".tiff"):
        image.save(path, dpi=(dpi, dpi), compression="tiff_deflate")
    else:
        image.save(path, dpi=(dpi, dpi))


def save_pages(images, path, dpi):
    """Several scanned pages as one multi-page TIFF (or PDF of images)."""
    if path.endswith(".pdf"):
        images[0].convert("RGB").save(path, "PDF", resolution=dpi, save_all=True,
                                      append_images=[i.convert("RGB") for i in images[1:]])
    else:
        images[0].save(path, dpi=(dpi, dpi), compression="tiff_deflate", save_all=True, append_images=images[1:])


def turn(image, degrees):
    return image.rotate(degrees, expand=True)
