//! Oracle tests: the serializer writes what `serde_json::to_vec_pretty` writes.

use super::{flagged, needs_escape, to_vec, to_writer, Pretty, Splice};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Both serializers' bytes for `v`, or whether each refused it.
fn both<T: ?Sized + Serialize>(v: &T) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    (to_vec(v).ok(), serde_json::to_vec_pretty(v).ok())
}

fn same<T: ?Sized + Serialize>(v: &T) {
    let (ours, theirs) = both(v);
    assert_eq!(
        ours.as_deref().map(String::from_utf8_lossy),
        theirs.as_deref().map(String::from_utf8_lossy)
    );
}

/// Bytes serialised as bytes (serde's `serialize_bytes`), not as a list of numbers.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Wrapped(u32);

#[derive(Serialize)]
struct Pair(i8, &'static str);

#[derive(Serialize)]
struct Nothing {}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
enum KeyKind {
    Plain,
}

#[derive(Serialize)]
enum Shape {
    Dot,
    Around(f64),
    Between(i32, i32),
    Nowhere(),
    Box { w: u16, h: Option<u16> },
    Open {},
    Nested(Box<Shape>),
}

#[derive(Serialize)]
struct Inner {
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct Outer {
    id: &'static str,
    #[serde(flatten)]
    inner: Inner,
    #[serde(rename = "type")]
    kind: Shape,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    empty_skipped: Vec<u8>,
    empty: Vec<u8>,
    nothing: Nothing,
    unit: (),
    unit_struct: Unit,
    wrapped: Wrapped,
    pair: Pair,
    tuple: (bool, char, (), Option<u8>),
    small: (i8, i16, i32, i64, i128),
    large: (u8, u16, u32, u64, u128),
    floats: (f32, f64, f64, f64, f32),
    bytes: Bytes<'static>,
    no_bytes: Bytes<'static>,
    shapes: Vec<Shape>,
    by_number: BTreeMap<i64, &'static str>,
    by_unsigned: BTreeMap<u128, u8>,
    by_flag: BTreeMap<bool, Vec<()>>,
    by_char: BTreeMap<char, Nothing>,
    by_variant: BTreeMap<KeyKind, u8>,
    by_float: Vec<(f64, u8)>,
}

/// A map keyed by floats (serde_json writes them quoted, and refuses one not finite).
struct FloatKeys<'a>(&'a [(f64, u8)]);

impl Serialize for FloatKeys<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

fn outer() -> Outer {
    Outer {
        id: "x\"y\\z\u{7}\u{1f}\u{7f}é中\n\t\r\u{8}\u{c}",
        inner: Inner {
            label: "a label".into(),
            note: None,
        },
        kind: Shape::Box { w: 3, h: None },
        empty_skipped: vec![],
        empty: vec![],
        nothing: Nothing {},
        unit: (),
        unit_struct: Unit,
        wrapped: Wrapped(7),
        pair: Pair(-3, "p"),
        tuple: (true, '"', (), None),
        small: (i8::MIN, i16::MIN, i32::MIN, i64::MIN, i128::MIN),
        large: (u8::MAX, u16::MAX, u32::MAX, u64::MAX, u128::MAX),
        floats: (1.5, f64::NAN, f64::INFINITY, 1e300, f32::MIN_POSITIVE),
        bytes: Bytes(b"\x00\xffab"),
        no_bytes: Bytes(b""),
        shapes: vec![
            Shape::Dot,
            Shape::Around(-0.0),
            Shape::Between(1, -1),
            Shape::Nowhere(),
            Shape::Box { w: 0, h: Some(9) },
            Shape::Open {},
            Shape::Nested(Box::new(Shape::Nested(Box::new(Shape::Dot)))),
        ],
        by_number: [(-5, "minus"), (0, ""), (12, "twelve")].into(),
        by_unsigned: [(u128::MAX, 1)].into(),
        by_flag: [(false, vec![]), (true, vec![(), ()])].into(),
        by_char: [('\n', Nothing {}), ('k', Nothing {})].into(),
        by_variant: [(KeyKind::Plain, 1)].into(),
        by_float: vec![(0.25, 1), (-3.0, 2), (1e21, 3)],
    }
}

#[test]
fn every_form_of_the_data_model_is_written_as_serde_json_writes_it() {
    same(&outer());
    same(&FloatKeys(&outer().by_float));
    for shape in outer().shapes {
        same(&shape);
    }
    same(&Unit);
    same(&Wrapped(0));
    same(&());
    same(&Some(Some(5)));
    same(&Option::<u8>::None);
    same(&'\u{0}');
}

#[test]
fn keys_serde_json_refuses_are_refused() {
    let refused = |v: &dyn Fn() -> (Option<Vec<u8>>, Option<Vec<u8>>)| {
        let (ours, theirs) = v();
        assert!(ours.is_none() && theirs.is_none());
    };
    refused(&|| both(&FloatKeys(&[(f64::NAN, 1)])));
    refused(&|| both(&BTreeMap::from([((1, 2), 3)])));
    refused(&|| both(&BTreeMap::from([(Option::<u8>::None, 3)])));
    refused(&|| both(&BTreeMap::from([((), 3)])));
    refused(&|| both(&BTreeMap::from([(vec![1u8], 3)])));
    // A key that is an option with something in it is that something.
    same(&BTreeMap::from([(Some("k"), 3)]));
}

#[test]
fn deep_nesting_past_the_indentation_written_in_one_slice() {
    let mut deep = json!({"leaf": [1, "two", null]});
    for n in 0..40 {
        deep = json!({"level": n, "inner": [deep, [], {}], "s": "a\"b\\c\n\u{1}é"});
    }
    same(&deep);
    for v in [
        json!(null),
        json!([]),
        json!({}),
        json!([[], [[]], {"a": {}}]),
        json!({"a": 1, "b": [true, false, 2.5, -3], "c": {"d": "e"}}),
    ] {
        same(&v);
    }
}

#[test]
fn chunked_output_is_the_whole_output_then_the_tail() {
    // Several chunks' worth, handed on piece by piece.
    let big: Vec<Value> = (0..40_000)
        .map(|n| json!({"n": n, "s": format!("item {n}"), "list": [n, [n]]}))
        .collect();
    let mut out = Vec::new();
    to_writer(&big, &mut out, b"\n", None).unwrap();
    let mut want = serde_json::to_vec_pretty(&big).unwrap();
    want.push(b'\n');
    assert!(want.len() > 3 * super::CHUNK);
    assert_eq!(out, want);
}

/// Two arrays of a struct and a map of its own, the arrays written by `par_seq`.
#[derive(Serialize)]
struct Lists {
    head: u8,
    items: Vec<Value>,
    empty: Vec<Value>,
    words: Vec<String>,
    tail: BTreeMap<String, Vec<u8>>,
}

impl Splice for Lists {
    fn field(&self, key: &str, ser: &mut Pretty<'_>) -> Option<super::Result> {
        match key {
            "items" => Some(ser.par_seq(&self.items)),
            "empty" => Some(ser.par_seq(&self.empty)),
            "words" => Some(ser.par_seq(&self.words)),
            _ => None,
        }
    }
}

#[test]
fn arrays_written_in_parallel_pieces_are_written_as_serde_json_writes_them() {
    let piece = super::PIECE;
    let batch = piece * super::PIECES;
    for n in [
        0,
        1,
        piece - 1,
        piece,
        piece + 1,
        batch,
        batch + 1,
        3 * batch + 7,
    ] {
        let lists = Lists {
            head: 7,
            items: (0..n)
                .map(|k| json!({"k": k, "nested": [k, {"deep": [[], {}]}], "s": "a\"b"}))
                .collect(),
            empty: Vec::new(),
            words: (0..n % 5).map(|k| format!("w{k}")).collect(),
            tail: BTreeMap::from([("x".to_string(), vec![1, 2])]),
        };
        let mut out = Vec::new();
        to_writer(&lists, &mut out, b"\n", Some(&lists)).unwrap();
        let mut want = serde_json::to_vec_pretty(&lists).unwrap();
        want.push(b'\n');
        assert!(out == want, "{n} items");
    }
    // Only the outermost struct's fields are spliced: the same names deeper are serde's.
    #[derive(Serialize)]
    struct Wrap {
        outer: Lists,
    }
    let lists = |item: &str| Lists {
        head: 0,
        items: vec![json!(item)],
        empty: Vec::new(),
        words: Vec::new(),
        tail: BTreeMap::new(),
    };
    let wrap = Wrap {
        outer: lists("these"),
    };
    let mut out = Vec::new();
    to_writer(&wrap, &mut out, b"", Some(&lists("not these"))).unwrap();
    assert_eq!(out, serde_json::to_vec_pretty(&wrap).unwrap());
}

#[test]
fn the_escape_check_misses_no_byte_that_needs_one() {
    let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    // Every byte at every place of a word and of the tail, among bytes that need none
    // and bytes that would borrow (0x00 is itself one that needs an escape).
    assert!(!needs_escape(b""));
    for fill in [b'a', 0x80, 0xff, 0x21, b'#', b']'] {
        for b in 0..=255u8 {
            for len in 1..=19 {
                for at in 0..len {
                    let mut s = vec![fill; len];
                    s[at] = b;
                    assert_eq!(needs_escape(&s), needs(b), "{fill} {b} {len} {at}");
                }
            }
        }
    }
    // A word flagged is one with such a byte, or a false alarm on none.
    for w in [0u64, u64::MAX, 0x2020_2020_2020_2020, 0x2121_2121_2121_2121] {
        let any = w.to_le_bytes().iter().any(|&b| needs(b));
        assert!(flagged(w) || !any);
    }
}

#[test]
fn whole_numbers_are_written_as_display_writes_them() {
    let mut edges = vec![0, 1, 9, 10, 99, 100, u64::MAX, u64::MAX - 1];
    edges.extend((0..64).map(|p| 1u64 << p));
    edges.extend((0..20).map(|p| 10u64.pow(p)));
    edges.extend((1..20).map(|p| 10u64.pow(p) - 1));
    for v in edges {
        assert_eq!(
            String::from_utf8(to_vec(&v).unwrap()).unwrap(),
            v.to_string()
        );
    }
    for v in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX] {
        same(&v);
    }
}

/// Strings over characters that are escaped, that borrow in the word test, and others.
fn text() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        'a', 'Z', ' ', '"', '\\', '\n', '\t', '\r', '\u{0}', '\u{1}', '\u{8}', '\u{c}', '\u{1f}',
        '\u{7f}', '!', '#', 'é', '—', '中', '😀', '/', ']',
    ]);
    prop::collection::vec(chars, 0..40).prop_map(|v| v.into_iter().collect())
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 200, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::vec((text(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn random_values_are_written_as_serde_json_writes_them(v in value()) {
        let (ours, theirs) = both(&v);
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn random_strings_are_escaped_as_serde_json_escapes_them(s in text()) {
        let (ours, theirs) = both(&s);
        prop_assert_eq!(ours, theirs);
    }
}
