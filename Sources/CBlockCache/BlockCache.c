// malloc and free for the whole process, with a per-thread cache of small freed blocks in front
// of glibc's allocator.
//
// Reading a PDF page, poppler builds a text page (an object per character and word, six arrays
// per word grown with realloc) and frees all of it when the page is done: tens of thousands of
// small blocks per page. glibc keeps only seven freed blocks of each size per thread; in a
// process with several threads (this one has its worker and Swift's task threads) every other
// block takes the arena's lock to go back and come out again, and malloc and free were a third
// of a long document's CPU. Here each thread keeps the small blocks it frees (up to 1 KB, by
// size class, up to 8 MB in all) on its own lists and hands them out again without a lock.
//
// Every block is one of glibc's: malloc takes new blocks from __libc_malloc (rounded up to the
// size class, so that they come back into it), free gives back whatever a thread does not keep,
// and calloc, realloc, memalign and malloc_usable_size stay glibc's, which accept these blocks as
// their own. A block freed on another thread than the one that allocated it, or allocated by
// glibc itself, is therefore handled like any other. When a thread ends, its lists go back to
// glibc and it frees straight to glibc from then on.
//
// The executable's definitions of malloc and free come first in the dynamic linker's search
// order, so every library of the process (poppler, tesseract, sqlite, the Swift runtime)
// allocates through them.

#include "CBlockCache.h"

#include <malloc.h>
#include <pthread.h>
#include <stdint.h>

void *__libc_malloc(size_t size);
void __libc_free(void *pointer);

enum {
    grain = 16,
    class_count = 64, // blocks of 16, 32, … 1024 bytes
};

const size_t dossier_block_cache_largest_block = grain * class_count;
const size_t dossier_block_cache_thread_limit = (size_t)8 << 20;

struct free_block {
    struct free_block *next;
};

enum cache_state { cache_unused = 0, cache_active = 1, cache_ending = 2 };

/// One thread's lists. Zero-initialised static TLS with no constructor or destructor: usable from
/// the first malloc of the process (before libc has finished starting) to the thread's last free.
struct thread_cache {
    struct free_block *heads[class_count + 1];
    size_t held_bytes;
    int state;
};

static __thread struct thread_cache cache __attribute__((tls_model("initial-exec")));

static pthread_key_t thread_end_key;
static pthread_once_t thread_end_key_once = PTHREAD_ONCE_INIT;

/// At thread end (a pthread key's destructor): every kept block back to glibc.
static void empty_cache(void *pointer)
{
    struct thread_cache *ending = pointer;
    ending->state = cache_ending;
    for (size_t size_class = 1; size_class <= class_count; ++size_class) {
        struct free_block *block = ending->heads[size_class];
        while (block != NULL) {
            struct free_block *next = block->next;
            __libc_free(block);
            block = next;
        }
        ending->heads[size_class] = NULL;
    }
    ending->held_bytes = 0;
}

static void make_thread_end_key(void)
{
    pthread_key_create(&thread_end_key, empty_cache);
}

/// Room made in a thread's arena at once, so that it does not grow a page at a time.
static const size_t arena_room = (size_t)2 << 20;

/// glibc grows the heap of a thread's own arena exactly as far as each allocation needs, one
/// mprotect call per new page (the main arena grows by at least 128 KB): reading one PDF page on
/// a worker thread took 250 of them. Allocating and freeing 2 MB once grows it in one call, and
/// the room stays (below the trim threshold set below), untouched until used.
static void make_arena_room(void)
{
    void *room = __libc_malloc(arena_room);
    if (room != NULL) {
        __libc_free(room);
    }
}

void *malloc(size_t size)
{
    size_t size_class = size == 0 ? 1 : (size + grain - 1) / grain;
    if (size_class > class_count) {
        return __libc_malloc(size);
    }
    struct free_block *block = cache.heads[size_class];
    if (block != NULL) {
        cache.heads[size_class] = block->next;
        cache.held_bytes -= size_class * grain;
        return block;
    }
    return __libc_malloc(size_class * grain);
}

/// How usable sizes are read: 0 not yet decided, 1 from the block's header, 2 by asking glibc.
static int size_reading;

/// The usable bytes of a heap block, or 0 for one glibc mapped on its own (never kept). glibc
/// keeps each block's size in the word before it, with flag bits in the low three bits (2: mapped
/// on its own); the usable bytes are that size less the word. Read there, it costs no second
/// cache line (malloc_usable_size also reads the next block's header). The first heap block freed
/// checks the reading against malloc_usable_size; should the C library lay its blocks out
/// otherwise, every block is measured by malloc_usable_size instead.
static inline size_t usable_bytes(void *pointer)
{
    size_t header = ((const size_t *)pointer)[-1];
    size_t from_header = (header & ~(size_t)7) - sizeof(size_t);
    int reading = __atomic_load_n(&size_reading, __ATOMIC_RELAXED);
    if (__builtin_expect(reading == 1, 1)) {
        return (header & 2) ? 0 : from_header;
    }
    size_t measured = malloc_usable_size(pointer);
    if (reading == 0 && !(header & 2)) {
        __atomic_store_n(&size_reading, from_header == measured ? 1 : 2, __ATOMIC_RELAXED);
    }
    return measured;
}

void free(void *pointer)
{
    if (pointer == NULL) {
        return;
    }
    if (cache.state != cache_ending) {
        // A block with at least size_class × 16 usable bytes can serve any request of that class.
        size_t size_class = usable_bytes(pointer) / grain;
        size_t bytes = size_class * grain;
        if (size_class >= 1 && size_class <= class_count && cache.held_bytes + bytes <= dossier_block_cache_thread_limit) {
            if (cache.state == cache_unused) {
                // Registered on the first kept block, so that the lists are emptied at thread end.
                cache.state = cache_active;
                pthread_once(&thread_end_key_once, make_thread_end_key);
                pthread_setspecific(thread_end_key, &cache);
                make_arena_room();
            }
            struct free_block *block = pointer;
            block->next = cache.heads[size_class];
            cache.heads[size_class] = block;
            cache.held_bytes += bytes;
            return;
        }
    }
    __libc_free(pointer);
}

/// glibc's settings for this process, made before main and before any thread starts.
///
/// Poppler builds and frees a text page of up to a few megabytes for every PDF page: blocks up
/// to 4 MB come from the heap and stay there instead of being mapped, returned and faulted in
/// again page after page (17,500 page faults fewer on 600 pages); larger blocks (page images)
/// are still mapped and returned at once. (One arena for all threads would save a one-page PDF
/// 250 mprotect calls, but costs two OCR workers 10% of their wall time in lock waits.)
__attribute__((constructor)) static void tune_glibc_malloc(void)
{
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
}

size_t dossier_block_cache_held_bytes(void)
{
    return cache.held_bytes;
}
