#ifndef DOSSIER_CTESSERACT_SHIM_H
#define DOSSIER_CTESSERACT_SHIM_H

// The tesseract C API and the leptonica image functions Dossier's Tesseract wrapper uses.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>

#endif
