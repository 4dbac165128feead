//! The `factdiff` binary: a thin command line over the library (see `cli/`).

mod cli;

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys::{mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned};
use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};

/// mimalloc instead of the system allocator: a run makes and frees millions of short
/// strings, and glibc's malloc and free were about a fifth of its time (README,
/// dependency table). The library leaves the choice to its users.
#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

/// mimalloc's plain entry points wherever they give the alignment Rust asks for.
///
/// The `mimalloc` crate's allocator calls the aligned entry points for every request,
/// and those check the alignment and the free block's address before they reach the
/// same page allocation: about 20 instructions more for each of the 1.8 million
/// allocations of a run on a thousand articles. `mi_malloc` gives a block of more than
/// 8 bytes a 16-byte alignment (`MI_MAX_ALIGN_SIZE`, as C's `malloc` must: on 64-bit
/// targets its small size classes are whole pairs of words) and a smaller one 8, so a
/// request is met when its alignment is at most 16 and at most its size: the rule the
/// standard library's own `System` allocator uses for `malloc`.
struct MiMalloc;

/// The alignment `mi_malloc` gives every block of more than 8 bytes.
const PLAIN_ALIGN: usize = 16;

/// Whether `mi_malloc` of `size` bytes is aligned enough for `align`.
fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: every method hands the request to mimalloc, whose blocks satisfy the
// layout: the plain calls only where `plain` holds (see `MiMalloc`), the aligned ones
// otherwise; `dealloc` frees blocks from either, as mimalloc allows.
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            unsafe { mi_malloc(layout.size()) as *mut u8 }
        } else {
            unsafe { mi_malloc_aligned(layout.size(), layout.align()) as *mut u8 }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            unsafe { mi_zalloc(layout.size()) as *mut u8 }
        } else {
            unsafe { mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8 }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi_free(ptr as *mut c_void) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(layout.align(), new_size) {
            unsafe { mi_realloc(ptr as *mut c_void, new_size) as *mut u8 }
        } else {
            unsafe { mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8 }
        }
    }
}

// mimalloc's option setter, from the library `libmimalloc-sys` builds and links (its
// Rust bindings name only some of the options).
extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in the `mi_option_e` enum of the mimalloc v2 source that
/// `libmimalloc-sys` 0.1 builds (`c_src/mimalloc/v2/include/mimalloc.h`).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// How long freed memory stays with the process before it goes back to the system, in
/// milliseconds, unless the user sets `MIMALLOC_PURGE_DELAY`.
///
/// Memory the process frees and soon takes again is cheap to keep and dear to give back:
/// every page given back is zeroed by the kernel when it is touched again. At 0 (given
/// back at once) the kernel's page clearing was about a tenth of a single-thread run on
/// the bulk corpus and of a one-story run of 3,200 articles; at 100 ms it is about 7 %
/// of the first and almost none of the second, and the peak grows by 15-45 MiB (README,
/// "Benchmarks").
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// Turns transparent huge pages off for this process, unless the user sets
/// `MIMALLOC_ALLOW_THP` (mimalloc's own switch, read when it starts).
///
/// mimalloc asks the kernel for huge pages over its whole arena, and a 2 MiB page is
/// zeroed whole at its first touch, however little of it the run then uses. With them,
/// the kernel's page clearing was about 12 % of a single-thread run on the bulk corpus
/// and under 1 % without; without them that run took about 5 % less CPU and the
/// one-story run of 3,200 articles about 8 % less, each peak about 19 MiB smaller
/// (README, dependency table). The prctl flag covers the mappings made already, so it
/// may come after mimalloc has reserved its arena.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: PR_SET_THP_DISABLE takes one integer and touches no memory of ours; on
        // a kernel without it the call fails, which changes nothing.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

fn main() -> std::process::ExitCode {
    // mimalloc reads its environment when it starts; an explicit setting is the user's
    // choice (0 for the smallest peak), so it is left alone.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one integer option; mimalloc reads options at any time.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
    no_huge_pages();
    cli::run()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that the block at `p` is aligned to `align` and that its first `len`
    /// bytes all equal `byte`.
    ///
    /// # Safety
    /// `p` must point to at least `len` readable bytes.
    unsafe fn check(p: *mut u8, align: usize, len: usize, byte: u8, what: &str) {
        assert!(!p.is_null(), "{what}");
        assert_eq!(p as usize % align, 0, "{what}: align {align}");
        // SAFETY: the caller vouches for `len` readable bytes at `p`.
        let bytes = unsafe { std::slice::from_raw_parts(p, len) };
        assert!(bytes.iter().all(|&b| b == byte), "{what}: contents");
    }

    /// Every size and alignment a program asks for, through each entry point, comes
    /// back aligned as asked and keeps its bytes across a reallocation: the plain
    /// calls are taken only where mimalloc's own alignment covers the request.
    #[test]
    fn blocks_are_aligned_as_asked() {
        let sizes = (1usize..=200).chain([255, 256, 1000, 4096, 70_000, 1 << 21]);
        for size in sizes {
            for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
                let layout = |n| Layout::from_size_align(n, align).unwrap();
                let (grown, shrunk) = (size * 3 + 1, size.div_ceil(2));
                for zeroed in [false, true] {
                    // SAFETY: every layout has a non-zero size; each block is read and
                    // written within its size, and freed once with its own layout.
                    unsafe {
                        let p = if zeroed {
                            ALLOCATOR.alloc_zeroed(layout(size))
                        } else {
                            ALLOCATOR.alloc(layout(size))
                        };
                        if zeroed {
                            check(p, align, size, 0, "zeroed");
                        }
                        p.write_bytes(0xA5, size);
                        check(p, align, size, 0xA5, "alloc");
                        let q = ALLOCATOR.realloc(p, layout(size), grown);
                        check(q, align, size, 0xA5, &format!("grow {size}->{grown}"));
                        let r = ALLOCATOR.realloc(q, layout(grown), shrunk);
                        check(r, align, shrunk, 0xA5, &format!("shrink {grown}->{shrunk}"));
                        ALLOCATOR.dealloc(r, layout(shrunk));
                    }
                }
            }
        }
    }
}
