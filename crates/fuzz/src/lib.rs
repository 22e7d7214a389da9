//! The invariants every fuzz target asserts on a report: every location lies inside the text
//! it points into, on char boundaries, and its line, column and UTF-16 offsets are what the
//! text says they are. A violation panics, which libFuzzer records as a crash.

use nianbao::report::Report;
use nianbao::span::Location;

/// Options for the targets: UTF-16 offsets on, so that they are checked too.
pub fn options(laid_out: bool) -> nianbao::Options {
    nianbao::Options {
        utf16: true,
        laid_out,
        config: nianbao::config::Config::NONE,
        pages: Vec::new(),
    }
}

/// Panics unless every location in `report` is sound against `text`.
pub fn assert_sound(text: &str, report: &Report) {
    for loc in locations(report) {
        assert_location(text, loc);
    }
    assert_eq!(report.outline.sections.len(), 6);
    assert_eq!(report.tables.s3.rows.len(), 25);
    assert_eq!(report.tables.s4.values.len(), 15);
    for row in report.tables.s2.rows.iter().chain(&report.tables.s3.rows) {
        assert_eq!(row.values.len(), row.cells.len());
    }
}

/// Panics unless a document's report is sound against the text it was laid out as
/// (`source.text`), and that text holds no NUL.
pub fn assert_document_sound(report: &Report) {
    let text = report
        .source
        .as_ref()
        .map(|s| s.text.as_str())
        .unwrap_or_default();
    assert!(!text.contains('\0'), "a NUL in the laid-out text");
    assert_sound(text, report);
}

/// Every location the report hands out: findings and their related spans, table rows and
/// cells, section headings and the title.
fn locations(report: &Report) -> Vec<&Location> {
    let mut all: Vec<&Location> = Vec::new();
    for d in &report.diagnostics {
        all.extend(d.span.iter());
        all.extend(d.related.iter());
    }
    let t = &report.tables;
    for row in t.s2.rows.iter().chain(&t.s3.rows).chain(&t.s3.extra_rows) {
        all.extend(row.span.iter());
        all.extend(row.cells.iter().flatten());
    }
    all.extend(t.s4.cells.iter().flatten());
    all.extend(
        report
            .outline
            .sections
            .iter()
            .filter_map(|s| s.span.as_ref()),
    );
    all.extend(report.outline.title_span.iter());
    all
}

/// One location against the text: bounds, char boundaries, line, column, UTF-16 offsets.
fn assert_location(text: &str, loc: &Location) {
    let (start, end) = (loc.start as usize, loc.end as usize);
    assert!(
        start <= end && end <= text.len(),
        "{start}..{end} outside {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{start}..{end} splits a char"
    );
    let before = &text[..start];
    // A line ends at LF, or at a CR not followed by LF.
    let bytes = before.as_bytes();
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')))
        .count();
    assert_eq!(loc.line as usize, breaks + 1, "line of {start}");
    let line_start = bytes
        .iter()
        .enumerate()
        .rev()
        .find(|&(i, &b)| b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')))
        .map_or(0, |(i, _)| i + 1);
    let column = text[line_start..start].chars().count() + 1;
    assert_eq!(loc.column as usize, column, "column of {start}");
    assert_eq!(
        loc.start16,
        Some(before.encode_utf16().count() as u32),
        "start16 of {start}"
    );
    assert_eq!(
        loc.end16,
        Some(text[..end].encode_utf16().count() as u32),
        "end16 of {end}"
    );
}

/// A zip archive of one stored (uncompressed) entry, as a .docx writer could write it.
pub fn stored_zip(name: &str, data: &[u8]) -> Vec<u8> {
    let crc = nianbao::docx::crc32(data);
    let fields = |out: &mut Vec<u8>| {
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&0u16.to_le_bytes()); // method: stored
        out.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra length
    };
    let mut out = b"PK\x03\x04".to_vec();
    fields(&mut out);
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    let central_at = out.len();
    out.extend_from_slice(b"PK\x01\x02");
    out.extend_from_slice(&20u16.to_le_bytes()); // version made by
    fields(&mut out);
    out.extend_from_slice(&[0; 12]); // comment length, disk, attributes
    out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    out.extend_from_slice(name.as_bytes());
    let central_len = out.len() - central_at;
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&(central_len as u32).to_le_bytes());
    out.extend_from_slice(&(central_at as u32).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}
