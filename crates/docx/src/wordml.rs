//! `word/document.xml` (WordprocessingML) to a [`Document`]: body paragraphs and tables.
//!
//! What is read:
//! - a paragraph (`w:p`) is the text of its `w:t` runs, `w:tab`/`w:ptab` as a tab and
//!   `w:br`/`w:cr` as a line break; inserted revisions (`w:ins`, `w:moveTo`), hyperlinks, smart
//!   tags, content controls (`w:sdt`) and field results are transparent;
//! - left out: deleted revisions (`w:del`, `w:moveFrom`, `w:delText`), field instructions
//!   (`w:instrText`), and the fallback copy of an `mc:AlternateContent` (the same text box
//!   twice);
//! - a table (`w:tbl`) is rows (`w:tr`) of cells (`w:tc`); `w:gridSpan` is a column span,
//!   `w:vMerge` (`restart`, then empty or `continue` in the rows below) becomes a row span on
//!   the restarting cell and the continuing cells are removed, `w:hMerge` (old files) widens
//!   the cell it continues; `w:gridBefore` is an empty cell in front of the row;
//! - a table inside a cell and a text box inside a paragraph are flattened into the text of
//!   the cell or paragraph around them.
//!
//! Elements are recognised by namespace, not by prefix: `xmlns` declarations are followed, and
//! an undeclared `w:` is taken as WordprocessingML (transitional or strict).
//!
//! Invariant: one pass over the tokens; the element stack is capped at [`MAX_DEPTH`] and an end
//! tag is matched against at most [`MATCH_WINDOW`] open elements, so time is linear.

use std::borrow::Cow;

use super::xml::{local_name, prefix, Tag, Token, Tokens};
use nianbao_doc::{Block, Cell, Document, Table};

/// Deeper elements are ignored (real documents nest a few dozen levels).
const MAX_DEPTH: usize = 512;
/// An end tag closes one of this many innermost open elements, or nothing.
const MATCH_WINDOW: usize = 64;
/// Spans beyond this are read as 1 (the template's widest row has 9 grid columns).
const MAX_SPAN: usize = 1_000;

const W_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Reads the paragraphs and tables of a document.xml text.
pub fn read(xml: &str) -> Document {
    let mut reader = Reader::default();
    for token in Tokens::new(xml) {
        match token {
            Token::Start(tag) => reader.start(&tag),
            Token::End(name) => reader.end(name),
            Token::Text(text) => reader.text(&text),
        }
    }
    reader.finish()
}

/// What an open element means to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Run,
    Text,
    Table,
    Row,
    Cell,
    /// Everything inside is left out.
    Skip,
    /// Another WordprocessingML element: a property, a tab or a break, or a wrapper.
    Word,
    /// An element of another vocabulary (DrawingML, VML, …): a wrapper at most.
    Other,
}

/// An open element: its name as written (to match the end tag), its kind and the namespace
/// declarations it made.
#[derive(Debug)]
struct Open<'a> {
    name: &'a str,
    kind: Kind,
    declared: usize,
}

/// A cell being read.
#[derive(Debug, Default)]
struct CellBuild {
    text: String,
    colspan: usize,
    merge: Merge,
    /// `w:hMerge` continue: this cell widens the one before it.
    hmerge_continue: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Merge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug, Default)]
struct RowBuild {
    cells: Vec<CellBuild>,
    grid_before: usize,
}

#[derive(Debug, Default)]
struct TableBuild {
    rows: Vec<RowBuild>,
}

#[derive(Debug, Default)]
struct Reader<'a> {
    stack: Vec<Open<'a>>,
    /// Namespace declarations in scope: (prefix, uri); `""` is the default namespace.
    namespaces: Vec<(&'a str, Cow<'a, str>)>,
    blocks: Vec<Block>,
    /// Open paragraphs, innermost last (a text box nests one in another).
    paragraphs: Vec<String>,
    /// The open top-level table; tables inside it only add text to its cells.
    table: Option<TableBuild>,
    /// How many tables are open (the top-level one included).
    tables: usize,
    /// Skipped elements open, so text is ignored while positive.
    skipping: usize,
    /// `w:t` elements open.
    texts: usize,
    /// `w:r` elements open.
    runs: usize,
}

impl<'a> Reader<'a> {
    fn start(&mut self, tag: &Tag<'a>) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        let declared = self.declare(tag);
        let kind = self.kind(tag.name);
        if self.skipping == 0 {
            self.open(kind, tag);
        }
        if tag.empty {
            self.namespaces.truncate(self.namespaces.len() - declared);
            return;
        }
        match kind {
            Kind::Skip => self.skipping += 1,
            Kind::Text => self.texts += 1,
            Kind::Run => self.runs += 1,
            _ => {}
        }
        self.stack.push(Open {
            name: tag.name,
            kind,
            declared,
        });
    }

