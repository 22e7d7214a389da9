//! The PDF reader on what the generated PDF layouts (`tests/layouts/pdf.rs`) showed it
//! misreading: each test is the smallest page that reproduces one misreading.

use nianbao::doc::Block;
use nianbao::pdf;

use crate::layouts::generator::one_page;

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
