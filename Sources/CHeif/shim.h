#ifndef DOSSIER_CHEIF_SHIM_H
#define DOSSIER_CHEIF_SHIM_H

// libheif's C API: types only, functions are looked up at run time by the HEIF wrapper.
#include <libheif/heif.h>

// The soname of the libheif Debian's libheif-dev links against.
#define DOSSIER_HEIF_SONAME "libheif.so.1"

#endif