    fn end(&mut self, name: &'a str) {
        let mut window = self.stack.iter().rev().take(MATCH_WINDOW);
        let Some(depth) = window.position(|open| open.name == name) else {
            return;
        };
        for _ in 0..=depth {
            if let Some(open) = self.stack.pop() {
                self.close(&open);
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.texts > 0 && self.skipping == 0 {
            self.push_text(&without_controls(text));
        }
    }

    fn finish(mut self) -> Document {
        while let Some(open) = self.stack.pop() {
            self.close(&open);
        }
        Document {
            blocks: self.blocks,
            pages: Vec::new(),
        }
    }

    /// Records the `xmlns` declarations of `tag`; returns how many.
    fn declare(&mut self, tag: &Tag<'a>) -> usize {
        let before = self.namespaces.len();
        for (name, value) in tag.attrs() {
            let declared = match name.strip_prefix("xmlns") {
                Some("") => "",
                Some(p) => match p.strip_prefix(':') {
                    Some(p) => p,
                    None => continue,
                },
                None => continue,
            };
            self.namespaces.push((declared, value));
        }
        self.namespaces.len() - before
    }

    /// The element's meaning, by namespace and local name.
    fn kind(&self, name: &str) -> Kind {
        let p = prefix(name);
        let uri = self
            .namespaces
            .iter()
            .rev()
            .find(|(declared, _)| *declared == p)
            .map(|(_, uri)| uri.as_ref());
        let local = local_name(name);
        let is_w = match uri {
            Some(uri) => uri == W_TRANSITIONAL || uri == W_STRICT,
            None => p == "w",
        };
        let is_mc = match uri {
            Some(uri) => uri == MC,
            None => p == "mc",
        };
        if is_mc && local == "Fallback" {
            return Kind::Skip;
        }
        if !is_w {
            return Kind::Other;
        }
        match local {
            "p" => Kind::Paragraph,
            "r" => Kind::Run,
            "t" => Kind::Text,
            "tbl" => Kind::Table,
            "tr" => Kind::Row,
            "tc" => Kind::Cell,
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" => Kind::Skip,
            _ => Kind::Word,
        }
    }

    /// Acts on an opening (or empty) element that is not being skipped.
    fn open(&mut self, kind: Kind, tag: &Tag<'_>) {
        match kind {
            Kind::Paragraph => self.paragraphs.push(String::new()),
            Kind::Table => {
                if self.tables == 0 {
                    self.table = Some(TableBuild::default());
                }
                self.tables += 1;
            }
            Kind::Row if self.tables == 1 => {
                if let Some(t) = self.table.as_mut() {
                    t.rows.push(RowBuild::default());
                }
            }
            Kind::Cell if self.tables == 1 => {
                if let Some(row) = self.row() {
                    row.cells.push(CellBuild {
                        colspan: 1,
                        ..CellBuild::default()
                    });
                }
            }
            Kind::Word => self.property(tag),
            _ => {}
        }
        if tag.empty && matches!(kind, Kind::Paragraph | Kind::Table) {
            self.close_kind(kind);
        }
    }

    /// Reads the properties that matter: in-run breaks and tabs, spans, merges.
    fn property(&mut self, tag: &Tag<'_>) {
        let local = local_name(tag.name);
        if self.runs > 0 {
            match local {
                "tab" | "ptab" => self.push_text("\t"),
                "br" | "cr" => self.push_text("\n"),
                "noBreakHyphen" => self.push_text("-"),
                _ => {}
            }
            return;
        }
        if self.tables != 1 {
            return;
        }
        let number = || span_value(tag.attr("val").as_deref());
        match local {
            "gridSpan" => {
                if let Some(cell) = self.cell() {
                    cell.colspan = number();
                }
            }
            "vMerge" => {
                let restart = tag.attr("val").as_deref() == Some("restart");
                if let Some(cell) = self.cell() {
                    cell.merge = if restart {
                        Merge::Restart
                    } else {
                        Merge::Continue
                    };
                }
            }
            "hMerge" => {
                let restart = tag.attr("val").as_deref() == Some("restart");
                if let Some(cell) = self.cell() {
                    cell.hmerge_continue = !restart;
                }
            }
            "gridBefore" => {
                if let Some(row) = self.row() {
                    row.grid_before = number();
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, open: &Open<'a>) {
        self.namespaces
            .truncate(self.namespaces.len().saturating_sub(open.declared));
        match open.kind {
            Kind::Skip => self.skipping = self.skipping.saturating_sub(1),
            Kind::Text => self.texts = self.texts.saturating_sub(1),
            Kind::Run => self.runs = self.runs.saturating_sub(1),
            _ => {}
        }
        if self.skipping == 0 {
            self.close_kind(open.kind);
        }
    }

    fn close_kind(&mut self, kind: Kind) {
        match kind {
            Kind::Paragraph => {
                if let Some(text) = self.paragraphs.pop() {
                    self.end_paragraph(text);
                }
            }
            Kind::Table => {
                self.tables = self.tables.saturating_sub(1);
                if self.tables == 0 {
                    if let Some(t) = self.table.take() {
                        self.blocks.push(Block::Table(t.finish()));
                    }
                }
            }
            _ => {}
        }
    }

    /// Puts a finished paragraph where it belongs: the paragraph around it, the open cell, or
    /// the body.
    fn end_paragraph(&mut self, text: String) {
        if let Some(outer) = self.paragraphs.last_mut() {
            push_line(outer, &text);
        } else if self.tables > 0 {
            if let Some(cell) = self.cell() {
                push_line(&mut cell.text, &text);
            }
        } else {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    /// Adds text to the innermost paragraph, or to the open cell when there is none.
    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.push_str(text);
        } else if let Some(cell) = self.cell() {
            cell.text.push_str(text);
        }
    }

    fn row(&mut self) -> Option<&mut RowBuild> {
        self.table.as_mut()?.rows.last_mut()
    }

    fn cell(&mut self) -> Option<&mut CellBuild> {
        self.row()?.cells.last_mut()
    }
}

/// `text` without control characters other than tab and line breaks: XML 1.0 allows none of
/// them, a damaged part may hold any, and the text path never shows them.
fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if text.chars().any(control) {
        text.chars().filter(|&c| !control(c)).collect()
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Appends `line` to `text` on a line of its own.
fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

/// A `w:val` span count: 1 when missing, zero, absurd or not a number.
fn span_value(value: Option<&str>) -> usize {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| (1..=MAX_SPAN).contains(n))
        .unwrap_or(1)
}

impl TableBuild {
    /// The table with merges resolved: a vertical merge is one cell with a row span, placed in
    /// the row that restarts it.
    fn finish(self) -> Table {
        let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(self.rows.len());
        // Vertical merges open after the previous row, in column order.
        let mut open: Vec<Origin> = Vec::new();
        for (r, row) in self.rows.into_iter().enumerate() {
            let mut cells: Vec<Cell> = Vec::with_capacity(row.cells.len() + 1);
            let mut still_open = Vec::new();
            let mut above = open.iter().peekable();
            let mut col = row.grid_before;
            if row.grid_before > 0 && !row.cells.is_empty() {
                cells.push(Cell {
                    colspan: row.grid_before,
                    ..Cell::new("")
                });
            }
            for cell in row.cells {
                let colspan = cell.colspan;
                // Columns only grow along a row, so one pass over `open` finds every origin.
                while above.next_if(|o| o.col < col).is_some() {}
                let origin = above.next_if(|o| o.col == col).copied();
                match (cell.merge, origin) {
                    (Merge::Continue, Some(origin)) => {
                        continue_merge(&mut rows, origin, &cell.text);
                        still_open.push(origin);
                    }
                    _ if cell.hmerge_continue && !cells.is_empty() => {
                        if let Some(before) = cells.last_mut() {
                            before.colspan += colspan;
                            push_line(&mut before.text, &cell.text);
                        }
                    }
                    _ => {
                        if cell.merge == Merge::Restart {
                            still_open.push(Origin {
                                col,
                                row: r,
                                index: cells.len(),
                            });
                        }
                        cells.push(Cell {
                            text: cell.text,
                            colspan,
                            rowspan: 1,
                        });
                    }
                }
                col += colspan;
            }
            open = still_open;
            rows.push(cells);
        }
        Table { rows }
    }
}

/// Where a vertical merge started: its grid column and the cell that holds it.
#[derive(Clone, Copy, Debug)]
struct Origin {
    col: usize,
    row: usize,
    index: usize,
}

/// Extends the merge started at `origin` by one row; text in a continuing cell (Word hides
/// it) is kept in the merged cell rather than lost.
fn continue_merge(rows: &mut [Vec<Cell>], origin: Origin, text: &str) {
    let target = rows
        .get_mut(origin.row)
        .and_then(|cells| cells.get_mut(origin.index));
    if let Some(target) = target {
        target.rowspan += 1;
        if !text.trim().is_empty() {
            push_line(&mut target.text, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {NS}><w:body>{inner}</w:body></w:document>"#)
    }

    fn text_of(inner: &str) -> String {
        read(&body(inner)).to_text()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    /// A cell: `props` goes into its `w:tcPr`.
    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>
            <w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">总体 </w:t><w:tab/><w:t>情况</w:t></w:r>
            <w:r><w:br/><w:t>续行</w:t></w:r></w:p><w:p/><w:sectPr/>"#;
        let d = read(&body(xml));
        assert_eq!(
            d.blocks,
            vec![
                Block::Paragraph("一、总体 \t情况\n续行".into()),
                Block::Paragraph(String::new())
            ]
        );
    }

    #[test]
    fn revisions_fields_and_transparent_wrappers() {
        let xml = r#"<w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:hyperlink r:id="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:smartTag><w:r><w:t>&amp;标签</w:t></w:r></w:smartTag>
            </w:p><w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>PLACEHOLDER</w:sdtContent></w:sdt>"#;
        let xml = xml.replace("PLACEHOLDER", &p("控件"));
        assert_eq!(text_of(&xml), "新3链接&标签\n控件\n");
    }

    #[test]
    fn text_boxes_are_read_once() {
        let xml = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>BOX</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>BOX</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        let xml = xml.replace("BOX", &p("框"));
        assert_eq!(text_of(&xml), "正文 框\n");
    }

    #[test]
    fn namespaces_not_prefixes() {
        let xml = r#"<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main" xmlns:w="urn:other"><x:body><x:p><x:r><x:t>严格</x:t><w:t>别的</w:t></x:r></x:p></x:body></x:document>"#;
        assert_eq!(read(xml).to_text(), "严格\n");
        // No declaration at all: `w:` is taken as WordprocessingML.
        assert_eq!(read(&p("无声明")).to_text(), "无声明\n");
    }

    #[test]
    fn vmerge_and_gridspan_become_row_and_column_spans() {
        let rows = [
            tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度办理结果")
                + &tc(r#"<w:gridSpan w:val="2"/>"#, "（一）予以公开")
                + &tc("", "1"),
            tc("<w:vMerge/>", "")
                + &tc(r#"<w:vMerge w:val="restart"/>"#, "（三）不予公开")
                + &tc("", "1.属于国家秘密")
                + &tc("", "0"),
            tc(r#"<w:vMerge w:val="continue"/>"#, "")
                + &tc("<w:vMerge/>", "")
                + &tc("", "2.其他法律行政法规禁止公开")
                + &tc("", "0"),
        ];
        let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
        let d = read(&body(&format!("<w:tbl>{rows}</w:tbl>")));
        let Some(Block::Table(t)) = d.blocks.first() else {
            panic!("a table: {d:?}")
        };
        assert_eq!(
            t.grid(),
            vec![
                vec!["三、本年度办理结果", "（一）予以公开", "", "1"],
                vec!["", "（三）不予公开", "1.属于国家秘密", "0"],
                vec!["", "", "2.其他法律行政法规禁止公开", "0"],
            ]
        );
        assert_eq!(t.rows[0][0].rowspan, 3);
        assert_eq!(t.rows[1][0].rowspan, 2);
    }

    #[test]
    fn merges_end_when_a_row_does_not_continue_them() {
        let rows = [
            tc(r#"<w:vMerge w:val="restart"/>"#, "A") + &tc("", "1"),
            tc("", "B") + &tc("", "2"),
            // A continuation without a restart above is an ordinary cell.
            tc("<w:vMerge/>", "C") + &tc("", "3"),
        ];
        let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
        let text = text_of(&format!("<w:tbl>{rows}</w:tbl>"));
        assert_eq!(text, "A\t1\nB\t2\nC\t3\n");
    }

    #[test]
    fn grid_before_hmerge_and_nested_tables() {
        let nested = format!(
            "<w:tc><w:tbl><w:tr>{}{}</w:tr></w:tbl>{}</w:tc>",
            tc(r#"<w:gridSpan w:val="5"/>"#, "内1"),
            tc("", "内2"),
            p("后")
        );
        let rows = [
            format!(
                r#"<w:trPr><w:gridBefore w:val="1"/></w:trPr>{}"#,
                tc("", "x")
            ),
            tc(r#"<w:hMerge w:val="restart"/>"#, "宽") + &tc("<w:hMerge/>", "") + &nested,
        ];
        let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
        let text = text_of(&format!("<w:tbl>{rows}</w:tbl>{}", p("表后")));
        assert_eq!(text, "\tx\n宽\t\t内1 内2 后\n表后\n");
    }

    #[test]
    fn broken_markup_still_gives_text() {
        let xml = "<w:p><w:r><w:t>未闭合<w:p><w:r><w:t>下一段</w:t></w:p></w:tc></w:tbl>";
        assert_eq!(text_of(xml), "未闭合 下一段\n");
        let deep = "<w:p>".repeat(10_000) + &"</w:p>".repeat(10_000);
        let _ = read(&deep);
        let _ = read("<w:tbl><w:tc><w:gridSpan w:val=\"99999999999\"/></w:tc><w:tr></w:tbl>");
    }
}
