#ifndef DOSSIER_CPOPPLER_SHIM_H
#define DOSSIER_CPOPPLER_SHIM_H

// The poppler-glib and cairo headers Dossier's Poppler wrapper uses.
#include <poppler.h>
#include <cairo.h>

#endif
