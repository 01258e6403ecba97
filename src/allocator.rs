//! The allocator settings the binary and the benchmarks share.

use std::alloc::{GlobalAlloc, Layout};

/// Keeps freed memory mapped instead of handing it back to the system at once, and maps it in
/// small pages: big stores and batches allocate and free gigabytes, re-zeroing returned pages
/// took half the time of `series` over ten million claims, and zeroing 2 MiB pages on first
/// touch took more than half of what was left. Option ids from mimalloc.h (the same in v2 and
/// v3). Call it first thing, in a program whose global allocator is [`Allocator`].
pub fn tune() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const ALLOW_LARGE_OS_PAGES: libmimalloc_sys::mi_option_t = 6;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting mimalloc options only changes how it maps, commits and purges its arenas.
    unsafe {
        libmimalloc_sys::mi_option_set(ALLOW_LARGE_OS_PAGES, 0);
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 1);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
    }
    // The arena mimalloc reserved before `main` already asked for huge pages; the process-wide
    // switch covers it too. A kernel without it leaves things as they were.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// The alignment of every mimalloc block of at least this size (`MI_MAX_ALIGN_SIZE`).
const PLAIN_ALIGN: usize = 16;

/// mimalloc, asked through its plain entry points when a layout needs no more alignment than
/// every block has: extraction allocates small strings and vectors by the million, and the
/// aligned entry points make more tests per call for each of them.
pub struct Allocator;

/// Whether `mi_malloc` and `mi_realloc` align a block of `layout` well enough: blocks are
/// aligned to their size up to [`PLAIN_ALIGN`], as the system allocator's check assumes too.
fn plain(layout: Layout) -> bool {
    layout.align() <= PLAIN_ALIGN && layout.align() <= layout.size()
}

// SAFETY: every call goes to mimalloc, with the layout's alignment whenever the plain entry
// points would not guarantee it; blocks are freed by `mi_free`, whichever entry point gave them.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout has a non-zero size.
        unsafe {
            if plain(layout) {
                libmimalloc_sys::mi_malloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if plain(layout) {
                libmimalloc_sys::mi_zalloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; `new_size` is not zero.
        unsafe {
            if plain(Layout::from_size_align_unchecked(new_size, layout.align())) {
                libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}
