#ifndef DOSSIER_BLOCK_CACHE_H
#define DOSSIER_BLOCK_CACHE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The largest block size, in bytes, that threads keep for reuse.
extern const size_t dossier_block_cache_largest_block;

/// The most bytes one thread keeps for reuse.
extern const size_t dossier_block_cache_thread_limit;

/// Bytes of freed blocks the calling thread holds for reuse.
size_t dossier_block_cache_held_bytes(void);

#ifdef __cplusplus
}
#endif

#endif
