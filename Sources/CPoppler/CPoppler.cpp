// The C interface of CPoppler.h over poppler's core C++ library.

#include "CPoppler.h"

#include <GlobalParams.h>
#include <Error.h>
#include <ErrorCodes.h>
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <SplashOutputDev.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>
#include <goo/gmem.h>
#include <splash/SplashBitmap.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <vector>

struct dossier_pdf {
    std::unique_ptr<PDFDoc> document;
};

namespace {

/// What a dossier_pdf_text points into: handed to the caller as is, without a copy.
struct PageTextStorage {
    std::string utf8;
    std::vector<dossier_pdf_box> boxes;
};

} // namespace

namespace {

/// Poppler reports syntax problems through a callback; by default it prints them, and they may
/// quote the document. Dossier reports failures itself, so poppler's messages are dropped.
void ignorePopplerMessage(ErrorCategory, Goffset, const char *) { }

/// poppler's process-wide settings, made once before the first document is opened (the
/// allocator's settings for poppler's sake are made by CBlockCache, before main).
void preparePoppler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        globalParams = std::make_unique<GlobalParams>();
        setErrorCallback(ignorePopplerMessage);
    });
}

void writeMessage(char *message, size_t size, const char *text)
{
    if (message != nullptr && size > 0) {
        std::snprintf(message, size, "%s", text);
    }
}

bool hasPage(const dossier_pdf *pdf, int page)
{
    return pdf != nullptr && page >= 1 && page <= pdf->document->getNumPages();
}

