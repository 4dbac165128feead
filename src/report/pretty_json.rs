//! Pretty-printed JSON, the bytes of `serde_json::to_string_pretty` (two spaces a
//! level), written by a serializer of our own. serde_json's walks every byte of every
//! string through its escape table and every comma, colon and line break through
//! formatter calls; a report is mostly short strings (ids, names, keys) on lines of
//! their own, so here a string that needs no escape (almost all of them) is copied
//! whole after an eight-bytes-at-a-time check, a line break and its indentation are
//! one slice, and only what is rare (a string to escape, a float) is handed to
//! serde_json itself. Oracle tests compare the two over every form of serde's data model.

use serde::ser::{self, Impossible, Serialize};

pub type Error = serde_json::Error;
type Result<T = ()> = std::result::Result<T, Error>;

/// A comma, a line break and the indentation of the levels that fit in it (the comma
/// left out when none is due).
const BREAK: &[u8; 2 + 2 * 32] =
    b",\n                                                                ";

/// How much is gathered before it is handed on to the output, when there is one.
const CHUNK: usize = 64 * 1024;

/// `serde_json::ser::to_string_pretty`'s bytes for `value`.
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut ser = Pretty::new(None);
    value.serialize(&mut ser)?;
    Ok(ser.buf)
}

/// [`to_vec`] written into `out` a chunk at a time (never held whole), then `tail`; the
/// fields of `value` that `splice` claims written by it (the same bytes, made another
/// way: see [`Splice`]).
pub fn to_writer<'w, T: ?Sized + Serialize>(
    value: &T,
    out: &'w mut dyn std::io::Write,
    tail: &[u8],
    splice: Option<&'w dyn Splice>,
) -> Result {
    let mut ser = Pretty::new(Some(out));
    ser.splice = splice;
    value.serialize(&mut ser)?;
    ser.buf.extend_from_slice(tail);
    ser.hand_on()
}

/// Writes some fields of the outermost struct itself: a report's large arrays, whose
/// elements [`Pretty::par_seq`] renders on every thread (serde hands a serializer one
/// element after another, on one thread). What it writes must be the bytes serde's
/// walk of the field would write: the callers' tests compare the two.
pub trait Splice {
    /// Writes the value of the outermost struct's field `key` into `ser` and returns
    /// what came of it; `None` leaves the field to serde.
    fn field(&self, key: &str, ser: &mut Pretty<'_>) -> Option<Result>;
}

/// How many elements of an array one task of [`Pretty::par_seq`] writes, how many
/// tasks run before their bytes are handed on (a few megabytes held at a time), and
/// the room a task's buffer has at least.
const PIECE: usize = 256;
const PIECES: usize = 16;
const PIECE_BYTES: usize = 128 * 1024;

/// The fixed bytes of an object whose members are known, at one depth: before each
/// member its line and key (`{` before the first), after the last the closing line and
/// `}`; written by [`Pretty`]'s own steps, so they are the bytes serde's walk of a
/// struct with these fields writes there. For the few types a report holds by the ten
/// thousand (entities and their mentions), whose walk through serde's calls, with a
/// line, a key checked for escapes and a copy per member, cost several times the
/// values it wrote: with this, one copy per member. Each writer that uses one is
/// tested against serde_json's bytes for its type.
pub struct Layout {
    /// The depth of the line the object opens on.
    depth: usize,
    /// One part per key, then the closing part.
    parts: Vec<Box<[u8]>>,
}

impl Layout {
    /// The layout of an object with members `keys` (field names, which hold nothing to
    /// escape; at least one, the first never left out) opened on a line of depth `depth`.
    pub fn new(depth: usize, keys: &[&str]) -> Layout {
        assert!(!keys.is_empty(), "an object of no member is written `{{}}`");
        let mut ser = Pretty::new(None);
        ser.depth = depth;
        let mut state = ser.open(b'{', Some(keys.len()), b'}');
        let mut parts = Vec::with_capacity(keys.len() + 1);
        for key in keys {
            debug_assert!(!needs_escape(key.as_bytes()), "{key}");
            ser.line(state == State::Rest);
            state = State::Rest;
            ser.buf.push(b'"');
            ser.buf.extend_from_slice(key.as_bytes());
            ser.buf.extend_from_slice(b"\": ");
            parts.push(std::mem::take(&mut ser.buf).into_boxed_slice());
        }
        ser.close(state, b'}');
        parts.push(ser.buf.into_boxed_slice());
        Layout { depth, parts }
    }
}

/// An object being written along its [`Layout`]: each value in the order of the
/// layout's keys, then [`Fixed::end`].
pub struct Fixed<'a, 'w, 'l> {
    ser: &'a mut Pretty<'w>,
    layout: &'l Layout,
    /// The next member's part.
    next: usize,
}

