//! The number strip of a numeric finding's card: each source's value on one axis.

use std::fmt::Write as _;

use super::text::{esc, head, num};
use crate::report::{FindingView, ValueView};

/// An inline SVG strip placing each source's value or interval on one axis (log scale
/// when the values span more than 10×; an open side runs to the edge with an arrow).
pub(super) fn strip(f: &FindingView) -> Option<String> {
    let rows: Vec<(String, &ValueView)> = f
        .evidence
        .iter()
        .filter_map(|e| {
            let v = e.value.as_ref()?;
            Some((head(&format!("{}: {}", e.source, e.text), 30), v))
        })
        .collect();
    let finite: Vec<f64> = rows
        .iter()
        .flat_map(|(_, v)| [v.low, v.high])
        .flatten()
        .filter(|x| x.is_finite())
        .collect();
    if finite.is_empty() {
        return None;
    }
    let (mut lo, mut hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| {
            (l.min(x), h.max(x))
        });
    let log = lo > 0.0 && hi / lo > 10.0;
    let t = |x: f64| if log { x.log10() } else { x };
    let (mut dlo, mut dhi) = (t(lo), t(hi));
    if dhi - dlo < 1e-9 {
        let pad = if dlo == 0.0 { 1.0 } else { dlo.abs() * 0.5 };
        dlo -= pad;
        dhi += pad;
        if !log {
            lo = dlo;
            hi = dhi;
        }
    }
    let pad = (dhi - dlo) * 0.06;
    let (dlo, dhi) = (dlo - pad, dhi + pad);
    const LABEL: f64 = 170.0;
    const WIDTH: f64 = 600.0;
    const ROW: f64 = 18.0;
    let x = |v: f64| LABEL + 10.0 + (t(v) - dlo) / (dhi - dlo) * (WIDTH - LABEL - 20.0);
    let (left, right) = (LABEL + 4.0, WIDTH - 4.0);
    let height = 8.0 + ROW * rows.len() as f64 + 26.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"strip\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{} scale of the values each source gives\">",
        if log { "Logarithmic" } else { "Linear" }
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = 8.0 + ROW * i as f64 + ROW / 2.0;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\">{}</text><line x1=\"{left}\" x2=\"{right}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e6e3dc\"/>",
            y + 4.0,
            esc(label)
        );
        match (v.low, v.high) {
            (Some(l), Some(h)) if l == h => {
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#b3261e\"/>",
                    x(l)
                );
            }
            (l, h) => {
                let x1 = l.map_or(left, x);
                let x2 = h.map_or(right, x);
                let _ = write!(
                    s,
                    "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" rx=\"3\" fill=\"#b3261e\" fill-opacity=\"0.6\"/>",
                    y - 4.0,
                    (x2 - x1).max(2.0)
                );
                if l.is_none() {
                    let _ = write!(
                        s,
                        "<path d=\"M{left} {y:.1} l8 -6 v12 z\" fill=\"#b3261e\"/>"
                    );
                }
                if h.is_none() {
                    let _ = write!(
                        s,
                        "<path d=\"M{right} {y:.1} l-8 -6 v12 z\" fill=\"#b3261e\"/>"
                    );
                }
            }
        }
    }
    let axis_y = 8.0 + ROW * rows.len() as f64 + 4.0;
    let _ = write!(
        s,
        "<line x1=\"{left}\" x2=\"{right}\" y1=\"{axis_y:.1}\" y2=\"{axis_y:.1}\" stroke=\"#5f5b53\"/>"
    );
    let mut ticks: Vec<f64> = vec![lo, hi];
    if log {
        let mut p = 10f64.powf(lo.log10().ceil());
        while p < hi {
            ticks.push(p);
            p *= 10.0;
        }
    }
    ticks.sort_by(f64::total_cmp);
    ticks.dedup_by(|a, b| (x(*a) - x(*b)).abs() < 30.0);
    for tv in ticks {
        let tx = x(tv);
        let _ = write!(
            s,
            "<line x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"{axis_y:.1}\" y2=\"{:.1}\" stroke=\"#5f5b53\"/><text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            axis_y + 4.0,
            axis_y + 16.0,
            esc(&num(tv))
        );
    }
    let _ = write!(
        s,
        "<text x=\"0\" y=\"{:.1}\" font-style=\"italic\">{}</text>",
        axis_y + 16.0,
        if log { "log scale" } else { "linear scale" }
    );
    s.push_str("</svg>\n");
    Some(s)
}