/// A code point as UTF-8; what UTF-8 cannot hold (surrogates, values past U+10FFFF, NUL) becomes
/// U+FFFD, so the text keeps one code point per glyph box.
void appendUTF8(std::string &out, Unicode scalar)
{
    if (scalar == 0 || (scalar >= 0xD800 && scalar <= 0xDFFF) || scalar > 0x10FFFF) {
        scalar = 0xFFFD;
    }
    if (scalar < 0x80) {
        out.push_back(static_cast<char>(scalar));
    } else if (scalar < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (scalar >> 6)));
        out.push_back(static_cast<char>(0x80 | (scalar & 0x3F)));
    } else if (scalar < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (scalar >> 12)));
        out.push_back(static_cast<char>(0x80 | ((scalar >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (scalar & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (scalar >> 18)));
        out.push_back(static_cast<char>(0x80 | ((scalar >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((scalar >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (scalar & 0x3F)));
    }
}

/// Builds a page's text a character at a time, putting back the spaces poppler leaves out
/// between words on one line (it glues table cells and section numbers to the next word): where
/// two neighbouring characters sit further apart than a quarter of the glyph height, a space goes
/// between them. Keeps one box per code point when asked.
class SpacedText
{
public:
    explicit SpacedText(PageTextStorage &storage, bool keepBoxes) : utf8(storage.utf8), boxes(storage.boxes), keepBoxes(keepBoxes) { }

    /// A character of the page and its box.
    void add(Unicode scalar, const dossier_pdf_box &box)
    {
        const bool isSpace = scalar == 0x20 || scalar == 0x0A || scalar == 0x09 || scalar == 0x0D || scalar == 0x0C;
        if (!isSpace && !previousIsSpace && apart(previous, box)) {
            utf8.push_back(' ');
            if (keepBoxes) {
                boxes.push_back(previous);
            }
        }
        appendUTF8(utf8, scalar);
        if (keepBoxes) {
            boxes.push_back(box);
        }
        previous = box;
        previousIsSpace = isSpace;
    }

    /// A space between words or a line feed between lines, boxed like the character before it.
    void addSeparator(char separator)
    {
        utf8.push_back(separator);
        if (keepBoxes) {
            boxes.push_back(previous);
        }
        previousIsSpace = true;
    }

    /// Two neighbouring glyphs on one line (vertical centres less than half the taller glyph
    /// apart) further apart than a quarter of that height.
    static bool apart(const dossier_pdf_box &left, const dossier_pdf_box &right)
    {
        const double height = std::max(left.y2 - left.y1, right.y2 - right.y1);
        if (!(height > 0)) {
            return false;
        }
        const double leftMiddle = (left.y1 + left.y2) / 2, rightMiddle = (right.y1 + right.y2) / 2;
        if (!(std::abs(leftMiddle - rightMiddle) < height * 0.5)) {
            return false;
        }
        return right.x1 - left.x2 > height * 0.25;
    }

private:
    std::string &utf8;
    std::vector<dossier_pdf_box> &boxes;
    const bool keepBoxes;
    dossier_pdf_box previous { 0, 0, 0, 0 };
    bool previousIsSpace = true;
};

/// The box of each character of a word, as TextWord::getCharBBox gives it, from the word's box
/// and its character edges (read inline: an out-of-line call per character was a tenth of the
/// page text's own cost). The edges run along the word's direction, a quarter turn at a time.
class CharacterBoxes
{
public:
    explicit CharacterBoxes(const TextWord *word) : word(word), rotation(word->getRotation())
    {
        word->getBBox(&xMin, &yMin, &xMax, &yMax);
    }

    dossier_pdf_box box(int character) const
    {
        const double start = word->getEdge(character), end = word->getEdge(character + 1);
        switch (rotation) {
        case 1:
            return dossier_pdf_box { xMin, start, xMax, end };
        case 2:
            return dossier_pdf_box { end, yMin, start, yMax };
        case 3:
            return dossier_pdf_box { xMin, end, xMax, start };
        default:
            return dossier_pdf_box { start, yMin, end, yMax };
        }
    }

private:
    const TextWord *word;
    const int rotation;
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
};

/// Hands `storage` to `text` (freed by dossier_pdf_text_free).
void publish(std::unique_ptr<PageTextStorage> storage, dossier_pdf_text *text)
{
    text->utf8 = storage->utf8.c_str();
    text->length = storage->utf8.size();
    text->boxes = storage->boxes.empty() ? nullptr : storage->boxes.data();
    text->box_count = storage->boxes.size();
    text->storage = storage.release();
}

/// Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms: lines holding these are
/// put in reading order by poppler's own text dump.
bool isRightToLeft(Unicode scalar)
{
    return (scalar >= 0x0590 && scalar <= 0x08FF) || (scalar >= 0xFB1D && scalar <= 0xFDFF)
        || (scalar >= 0xFE70 && scalar <= 0xFEFF);
}

/// Adds up the page area that images cover, from where each image's unit square lands.
class ImageAreaDevice final : public OutputDev
{
public:
    ImageAreaDevice(double width, double height) : pageWidth(width), pageHeight(height) { }

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return false; }
    bool interpretType3Chars() override { return false; }

    void drawImageMask(GfxState *state, Object *ref, Stream *str, int width, int height, bool invert, bool interpolate,
                       bool inlineImg) override
    {
        add(state);
        // The base class skips an inline image's data.
        OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
    }

    void drawImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap,
                   bool interpolate, const int *maskColors, bool inlineImg) override
    {
        add(state);
        OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg);
    }

    // Masked images are never inline: nothing to skip (the base classes would draw them again
    // through drawImage and count them twice).
    void drawMaskedImage(GfxState *state, Object *, Stream *, int, int, GfxImageColorMap *, bool, Stream *, int, int,
                         bool, bool) override
    {
        add(state);
    }

    void drawSoftMaskedImage(GfxState *state, Object *, Stream *, int, int, GfxImageColorMap *, bool, Stream *, int,
                             int, GfxImageColorMap *, bool) override
    {
        add(state);
    }

    double covered = 0;

private:
    double pageWidth;
    double pageHeight;

    void add(GfxState *state)
    {
        double xs[4], ys[4];
        state->transform(0, 0, &xs[0], &ys[0]);
        state->transform(1, 0, &xs[1], &ys[1]);
        state->transform(0, 1, &xs[2], &ys[2]);
        state->transform(1, 1, &xs[3], &ys[3]);
        const double x1 = std::max(0.0, *std::min_element(xs, xs + 4));
        const double x2 = std::min(pageWidth, *std::max_element(xs, xs + 4));
        const double y1 = std::max(0.0, *std::min_element(ys, ys + 4));
        const double y2 = std::min(pageHeight, *std::max_element(ys, ys + 4));
        if (x2 > x1 && y2 > y1) {
            covered += (x2 - x1) * (y2 - y1);
        }
    }
};

} // namespace

extern "C" {

static dossier_pdf *openDocument(const char *path, const char *password, dossier_pdf_open_status *status, char *message,
                                 size_t message_size)
{
    preparePoppler();
    std::optional<GooString> secret;
    if (password != nullptr) {
        secret = GooString(password);
    }
    auto document = std::make_unique<PDFDoc>(std::make_unique<GooString>(path), secret, secret);
    if (document->isOk()) {
        auto *pdf = new (std::nothrow) dossier_pdf;
        if (pdf == nullptr) {
            *status = DOSSIER_PDF_UNREADABLE;
            writeMessage(message, message_size, "no memory to open the document");
            return nullptr;
        }
        pdf->document = std::move(document);
        *status = DOSSIER_PDF_OPENED;
        return pdf;
    }
    switch (document->getErrorCode()) {
    case errEncrypted:
        *status = DOSSIER_PDF_ENCRYPTED;
        writeMessage(message, message_size, "the document is encrypted");
        break;
    case errOpenFile:
    case errFileIO:
        *status = DOSSIER_PDF_UNREADABLE;
        writeMessage(message, message_size, std::strerror(document->getFopenErrno() != 0 ? document->getFopenErrno() : EIO));
        break;
    case errBadCatalog:
        *status = DOSSIER_PDF_DAMAGED;
        writeMessage(message, message_size, "its page catalog cannot be read");
        break;
    default:
        *status = DOSSIER_PDF_DAMAGED;
        writeMessage(message, message_size, "the document is damaged");
        break;
    }
    return nullptr;
}

void dossier_pdf_close(dossier_pdf *pdf)
{
    delete pdf;
}

int dossier_pdf_page_count(const dossier_pdf *pdf)
{
    return pdf == nullptr ? 0 : pdf->document->getNumPages();
}

static int pageSize(dossier_pdf *pdf, int page, double *width, double *height)
{
    if (!hasPage(pdf, page)) {
        return 0;
    }
    Page *object = pdf->document->getPage(page);
    if (object == nullptr) {
        return 0;
    }
    const int rotation = object->getRotate();
    const bool turned = rotation == 90 || rotation == 270;
    *width = turned ? object->getCropHeight() : object->getCropWidth();
    *height = turned ? object->getCropWidth() : object->getCropHeight();
    return 1;
}

static int pageText(dossier_pdf *pdf, int page, bool withBoxes, dossier_pdf_text *text)
{
    *text = dossier_pdf_text { nullptr, 0, nullptr, 0, nullptr };
    double width = 0, height = 0;
    if (!pageSize(pdf, page, &width, &height)) {
        return 0;
    }
    // Physical layout keeps columns apart, as poppler's selection text does.
    TextOutputDev device(nullptr, true, 0, false, false);
    if (!device.isOk()) {
        return 0;
    }
    pdf->document->displayPage(&device, page, 72, 72, 0, false, true, false);
    TextPage *textPage = device.takeText();
    if (textPage == nullptr) {
        return 0;
    }
    PDFRectangle area(0, 0, width, height);
    int lineCount = 0;
    std::vector<TextWordSelection *> **lines = textPage->getSelectionWords(&area, selectionStyleGlyph, &lineCount);

    auto storage = std::make_unique<PageTextStorage>();
    // Room for every character (mostly one byte) and a separator after each word, made once.
    size_t characters = 0;
    for (int line = 0; line < lineCount; ++line) {
        for (const TextWordSelection *selection : *lines[line]) {
            characters += static_cast<size_t>(selection->getEnd() - selection->getBegin()) + 1;
        }
    }
    storage->utf8.reserve(characters + characters / 8);
    if (withBoxes) {
        storage->boxes.reserve(characters + characters / 8);
    }
    SpacedText spaced(*storage, withBoxes);
    bool rightToLeft = false;
    for (int line = 0; line < lineCount; ++line) {
        std::vector<TextWordSelection *> *words = lines[line];
        for (size_t index = 0; index < words->size(); ++index) {
            const TextWordSelection *selection = (*words)[index];
            const TextWord *word = selection->getWord();
            const CharacterBoxes characterBoxes(word);
            for (int character = selection->getBegin(); character < selection->getEnd(); ++character) {
                const Unicode scalar = *word->getChar(character);
                rightToLeft = rightToLeft || isRightToLeft(scalar);
                spaced.add(scalar, characterBoxes.box(character));
            }
            if (index + 1 < words->size() && word->hasSpaceAfter()) {
                spaced.addSeparator(' ');
            }
            delete selection;
        }
        delete words;
        if (line + 1 < lineCount) {
            spaced.addSeparator('\n');
        }
    }
    gfree(lines);
    if (rightToLeft) {
        // Right-to-left runs come out of the word list in visual order: take poppler's dump.
        std::unique_ptr<GooString> dump(textPage->getSelectionText(&area, selectionStyleGlyph));
        storage->utf8 = dump ? dump->toStr() : std::string();
    }
    textPage->decRefCnt();
    publish(std::move(storage), text);
    return 1;
}

void dossier_pdf_text_free(dossier_pdf_text *text)
{
    delete static_cast<PageTextStorage *>(text->storage);
    *text = dossier_pdf_text { nullptr, 0, nullptr, 0, nullptr };
}

static double imageCoverage(dossier_pdf *pdf, int page)
{
    double width = 0, height = 0;
    if (!pageSize(pdf, page, &width, &height)) {
        return -1;
    }
    if (width <= 0 || height <= 0) {
        return 0;
    }
    ImageAreaDevice device(width, height);
    pdf->document->displayPage(&device, page, 72, 72, 0, false, true, false);
    return std::min(1.0, device.covered / (width * height));
}

static int renderGray(dossier_pdf *pdf, int page, double dpi, int sliceWidth, int sliceHeight, dossier_pdf_gray *image,
                      char *message, size_t message_size)
{
    *image = dossier_pdf_gray { nullptr, 0, 0 };
    if (!hasPage(pdf, page) || sliceWidth < 1 || sliceHeight < 1) {
        writeMessage(message, message_size, "no such page");
        return 0;
    }
    SplashColor paper;
    paper[0] = 0xFF;
    SplashOutputDev device(splashModeMono8, 1, false, paper, true);
    device.setFontAntialias(true);
    device.setVectorAntialias(true);
    device.startDoc(pdf->document.get());
    pdf->document->displayPageSlice(&device, page, dpi, dpi, 0, false, true, true, 0, 0, sliceWidth, sliceHeight);
    SplashBitmap *bitmap = device.getBitmap();
    if (bitmap == nullptr || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0 || bitmap->getDataPtr() == nullptr) {
        writeMessage(message, message_size, "the page gave no image");
        return 0;
    }
    const int width = bitmap->getWidth(), height = bitmap->getHeight();
    auto *pixels = static_cast<unsigned char *>(std::malloc(static_cast<size_t>(width) * static_cast<size_t>(height)));
    if (pixels == nullptr) {
        writeMessage(message, message_size, "no memory for the page image");
        return 0;
    }
    const unsigned char *rows = bitmap->getDataPtr();
    for (int row = 0; row < height; ++row) {
        std::memcpy(pixels + static_cast<size_t>(row) * width, rows + static_cast<size_t>(row) * bitmap->getRowSize(), width);
    }
    *image = dossier_pdf_gray { pixels, width, height };
    return 1;
}

void dossier_pdf_gray_free(dossier_pdf_gray *image)
{
    std::free(image->pixels);
    *image = dossier_pdf_gray { nullptr, 0, 0 };
}

// The entry points: nothing thrown inside poppler or by a failed allocation crosses into C.

dossier_pdf *dossier_pdf_open(const char *path, const char *password, dossier_pdf_open_status *status, char *message,
                              size_t message_size)
{
    try {
        return openDocument(path, password, status, message, message_size);
    } catch (...) {
        *status = DOSSIER_PDF_UNREADABLE;
        writeMessage(message, message_size, "the document could not be opened (out of memory)");
        return nullptr;
    }
}

int dossier_pdf_page_size(dossier_pdf *pdf, int page, double *width, double *height)
{
    try {
        return pageSize(pdf, page, width, height);
    } catch (...) {
        return 0;
    }
}

int dossier_pdf_page_text(dossier_pdf *pdf, int page, int with_boxes, dossier_pdf_text *text)
{
    try {
        return pageText(pdf, page, with_boxes != 0, text);
    } catch (...) {
        *text = dossier_pdf_text { nullptr, 0, nullptr, 0, nullptr };
        return 0;
    }
}

void dossier_pdf_space_glyphs(const uint32_t *scalars, const dossier_pdf_box *boxes, size_t count, dossier_pdf_text *text)
{
    *text = dossier_pdf_text { nullptr, 0, nullptr, 0, nullptr };
    try {
        auto storage = std::make_unique<PageTextStorage>();
        SpacedText spaced(*storage, true);
        for (size_t index = 0; index < count; ++index) {
            spaced.add(scalars[index], boxes[index]);
        }
        publish(std::move(storage), text);
    } catch (...) {
    }
}

double dossier_pdf_page_image_coverage(dossier_pdf *pdf, int page)
{
    try {
        return imageCoverage(pdf, page);
    } catch (...) {
        return -1;
    }
}

int dossier_pdf_render_gray(dossier_pdf *pdf, int page, double dpi, int width, int height, dossier_pdf_gray *image,
                            char *message, size_t message_size)
{
    try {
        return renderGray(pdf, page, dpi, width, height, image, message, message_size);
    } catch (...) {
        *image = dossier_pdf_gray { nullptr, 0, 0 };
        writeMessage(message, message_size, "no memory for the page image");
        return 0;
    }
}

} // extern "C"
