//! Date resolution: `find_time_expressions` over any text and any anchor.
//! Spans inside the range, on char boundaries, in order; windows not
//! reversed.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use sitrep_coder::dates::{find_time_expressions, TimeValue};
use sitrep_coder::Span;

#[path = "common.rs"]
mod common;
use common::{check_span, check_within};

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    // Anchor: any day from 1900 to about 2079.
    let days = i64::from(u16::from_le_bytes([data[0], data[1]]));
    let Some(base) = NaiveDate::from_ymd_opt(1900, 1, 1) else {
        return;
    };
    let Some(anchor) = base.checked_add_signed(chrono::Duration::days(days)) else {
        return;
    };
    let text = String::from_utf8_lossy(&data[2..]);
    let text = text.as_ref();
    let within = Span::new(0, text.len());
    let mut last_end = 0;
    for te in find_time_expressions(text, within, anchor) {
        check_span(text, te.span, "time expression");
        check_within(within, te.span, "time expression");
        assert!(te.span.start >= last_end, "time expressions overlap");
        last_end = te.span.end;
        if let TimeValue::Window { start, end, .. } = te.value {
            assert!(start <= end, "window {start}..{end} reversed");
        }
    }
});
