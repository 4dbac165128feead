//! The JSON contract as JSON Schema, generated from the report types so that the
//! committed copies in `docs/schema/` cannot drift from what the binary prints
//! (`tests/json_schema.rs` compares them and checks every JSON output against them).

use schemars::JsonSchema;
use serde_json::Value;

use super::{QuoteList, Report};

/// The schema of `T`, as a JSON value.
fn of<T: JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
}

/// Every JSON output's schema, by the file name it is committed under:
/// `report.schema.json` for `check`, `names` and `claims --format json` (one [`Report`],
/// whose optional parts each command fills), `quotes.schema.json` for `quotes`.
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("report.schema.json", of::<Report>()),
        ("quotes.schema.json", of::<QuoteList>()),
    ]
}

/// A schema as committed: pretty-printed with a final newline.
pub fn render(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}
