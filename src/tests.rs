//! Helpers shared by the unit tests of every stage (a `tests.rs`: test code, outside the
//! stage order that `tests/stage_order.rs` checks).

/// A little random generator for tests (xorshift): each call gives a number below `n`.
/// Seeded, so that a failing case comes back on every run.
pub(crate) fn dice(seed: u64) -> impl FnMut(usize) -> usize {
    let mut s = seed;
    move |n| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % n as u64) as usize
    }
}
