#ifndef DOSSIER_CGMIME_SHIM_H
#define DOSSIER_CGMIME_SHIM_H

// GMime 3, the MIME parser Dossier reads e-mail with, and the few of its GObject type checks and
// casts Swift cannot call (they are macros): each a one-line inline function.
#include <gmime/gmime.h>

static inline int dossier_gmime_is_multipart(GMimeObject *object) { return GMIME_IS_MULTIPART(object); }
static inline int dossier_gmime_is_message_part(GMimeObject *object) { return GMIME_IS_MESSAGE_PART(object); }
static inline int dossier_gmime_is_part(GMimeObject *object) { return GMIME_IS_PART(object); }

static inline GMimeMultipart *dossier_gmime_multipart(GMimeObject *object) { return GMIME_MULTIPART(object); }
static inline GMimeMessagePart *dossier_gmime_message_part(GMimeObject *object) { return GMIME_MESSAGE_PART(object); }
static inline GMimePart *dossier_gmime_part(GMimeObject *object) { return GMIME_PART(object); }
static inline GMimeObject *dossier_gmime_object(GMimeMessage *message) { return GMIME_OBJECT(message); }
static inline GMimeStreamMem *dossier_gmime_stream_mem(GMimeStream *stream) { return GMIME_STREAM_MEM(stream); }

/// iconv's "could not open" value, which Swift cannot spell ((iconv_t) -1).
static inline int dossier_gmime_iconv_failed(iconv_t converter) { return converter == (iconv_t) -1; }

#endif
