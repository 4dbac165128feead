//! The `factdiff` binary: a thin command line over the library (see `cli/`).

mod cli;

/// mimalloc instead of the system allocator: a run makes and frees millions of short
/// strings, and glibc's malloc and free were about a fifth of its time (README,
/// dependency table). The library leaves the choice to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
