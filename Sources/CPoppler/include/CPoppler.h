#ifndef DOSSIER_CPOPPLER_H
#define DOSSIER_CPOPPLER_H

// A small C interface over poppler's core library (the one pdftotext and pdftoppm use), for
// Dossier's Poppler wrapper: open a PDF, read a page's text with one box per code point, measure
// the share of a page covered by images, render a page in grey. Nothing else of poppler is
// exposed, and no glib, gobject or cairo is loaded.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An open PDF: owns poppler's document. Not thread-safe: one per thread.
typedef struct dossier_pdf dossier_pdf;

/// Why a PDF could not be opened.
typedef enum {
    DOSSIER_PDF_OPENED = 0,
    DOSSIER_PDF_ENCRYPTED = 1,
    DOSSIER_PDF_DAMAGED = 2,
    DOSSIER_PDF_UNREADABLE = 3,
} dossier_pdf_open_status;

/// A box in points, top-left origin.
typedef struct {
    double x1, y1, x2, y2;
} dossier_pdf_box;

/// A page's text as UTF-8 and, when asked for, one box per Unicode code point of it (spaces and
/// line ends get the box of the character before them; without boxes, `boxes` is NULL and
/// `box_count` 0). Both point into `storage`; free with dossier_pdf_text_free.
typedef struct {
    const char *utf8;
    size_t length;
    const dossier_pdf_box *boxes;
    size_t box_count;
    void *storage;
} dossier_pdf_text;

/// A page rendered as 8-bit grey, row-major without padding, 0 black. Free with dossier_pdf_gray_free.
typedef struct {
    unsigned char *pixels;
    int width;
    int height;
} dossier_pdf_gray;

/// Opens the PDF at `path` (a file system path) with `password` (may be NULL). On failure returns
/// NULL, sets `status` and writes a reason (no document text) into `message`.
dossier_pdf *dossier_pdf_open(const char *path, const char *password, dossier_pdf_open_status *status,
                              char *message, size_t message_size);
void dossier_pdf_close(dossier_pdf *pdf);

int dossier_pdf_page_count(const dossier_pdf *pdf);

/// The size in points of 1-based `page` as it is displayed (crop box, turned by the page's
/// rotation). Returns 0 when there is no such page.
int dossier_pdf_page_size(dossier_pdf *pdf, int page, double *width, double *height);

/// The text of 1-based `page` in reading order: words of a line separated by one space where
/// the layout has a space, lines by a line feed; a space is also put back between neighbouring
/// characters of a line that sit apart (see dossier_pdf_space_glyphs), as poppler glues table
/// cells and section numbers to the next word. With `with_boxes`, one box per code point.
/// Returns 0 when there is no such page.
int dossier_pdf_page_text(dossier_pdf *pdf, int page, int with_boxes, dossier_pdf_text *text);
void dossier_pdf_text_free(dossier_pdf_text *text);

/// The spacing of dossier_pdf_page_text applied to `count` code points and their boxes: a space
/// goes before each character that follows a non-space character on the same line (vertical
/// centres less than half the taller glyph apart) further away than a quarter of that height.
/// The result has boxes; free it with dossier_pdf_text_free.
void dossier_pdf_space_glyphs(const uint32_t *scalars, const dossier_pdf_box *boxes, size_t count,
                              dossier_pdf_text *text);

/// The share (0-1) of 1-based `page` covered by images; overlapping images count twice, so
/// the sum is capped at 1. Returns a negative value when there is no such page.
double dossier_pdf_page_image_coverage(dossier_pdf *pdf, int page);

/// Renders 1-based `page` at `dpi` in grey on white, as a printout shows it, into an image of
/// `width` × `height` pixels from its top left. Returns 0 and writes a reason into `message` when
/// it fails.
int dossier_pdf_render_gray(dossier_pdf *pdf, int page, double dpi, int width, int height, dossier_pdf_gray *image,
                            char *message, size_t message_size);
void dossier_pdf_gray_free(dossier_pdf_gray *image);

#ifdef __cplusplus
}
#endif

#endif
