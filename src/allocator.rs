//! The allocator settings the binary and the benchmarks share.

/// Keeps freed memory mapped instead of handing it back to the system at once: big stores and
/// batches allocate and free gigabytes, and re-zeroing returned pages took half the time of
/// `series` over ten million claims. Option ids from mimalloc.h (the same in v2 and v3). Call it
/// first thing, in a program whose global allocator is `mimalloc::MiMalloc`.
pub fn tune() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting mimalloc options only changes how it commits and purges its arenas.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 1);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
    }
}
