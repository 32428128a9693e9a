#ifndef DOSSIER_CPOPPLER_SHIM_H
#define DOSSIER_CPOPPLER_SHIM_H

// poppler-glib's public API and the cairo image surfaces pages are rendered into: all Dossier's
// Poppler wrapper uses of them.
#include <poppler.h>
#include <cairo.h>

#endif
