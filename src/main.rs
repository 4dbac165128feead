//! The `factdiff` binary: a thin command line over the library (see `cli/`).

mod cli;

/// mimalloc instead of the system allocator: a run makes and frees millions of short
/// strings, and glibc's malloc and free were about a fifth of its time (README,
/// dependency table). The library leaves the choice to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
