#ifndef DOSSIER_CTESSERACT_SHIM_H
#define DOSSIER_CTESSERACT_SHIM_H

// The tesseract C API (types only: functions are looked up at run time) and the leptonica
// image functions Dossier's Tesseract wrapper uses.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>

// The soname of the tesseract library Debian's libtesseract-dev links against.
#define DOSSIER_TESSERACT_SONAME "libtesseract.so.5"

#endif
