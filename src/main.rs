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

fn main() -> std::process::ExitCode {
    // Freed pages go back to the system at once instead of after 10 ms: a run frees
    // memory in large waves (each story's analysis), and the delay left peak memory
    // 30-40 MiB above glibc's on the bulk corpus, for no measurable speed.
    // SAFETY: sets one integer option; mimalloc reads options at any time.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    cli::run()
}