impl<'w> Pretty<'w> {
    /// The depth of the current line.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Opens an object along `layout`, which must be laid out at this depth.
    pub fn fixed<'l>(&mut self, layout: &'l Layout) -> Fixed<'_, 'w, 'l> {
        assert_eq!(layout.depth, self.depth, "a layout is for one depth");
        self.depth += 1;
        Fixed {
            ser: self,
            layout,
            next: 0,
        }
    }
}

impl Fixed<'_, '_, '_> {
    /// The next member's line and key.
    fn key(&mut self) {
        debug_assert!(
            self.next + 1 < self.layout.parts.len(),
            "more members than keys"
        );
        self.ser
            .buf
            .extend_from_slice(&self.layout.parts[self.next]);
        self.next += 1;
    }

    /// The next member, a string.
    pub fn string(&mut self, value: &str) -> Result {
        self.key();
        self.ser.string(value)
    }

    /// The next member, an unsigned integer.
    pub fn integer(&mut self, value: usize) -> Result {
        self.key();
        self.ser.integer(value)
    }

    /// The next member, written by serde's walk.
    pub fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.key();
        value.serialize(&mut *self.ser)
    }

    /// The next member, a sequence with each element written by `each`.
    pub fn seq<T>(&mut self, items: &[T], each: impl Fn(&mut Pretty<'_>, &T) -> Result) -> Result {
        self.key();
        self.ser.seq_by(items, each)
    }

    /// The next member when it is there (serde's `skip_serializing_if` leaves out a
    /// member that is not; the first member is always there).
    pub fn optional<T>(
        &mut self,
        value: Option<&T>,
        write: impl FnOnce(&mut Self, &T) -> Result,
    ) -> Result {
        debug_assert!(self.next > 0, "the first member is never left out");
        match value {
            Some(v) => write(self, v),
            None => {
                self.next += 1;
                Ok(())
            }
        }
    }

    /// Closes the object, every member written.
    pub fn end(self) {
        let last = self.layout.parts.len() - 1;
        debug_assert_eq!(self.next, last, "fewer members than keys");
        self.ser.depth -= 1;
        self.ser.buf.extend_from_slice(&self.layout.parts[last]);
    }
}

/// The serializer: what is written so far (or since the last chunk handed on), the
/// output chunks go to, how deep the current line is, and what writes some fields of
/// the outermost struct instead of serde.
pub struct Pretty<'w> {
    buf: Vec<u8>,
    out: Option<&'w mut dyn std::io::Write>,
    depth: usize,
    splice: Option<&'w dyn Splice>,
}

impl<'w> Pretty<'w> {
    fn new(out: Option<&'w mut dyn std::io::Write>) -> Self {
        let capacity = if out.is_some() { CHUNK + 1024 } else { 128 };
        Pretty {
            buf: Vec::with_capacity(capacity),
            out,
            depth: 0,
            splice: None,
        }
    }

    /// Writes `items` as serde writes a sequence of them, the elements rendered in
    /// pieces on rayon's threads (each piece by a serializer of its own at this depth)
    /// and the pieces joined in order: the same bytes.
    pub fn par_seq<T: Serialize + Sync>(&mut self, items: &[T]) -> Result {
        self.par_seq_by(items, |ser, item| item.serialize(ser))
    }

