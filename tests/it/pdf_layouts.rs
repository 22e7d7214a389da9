//! The PDF reader on what the generated PDF layouts (`tests/layouts/pdf.rs`) showed it
//! misreading: each test is the smallest page that reproduces one misreading.

use nianbao::doc::Block;
use nianbao::pdf;

use crate::layouts::generator::{one_page, pages_showing};

/// The grids of the tables of a one-page file.
fn grids(content: &str) -> Vec<Vec<Vec<String>>> {
    let read = pdf::read(&one_page(content)).expect("reads");
    read.document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.grid()),
            _ => None,
        })
        .collect()
}

/// Word places each cell's edges on their own, a little off the shared grid line. A cell over
/// two columns whose neighbours below have their top edges 0.15 pt above and below its bottom
/// edge gave the glyphs over each column different bounds: the text over the second column was
/// taken for a second cell at the same grid place and left out of the table.
#[test]
fn a_cell_whose_neighbours_edges_are_off_its_own_is_one_cell() {
    let rules = [
        // The cell over both columns, its own four edges.
        "50 100 m 250 100 l S",
        "50 140 m 250 140 l S",
        "50 100 m 50 140 l S",
        "250 100 m 250 140 l S",
        // The two cells below, their top edges a little off.
        "50 100.15 m 150 100.15 l S",
        "150 99.85 m 250 99.85 l S",
        "50 60 m 250 60 l S",
        "50 60 m 50 100 l S",
        "150 60 m 150 100 l S",
        "250 60 m 250 100 l S",
    ];
    let text = "BT /F1 10 Tf 60 116 Td (Partly disclosed records) Tj ET \
                BT /F1 10 Tf 90 76 Td (12) Tj ET BT /F1 10 Tf 190 76 Td (3) Tj ET";
    let content = format!("0.5 w {} {text}", rules.join(" "));
    assert_eq!(
        grids(&content),
        [vec![
            vec!["Partly disclosed records".to_string()],
            vec!["12".to_string(), "3".to_string()],
        ]]
    );
}

/// A short report on two pages with a running header on both: the header stood before the
/// title and, at the top of page 2, between the two pieces of the table continued there, which
/// it split into two tables. Margin lines were dropped only from files of three pages or more.
#[test]
fn a_running_header_on_both_pages_of_two_is_dropped_and_the_table_continues() {
    let header = "BT /F1 9 Tf 200 790 Td (Annual report 2023 of the county) Tj ET";
    let rows = |top: f64, texts: [&str; 2]| {
        let mut s = String::from("0.5 w ");
        for (i, t) in texts.iter().enumerate() {
            let y = top - 20.0 * i as f64;
            s += &format!(
                "100 {y} m 300 {y} l S 100 {} m 300 {} l S ",
                y - 20.0,
                y - 20.0
            );
            s += &format!(
                "100 {y} m 100 {} l S 200 {y} m 200 {} l S 300 {y} m 300 {} l S ",
                y - 20.0,
                y - 20.0,
                y - 20.0
            );
            s += &format!(
                "BT /F1 10 Tf 110 {} Td ({t}) Tj ET BT /F1 10 Tf 210 {} Td (1{i}) Tj ET ",
                y - 14.0,
                y - 14.0
            );
        }
        s
    };
    let first = format!(
        "{header} BT /F1 16 Tf 100 700 Td (Title) Tj ET {}",
        rows(140.0, ["a", "b"])
    );
    let second = format!(
        "{header} {} BT /F1 10 Tf 100 500 Td (After) Tj ET",
        rows(740.0, ["c", "d"])
    );
    let read = pdf::read(&pages_showing(&[&first, &second])).expect("reads");
    let text = read.document.to_text();
    assert!(!text.contains("Annual report"), "{text}");
    let tables: Vec<_> = read
        .document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.grid()),
            _ => None,
        })
        .collect();
    assert_eq!(
        tables,
        [[["a", "10"], ["b", "11"], ["c", "10"], ["d", "11"]]],
        "{text}"
    );
}
