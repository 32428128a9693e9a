#ifndef DOSSIER_CTESSERACT_SHIM_H
#define DOSSIER_CTESSERACT_SHIM_H

// The tesseract C API and the leptonica image functions Dossier's Tesseract wrapper uses.
// libtesseract is loaded with dlopen on first use; the table of its functions below takes every
// type from tesseract's own header (__typeof__), so the compiler checks each call.
#include <dlfcn.h>
#include <stddef.h>
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>

// The soname of the tesseract library Debian's libtesseract-dev links against.
#define DOSSIER_TESSERACT_SONAME "libtesseract.so.5"

// Each entry: the field's name, then the tesseract function it holds.
#define DOSSIER_TESSERACT_FUNCTIONS(ENTRY) \
    ENTRY(create, TessBaseAPICreate) \
    ENTRY(delete, TessBaseAPIDelete) \
    ENTRY(end, TessBaseAPIEnd) \
    ENTRY(setVariable, TessBaseAPISetVariable) \
    ENTRY(initialise, TessBaseAPIInit3) \
    ENTRY(setImagePix, TessBaseAPISetImage2) \
    ENTRY(setSourceResolution, TessBaseAPISetSourceResolution) \
    ENTRY(recognize, TessBaseAPIRecognize) \
    ENTRY(utf8Text, TessBaseAPIGetUTF8Text) \
    ENTRY(meanTextConfidence, TessBaseAPIMeanTextConf) \
    ENTRY(clear, TessBaseAPIClear) \
    ENTRY(deleteText, TessDeleteText) \
    ENTRY(availableLanguages, TessBaseAPIGetAvailableLanguagesAsVector) \
    ENTRY(loadedLanguages, TessBaseAPIGetLoadedLanguagesAsVector) \
    ENTRY(deleteTextArray, TessDeleteTextArray) \
    ENTRY(setPageSegMode, TessBaseAPISetPageSegMode) \
    ENTRY(detectOrientationScript, TessBaseAPIDetectOrientationScript) \
    ENTRY(resultIterator, TessBaseAPIGetIterator) \
    ENTRY(resultIteratorDelete, TessResultIteratorDelete) \
    ENTRY(resultIteratorPageIterator, TessResultIteratorGetPageIterator) \
    ENTRY(resultIteratorNext, TessResultIteratorNext) \
    ENTRY(resultIteratorText, TessResultIteratorGetUTF8Text) \
    ENTRY(resultIteratorConfidence, TessResultIteratorConfidence) \
    ENTRY(pageIteratorBegin, TessPageIteratorBegin) \
    ENTRY(pageIteratorIsAtBeginningOf, TessPageIteratorIsAtBeginningOf) \
    ENTRY(pageIteratorBoundingBox, TessPageIteratorBoundingBox)

/// The tesseract functions Dossier calls, typed by tesseract's header.
typedef struct {
#define DOSSIER_TESSERACT_FIELD(field, function) __typeof__(function) *field;
    DOSSIER_TESSERACT_FUNCTIONS(DOSSIER_TESSERACT_FIELD)
#undef DOSSIER_TESSERACT_FIELD
    /// OpenMP's omp_set_max_active_levels from the libgomp tesseract brings, or NULL. Its header
    /// (omp.h) is the compiler's, not on this include path: the type is the OpenMP standard's.
    void (*setOpenMPMaxActiveLevels)(int);
} dossier_tesseract_api;

/// Fills `api` from the loaded libtesseract `library`: NULL when every function was found, else
/// the name of the first missing one.
static inline const char *dossier_tesseract_api_load(void *library, dossier_tesseract_api *api)
{
#define DOSSIER_TESSERACT_LOAD(field, function) \
    api->field = (__typeof__(function) *)dlsym(library, #function); \
    if (api->field == NULL) { return #function; }
    DOSSIER_TESSERACT_FUNCTIONS(DOSSIER_TESSERACT_LOAD)
#undef DOSSIER_TESSERACT_LOAD
    api->setOpenMPMaxActiveLevels = (void (*)(int))dlsym(library, "omp_set_max_active_levels");
    return NULL;
}

#endif
