//! A document as one string, to hand it from one WebAssembly module to another.
//!
//! The page's PDF module reads a PDF into a [`Document`]; the checker lives in the first module.
//! The document crosses JavaScript between them as a string in this format, so neither module
//! carries a serialiser (serde_wasm_bindgen's deserialiser alone is about 25 KB).
//!
//! The format is a sequence of length-prefixed items, lengths in UTF-8 bytes:
//!
//! ```text
//! p<len>:<text>                      a paragraph
//! t<rows>:                           a table, followed by its rows
//! r<cells>:                          a row, followed by its cells
//! c<colspan>,<rowspan>,<len>:<text>  a cell
//! g<block>,<row>:                    where the next page begins (`Document::pages`), in order
//! ```
//!
//! The page items (`g`) came later and follow the blocks; a string without them is a document
//! without pages, as before.
//!
//! Invariant: [`decode`] never panics, allocates no more than its input's size says, and gives
//! back exactly the document [`encode`] was given; any other string is `None`.

use crate::{Block, Cell, Document, PageStart, Table};

/// The document as one string.
pub fn encode(document: &Document) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        match block {
            Block::Paragraph(text) => push_text(&mut out, "p", text),
            Block::Table(table) => {
                out.push_str(&format!("t{}:", table.rows.len()));
                for row in &table.rows {
                    out.push_str(&format!("r{}:", row.len()));
                    for cell in row {
                        let head = format!("c{},{},", cell.colspan, cell.rowspan);
                        push_text(&mut out, &head, &cell.text);
                    }
                }
            }
        }
    }
    for page in &document.pages {
        out.push_str(&format!("g{},{}:", page.block, page.row));
    }
    out
}

fn push_text(out: &mut String, head: &str, text: &str) {
    out.push_str(head);
    out.push_str(&text.len().to_string());
    out.push(':');
    out.push_str(text);
}

/// The document [`encode`] turned into `wire`, or `None` when `wire` is not such a string.
pub fn decode(wire: &str) -> Option<Document> {
    let mut reader = Reader { rest: wire };
    let mut document = Document::default();
    while !reader.rest.is_empty() {
        match reader.tag()? {
            'p' => document.blocks.push(Block::Paragraph(reader.text()?)),
            't' => document.blocks.push(Block::Table(reader.table()?)),
            'g' => {
                let block = reader.number(',')?;
                let row = reader.number(':')?;
                document.pages.push(PageStart { block, row });
            }
            _ => return None,
        }
    }
    Some(document)
}

/// A cursor over the rest of the wire string.
struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    fn tag(&mut self) -> Option<char> {
        let tag = self.rest.chars().next()?;
        self.rest = self.rest.get(tag.len_utf8()..)?;
        Some(tag)
    }

    /// The decimal number before `end`.
    fn number(&mut self, end: char) -> Option<usize> {
        let (digits, rest) = self.rest.split_once(end)?;
        if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.rest = rest;
        digits.parse().ok()
    }

    /// `<len>:<text>`.
    fn text(&mut self) -> Option<String> {
        let len = self.number(':')?;
        let text = self.rest.get(..len)?;
        self.rest = self.rest.get(len..)?;
        Some(text.to_string())
    }

    fn table(&mut self) -> Option<Table> {
        let rows = self.number(':')?;
        let mut table = Table::default();
        // Each row takes at least three bytes, so a count larger than the rest is damage; the
        // loop ends there without allocating for the count.
        for _ in 0..rows {
            if self.tag()? != 'r' {
                return None;
            }
            let cells = self.number(':')?;
            let mut row = Vec::new();
            for _ in 0..cells {
                if self.tag()? != 'c' {
                    return None;
                }
                let colspan = self.number(',')?;
                let rowspan = self.number(',')?;
                let text = self.text()?;
                row.push(Cell {
                    text,
                    colspan,
                    rowspan,
                });
            }
            table.rows.push(row);
        }
        Some(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let mut merged = Cell::new("三、本年度办理结果");
        merged.colspan = 2;
        merged.rowspan = 3;
        Document {
            blocks: vec![
                Block::Paragraph("一、总体情况".into()),
                Block::Paragraph(String::new()),
                Block::Table(Table {
                    rows: vec![
                        vec![merged, Cell::new("12:3,4"), Cell::new("")],
                        vec![],
                        vec![Cell::new("c1,1,5:x")],
                    ],
                }),
                Block::Table(Table::default()),
                Block::Paragraph("p3:t1:\tr0:\n第二行".into()),
            ],
            pages: vec![
                PageStart { block: 0, row: 0 },
                PageStart { block: 2, row: 2 },
            ],
        }
    }

    #[test]
    fn a_document_comes_back_as_it_went() {
        let document = sample();
        assert_eq!(decode(&encode(&document)), Some(document));
        assert_eq!(decode(""), Some(Document::default()));
    }

    #[test]
    fn a_string_without_pages_is_a_document_without_pages() {
        let mut document = sample();
        document.pages.clear();
        let wire = encode(&document);
        assert!(!wire.contains("g0,"), "{wire}");
        assert_eq!(decode(&wire), Some(document));
        assert_eq!(
            decode(&format!("{wire}g3,0:")).map(|d| d.pages.len()),
            Some(1)
        );
    }

    #[test]
    fn every_cut_or_altered_string_is_refused_or_read_without_panic() {
        let wire = encode(&sample());
        for end in 0..wire.len() {
            if let Some(head) = wire.get(..end) {
                // A cut between two items is a shorter document; any other cut is damage.
                if let Some(document) = decode(head) {
                    let whole = sample();
                    assert!(
                        document.blocks.len() < whole.blocks.len()
                            || document.pages.len() < whole.pages.len(),
                        "{head:?}"
                    );
                }
            }
        }
        for damaged in [
            "x1:a",
            "p9:ab",
            "t99999999999999999999:",
            "t3:r1:c1,1,1:a",
            "p-1:",
            "g1:",
            "g1,x:",
        ] {
            assert_eq!(decode(damaged), None, "{damaged}");
        }
    }

    #[test]
    fn a_huge_count_allocates_nothing() {
        assert_eq!(decode("t9999999999999999:"), None);
        assert_eq!(decode("t1:r9999999999999999:"), None);
    }
}
