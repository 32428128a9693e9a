#ifndef DOSSIER_CHEIF_SHIM_H
#define DOSSIER_CHEIF_SHIM_H

// libheif's C API. libheif is loaded with dlopen the first time a HEIC photo is read; the table
// of its functions below takes every type from libheif's own header (__typeof__), so the
// compiler checks each call.
#include <dlfcn.h>
#include <stddef.h>
#include <libheif/heif.h>

// The soname of the libheif Debian's libheif-dev links against.
#define DOSSIER_HEIF_SONAME "libheif.so.1"

// Each entry: the field's name, then the libheif function it holds.
#define DOSSIER_HEIF_FUNCTIONS(ENTRY) \
    ENTRY(initialise, heif_init) \
    ENTRY(contextAlloc, heif_context_alloc) \
    ENTRY(contextFree, heif_context_free) \
    ENTRY(readFromFile, heif_context_read_from_file) \
    ENTRY(setMaximumImageSize, heif_context_set_maximum_image_size_limit) \
    ENTRY(topLevelImageCount, heif_context_get_number_of_top_level_images) \
    ENTRY(primaryImageHandle, heif_context_get_primary_image_handle) \
    ENTRY(handleRelease, heif_image_handle_release) \
    ENTRY(handleWidth, heif_image_handle_get_width) \
    ENTRY(handleHeight, heif_image_handle_get_height) \
    ENTRY(decodeImage, heif_decode_image) \
    ENTRY(planeReadOnly, heif_image_get_plane_readonly) \
    ENTRY(imageWidth, heif_image_get_width) \
    ENTRY(imageHeight, heif_image_get_height) \
    ENTRY(imageRelease, heif_image_release)

/// The libheif functions Dossier calls, typed by libheif's header.
typedef struct {
#define DOSSIER_HEIF_FIELD(field, function) __typeof__(function) *field;
    DOSSIER_HEIF_FUNCTIONS(DOSSIER_HEIF_FIELD)
#undef DOSSIER_HEIF_FIELD
} dossier_heif_api;

/// Fills `api` from the loaded libheif `library`: NULL when every function was found, else the
/// name of the first missing one.
static inline const char *dossier_heif_api_load(void *library, dossier_heif_api *api)
{
#define DOSSIER_HEIF_LOAD(field, function) \
    api->field = (__typeof__(function) *)dlsym(library, #function); \
    if (api->field == NULL) { return #function; }
    DOSSIER_HEIF_FUNCTIONS(DOSSIER_HEIF_LOAD)
#undef DOSSIER_HEIF_LOAD
    return NULL;
}

#endif