    /// Writes `items` as serde writes a sequence of them, each element written by
    /// `each` (which must write the element's own bytes: see [`Layout`]), on this
    /// thread.
    pub fn seq_by<T>(
        &mut self,
        items: &[T],
        each: impl Fn(&mut Pretty<'_>, &T) -> Result,
    ) -> Result {
        let mut state = self.open(b'[', Some(items.len()), b']');
        for item in items {
            self.line(state == State::Rest);
            state = State::Rest;
            each(self, item)?;
            self.spill()?;
        }
        self.close(state, b']');
        Ok(())
    }

    /// [`Pretty::par_seq`] with each element written by `each` (as [`Pretty::seq_by`]).
    pub fn par_seq_by<T: Sync>(
        &mut self,
        items: &[T],
        each: impl Fn(&mut Pretty<'_>, &T) -> Result + Sync,
    ) -> Result {
        use rayon::prelude::*;
        let state = self.open(b'[', Some(items.len()), b']');
        if state == State::Empty {
            return Ok(());
        }
        let depth = self.depth;
        // One buffer per task, kept from batch to batch: freed and made anew each time
        // (on other threads than the one that frees them), a run's tens of megabytes of
        // pieces sat in the allocator's freed pages and raised the peak by about 20 MB.
        let mut bufs: Vec<Vec<u8>> = (0..PIECES).map(|_| Vec::new()).collect();
        for (b, batch) in items.chunks(PIECE * PIECES).enumerate() {
            let written: Vec<Result> = batch
                .par_chunks(PIECE)
                .zip(bufs.par_iter_mut())
                .enumerate()
                .map(|(k, (piece, buf))| Pretty::piece(piece, depth, b + k == 0, buf, &each))
                .collect();
            for (done, buf) in written.into_iter().zip(&bufs) {
                done?;
                self.put(buf)?;
            }
        }
        self.close(State::Rest, b']');
        Ok(())
    }

    /// The elements of one piece of [`Pretty::par_seq`], each on a line of its own (the
    /// first without a comma when it opens the array).
    fn piece<T>(
        items: &[T],
        depth: usize,
        first: bool,
        buf: &mut Vec<u8>,
        each: &impl Fn(&mut Pretty<'_>, &T) -> Result,
    ) -> Result {
        let mut ser = Pretty {
            buf: std::mem::take(buf),
            out: None,
            depth,
            splice: None,
        };
        ser.buf.clear();
        ser.buf.reserve(PIECE_BYTES);
        let mut done = Ok(());
        for (i, item) in items.iter().enumerate() {
            ser.line(!first || i > 0);
            done = each(&mut ser, item);
            if done.is_err() {
                break;
            }
        }
        // The buffer goes back to its slot even on an error, so the slots stay whole.
        *buf = ser.buf;
        done
    }

    /// Appends bytes written elsewhere: handed on whole when there is an output (a
    /// piece is larger than the output's buffer, which then passes it through), not
    /// copied into ours.
    fn put(&mut self, bytes: &[u8]) -> Result {
        if self.out.is_none() {
            self.buf.extend_from_slice(bytes);
            return Ok(());
        }
        self.hand_on()?;
        if let Some(out) = self.out.as_mut() {
            out.write_all(bytes).map_err(Error::io)?;
        }
        Ok(())
    }

    /// Hands what is gathered to the output (kept when there is none).
    fn hand_on(&mut self) -> Result {
        if let Some(out) = self.out.as_mut() {
            out.write_all(&self.buf).map_err(Error::io)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Hands on a chunk once one is full: called between values, so a chunk is never
    /// smaller than [`CHUNK`] but for the last.
    fn spill(&mut self) -> Result {
        if self.buf.len() >= CHUNK {
            self.hand_on()?;
        }
        Ok(())
    }

    /// A comma when asked, a line break and the current indentation.
    fn line(&mut self, comma: bool) {
        let fits = self.depth.min(32);
        self.buf
            .extend_from_slice(&BREAK[usize::from(!comma)..2 + 2 * fits]);
        for _ in fits..self.depth {
            self.buf.extend_from_slice(b"  ");
        }
    }

    /// A JSON string: copied between quotation marks when nothing in it needs an
    /// escape, else escaped by serde_json.
    fn string(&mut self, s: &str) -> Result {
        if needs_escape(s.as_bytes()) {
            return serde_json::to_writer(&mut self.buf, s);
        }
        self.buf.reserve(s.len() + 2);
        self.buf.push(b'"');
        self.buf.extend_from_slice(s.as_bytes());
        self.buf.push(b'"');
        Ok(())
    }

    /// A float as serde_json writes it (through ryu; not finite is `null`).
    fn number<N: Serialize>(&mut self, n: N) -> Result {
        serde_json::to_writer(&mut self.buf, &n)
    }

    /// An integer in decimal, by itoa (as serde_json writes it).
    fn integer<I: itoa::Integer>(&mut self, v: I) -> Result {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }

    /// Opens an array or object (`open` its bracket): empty when `len` says so.
    fn open(&mut self, open: u8, len: Option<usize>, close: u8) -> State {
        self.buf.push(open);
        if len == Some(0) {
            self.buf.push(close);
            State::Empty
        } else {
            self.depth += 1;
            State::First
        }
    }

    /// Closes what [`Pretty::open`] opened: on a line of its own after any member.
    fn close(&mut self, state: State, close: u8) {
        match state {
            State::Empty => return,
            State::First => self.depth -= 1,
            State::Rest => {
                self.depth -= 1;
                self.line(false);
            }
        }
        self.buf.push(close);
    }

    /// Opens the object `{"variant": …` that holds an enum variant's contents.
    fn open_variant(&mut self, variant: &str) -> Result {
        self.buf.push(b'{');
        self.depth += 1;
        self.line(false);
        self.string(variant)?;
        self.buf.extend_from_slice(b": ");
        Ok(())
    }

    /// Closes what [`Pretty::open_variant`] opened.
    fn close_variant(&mut self) {
        self.depth -= 1;
        self.line(false);
        self.buf.push(b'}');
    }
}

/// Whether JSON escapes some byte of `s`: a control character, a quotation mark or a
/// backslash (bytes of multi-byte characters never). Read a word of eight bytes at a
/// time; what is left of a longer string is read as its last eight bytes (some read
/// twice: harmless), a string of four to seven bytes as two words of four that may
/// overlap: most strings of a report are short, and a loop per byte would cost more
/// than the copy.
fn needs_escape(s: &[u8]) -> bool {
    let n = s.len();
    if n >= 8 {
        let mut words = s.chunks_exact(8);
        if words.any(|w| flagged(word(w))) {
            return true;
        }
        !words.remainder().is_empty() && flagged(word(&s[n - 8..]))
    } else if n >= 4 {
        let half = |h: &[u8]| u64::from(u32::from_le_bytes([h[0], h[1], h[2], h[3]]));
        flagged(half(&s[..4]) | half(&s[n - 4..]) << 32)
    } else {
        s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
    }
}

/// The first eight bytes of `w` as one number.
fn word(w: &[u8]) -> u64 {
    u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
}

/// Whether one of eight bytes may need an escape: never false when one does (a byte
/// below 0x20, or one that is zero once the word is xored with '"' or '\\', sets its top
/// bit in the test with no borrow from the bytes below; a false alarm only sends the
/// string to serde_json's escaping, which writes it all the same).
fn flagged(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x;
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    (below(w, 0x20) | below(quote, 1) | below(backslash, 1)) & TOPS != 0
}

/// Where an array or object is: written nothing, written its bracket, or a member.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum State {
    Empty,
    First,
    Rest,
}

/// An array or object being written; `variant` when it sits in a variant's object.
pub struct Compound<'a, 'w> {
    ser: &'a mut Pretty<'w>,
    state: State,
    variant: bool,
}

impl Compound<'_, '_> {
    /// The break before a member (a comma after the first).
    fn member(&mut self) {
        self.ser.line(self.state == State::Rest);
        self.state = State::Rest;
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.member();
        value.serialize(&mut *self.ser)?;
        self.ser.spill()
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result {
        self.member();
        self.ser.string(key)?;
        self.ser.buf.extend_from_slice(b": ");
        let spliced = match self.ser.splice {
            Some(splice) if self.ser.depth == 1 => splice.field(key, self.ser),
            _ => None,
        };
        spliced.unwrap_or_else(|| value.serialize(&mut *self.ser))?;
        self.ser.spill()
    }

    fn end_with(self, close: u8) -> Result {
        self.ser.close(self.state, close);
        if self.variant {
            self.ser.close_variant();
        }
        Ok(())
    }
}

/// The name serde_json gives its raw values: not written here (a report holds none).
const RAW_VALUE: &str = "$serde_json::private::RawValue";

impl<'a, 'w> ser::Serializer for &'a mut Pretty<'w> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'w>;
    type SerializeTuple = Compound<'a, 'w>;
    type SerializeTupleStruct = Compound<'a, 'w>;
    type SerializeTupleVariant = Compound<'a, 'w>;
    type SerializeMap = Compound<'a, 'w>;
    type SerializeStruct = Compound<'a, 'w>;
    type SerializeStructVariant = Compound<'a, 'w>;

    fn serialize_bool(self, v: bool) -> Result {
        self.buf
            .extend_from_slice(if v { b"true" as &[u8] } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.number(v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.number(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.buf.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.open_variant(variant)?;
        value.serialize(&mut *self)?;
        self.close_variant();
        Ok(())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a, 'w>> {
        let state = self.open(b'[', len, b']');
        Ok(Compound {
            ser: self,
            state,
            variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'w>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'w>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'w>> {
        self.open_variant(variant)?;
        let state = self.open(b'[', Some(len), b']');
        Ok(Compound {
            ser: self,
            state,
            variant: true,
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a, 'w>> {
        let state = self.open(b'{', len, b'}');
        Ok(Compound {
            ser: self,
            state,
            variant: false,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Compound<'a, 'w>> {
        if name == RAW_VALUE {
            return Err(ser::Error::custom("raw JSON values are not written here"));
        }
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'w>> {
        self.open_variant(variant)?;
        let state = self.open(b'{', Some(len), b'}');
        Ok(Compound {
            ser: self,
            state,
            variant: true,
        })
    }
}

/// The sequence-like compounds, written alike: each member on a line, then `]`.
macro_rules! seq_like {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                self.end_with(b']')
            }
        }
    )*};
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.member();
        key.serialize(Key(&mut *self.ser))
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.ser.buf.extend_from_slice(b": ");
        value.serialize(&mut *self.ser)?;
        self.ser.spill()
    }
    fn end(self) -> Result {
        self.end_with(b'}')
    }
}

/// The struct-like compounds, written alike: each field on a line, then `}`.
macro_rules! struct_like {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result {
                self.field(key, value)
            }
            fn end(self) -> Result {
                self.end_with(b'}')
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);

/// A map's key, as serde_json writes it: a string, or a number or `true`/`false` in
/// quotation marks; anything else is refused.
struct Key<'a, 'w>(&'a mut Pretty<'w>);

impl Key<'_, '_> {
    /// `v` as the serializer writes it, between quotation marks.
    fn quoted<T: Serialize>(self, v: T) -> Result {
        self.0.buf.push(b'"');
        v.serialize(&mut *self.0)?;
        self.0.buf.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl ser::Serializer for Key<'_, '_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result {
        self.0.string(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.0.string(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.0.string(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(v)
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.quoted(v)
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.quoted(v)
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.quoted(v)
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.quoted(v)
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.quoted(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.quoted(v)
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.quoted(v)
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.quoted(v)
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.quoted(v)
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.quoted(v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        if !v.is_finite() {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        self.quoted(v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        self.quoted(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests;
