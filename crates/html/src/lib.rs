//! HTML from the clipboard (`text/html` copied from Word, WPS or a published web page) to a
//! [`Document`]: the paragraphs a person sees and the tables with their merged cells.
//!
//! Why by hand: the input is whatever a word processor or a content-management system wrote,
//! often malformed, and we need only text, block boundaries and table structure — not a DOM,
//! scripts or styles. `tokenizer` splits the markup into text and tags; the builder here keeps
//! a small stack of open elements and one frame per open table, and does what a browser would
//! show:
//!
//! - Block elements (`p`, `div`, `h1`–`h6`, `li`, `br`, `tr`, `pre`, `table` …) end a paragraph;
//!   inline text runs together. White space collapses as in a browser (a line break between two
//!   CJK characters disappears, as Word wraps its HTML inside Chinese text); `&nbsp;` and U+3000
//!   stay as characters. Inside `<pre>` each line is a paragraph. Control characters are not
//!   text: a reference to NUL, a surrogate or a value beyond Unicode is U+FFFD (as browsers
//!   decode it), and control characters other than tab, raw or referenced, are dropped, so the
//!   laid-out text never holds a NUL, which text input refuses.
//! - `<head>` and elements styled `display:none` or `mso-hide:all` (or with `hidden`) show
//!   nothing; namespaced tags such as Word's `<o:p>` are transparent.
//! - A `<table>` becomes a [`Table`] of `td`/`th` cells with their `colspan`/`rowspan`; the
//!   paragraphs inside a cell are joined by a space. Text inside a table but outside any cell
//!   comes out before the table, as browsers place it.
//! - A table nested in a cell is flattened into the cell's text, row after row. When the nested
//!   table has two or more rows and columns, the outer table is taken for a layout frame (web
//!   pages wrap their content in one): it is unwrapped, its cells' paragraphs and tables
//!   becoming blocks of their own.
//! - Malformed markup does the obvious thing: an unclosed `td`, `tr` or `p` ends at the next
//!   one, stray end tags are ignored, a `td` outside any `tr` opens a row, a table open at the
//!   end of input is closed.
//!
//! Invariant: [`parse`] never fails or panics, and takes time linear in its input, of which it
//! reads at most [`MAX_INPUT`] bytes; the element stack and table nesting are capped.

mod tokenizer;

use std::mem;

use nianbao_doc::floor_char_boundary;
use nianbao_doc::{Block, Cell, Document, Table};
use tokenizer::{Tag, Token, Tokenizer};

/// Input beyond this many bytes is not read (a report's HTML is well under a megabyte, a page
/// with inline images a few megabytes); `nianbao::check_html` refuses such input with a finding.
pub const MAX_INPUT: usize = 64 * 1024 * 1024;
/// Open elements deeper than this are not tracked (their text still counts).
const MAX_DEPTH: usize = 256;
/// Tables nested deeper than this are read as part of the enclosing cell.
const MAX_TABLES: usize = 16;

/// True when `text` is an HTML document or fragment (a saved web page, a CMS export) rather
/// than a report's plain text: it starts with a tag and an HTML element opens near the start.
/// A report's text never starts with `<`.
pub fn looks_like_html(text: &str) -> bool {
    let text = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if !text.starts_with('<') {
        return false;
    }
    let head = text.get(..floor_char_boundary(text, 2048)).unwrap_or(text);
    let head = head.to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<meta",
        "<body",
        "<table",
        "<div",
        "<p",
        "<!--",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// Parses HTML into paragraphs and tables; never fails.
pub fn parse(html: &str) -> Document {
    let html = html
        .get(..floor_char_boundary(html, MAX_INPUT))
        .unwrap_or("");
    let mut builder = Builder::default();
    for token in Tokenizer::new(html) {
        match token {
            Token::Text(text) => builder.text(&text),
            Token::Start(tag) => builder.start(&tag),
            Token::End(name) => builder.end(&name),
        }
    }
    builder.finish()
}

/// Elements that end the paragraph before them and start a new one.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "ul"
            | "xmp"
    )
}

/// Elements that have no content and no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that only give a table its structure.
fn is_table_part(name: &str) -> bool {
    matches!(
        name,
        "table" | "caption" | "colgroup" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th"
    )
}

/// True when the element shows nothing: `display:none`, `mso-hide:all` or `hidden`.
fn is_hidden(tag: &Tag) -> bool {
    if tag.attr("hidden").is_some() {
        return true;
    }
    tag.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        style.contains("display:none") || style.contains("mso-hide:all")
    })
}

/// A `colspan`/`rowspan` value read leniently: `2`, `"2"`, `'2'`, ` 2 `, `2px`; anything else,
/// and 0, is 1.
fn span_attr(tag: &Tag, name: &str) -> usize {
    let Some(value) = tag.attr(name) else {
        return 1;
    };
    let value = value.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let digits = value.bytes().take_while(u8::is_ascii_digit).take(6);
    let n = digits.fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
    n.max(1)
}

/// True for characters between which a line break in the source shows as nothing (CSS: East
/// Asian wide characters, Hangul excepted).
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{A4CF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// White space waiting between two pieces of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    #[default]
    None,
    /// Spaces or tabs: one space.
    Space,
    /// White space with a line break: a space, except between two wide characters.
    Break,
}

/// The paragraph being written, with browser-like white-space collapsing.
#[derive(Debug, Default)]
struct Line {
    text: String,
    gap: Gap,
}

impl Line {
    /// Appends text whose white space collapses.
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                ' ' | '\t' | '\x0C' => self.gap = self.gap.max(Gap::Space),
                '\n' | '\r' => self.gap = self.gap.max(Gap::Break),
                _ => self.push_char(c),
            }
        }
    }

    fn push_char(&mut self, c: char) {
        // Control characters are not text: a raw NUL is dropped as browsers drop it, and so
        // is any other (`&#0;` was decoded as U+FFFD already).
        if c.is_control() && c != '\t' {
            return;
        }
        if let Some(last) = self.text.chars().next_back() {
            let space = match self.gap {
                Gap::None => false,
                Gap::Space => true,
                Gap::Break => !(is_wide(last) && is_wide(c)),
            };
            if space {
                self.text.push(' ');
            }
        }
        self.gap = Gap::None;
        self.text.push(c);
    }

    /// Appends one line of preformatted text, white space as written.
    fn push_pre(&mut self, s: &str) {
        for c in s.chars().filter(|&c| c != '\r') {
            self.push_char(c);
        }
    }
}

/// Paragraphs and tables written so far in one place: the body, a cell, or the text inside a
/// table but outside its cells.
#[derive(Debug, Default)]
struct Flow {
    blocks: Vec<Block>,
    line: Line,
}

impl Flow {
    /// Ends the current paragraph; an empty or blank one is dropped.
    fn brk(&mut self) {
        let line = mem::take(&mut self.line);
        if !line.text.trim().is_empty() {
            self.blocks.push(Block::Paragraph(line.text));
        }
    }

    fn push_block(&mut self, block: Block) {
        self.brk();
        self.blocks.push(block);
    }

    /// The flow as a cell's text: paragraphs and flattened tables joined by a space.
    fn into_cell_text(mut self) -> String {
        self.brk();
        let mut parts: Vec<String> = Vec::new();
        for block in self.blocks {
            match block {
                Block::Paragraph(p) => parts.push(p),
                Block::Table(t) => parts.extend(t.grid().into_iter().flatten()),
            }
        }
        parts.retain(|p| !p.trim().is_empty());
        parts.join(" ")
    }
}

/// An element on the stack of open elements, with what it does to its content.
#[derive(Debug)]
struct Open {
    name: String,
    hidden: bool,
    pre: bool,
}

/// A cell being read.
#[derive(Debug)]
struct CellBuild {
    /// The stack length before the cell's own element.
    depth: usize,
    flow: Flow,
    colspan: usize,
    rowspan: usize,
}

/// A cell read to its end, kept small until its table ends: a table of many thousand cells
/// holds only these (about 40 bytes and the text, against a whole `Flow` each).
#[derive(Debug)]
struct Done {
    content: Content,
    colspan: u32,
    rowspan: u32,
}

/// What a read cell holds.
#[derive(Debug)]
enum Content {
    /// One paragraph, or none (""): its text is the cell's text, and its block in a frame.
    Text(String),
    /// Several blocks, or a table: kept whole, since a layout frame lays them out as they are.
    Blocks(Vec<Block>),
}

impl CellBuild {
    fn done(self) -> Done {
        let mut flow = self.flow;
        flow.brk();
        let content = match flow.blocks.as_slice() {
            [] => Content::Text(String::new()),
            [Block::Paragraph(_)] => match flow.blocks.pop() {
                Some(Block::Paragraph(text)) => Content::Text(text),
                _ => Content::Text(String::new()),
            },
            _ => Content::Blocks(flow.blocks),
        };
        // Spans are capped far below u32 (see `span_attr`).
        Done {
            content,
            colspan: u32::try_from(self.colspan).unwrap_or(u32::MAX),
            rowspan: u32::try_from(self.rowspan).unwrap_or(u32::MAX),
        }
    }
}

impl Content {
    /// True when it holds a table of two rows or more, one of two cells or more: a table
    /// holding one is a layout frame.
    fn has_real_table(&self) -> bool {
        match self {
            Content::Text(_) => false,
            Content::Blocks(blocks) => blocks.iter().any(|b| match b {
                Block::Table(t) => t.rows.len() >= 2 && t.rows.iter().any(|r| r.len() >= 2),
                Block::Paragraph(_) => false,
            }),
        }
    }

    /// The cell's text: paragraphs and flattened tables joined by a space.
    fn into_text(self) -> String {
        match self {
            Content::Text(text) => text,
            Content::Blocks(blocks) => Flow {
                blocks,
                line: Line::default(),
            }
            .into_cell_text(),
        }
    }

    /// The cell's blocks, as a frame lays them out.
    fn into_blocks(self) -> Vec<Block> {
        match self {
            Content::Text(text) if text.is_empty() => Vec::new(),
            Content::Text(text) => vec![Block::Paragraph(text)],
            Content::Blocks(blocks) => blocks,
        }
    }
}

/// A table being read.
#[derive(Debug, Default)]
struct TableBuild {
    /// The stack length before the table's own element.
    depth: usize,
    /// Text inside the table but outside its cells.
    before: Flow,
    rows: Vec<Vec<Done>>,
    row: Option<Vec<Done>>,
    cell: Option<CellBuild>,
}

impl TableBuild {
    /// The table's blocks: the stray text first, then the table itself — or, for a layout
    /// frame around a real table, the blocks of its cells.
    fn into_blocks(mut self) -> Vec<Block> {
        self.before.brk();
        let mut blocks = self.before.blocks;
        let frame = self
            .rows
            .iter()
            .flatten()
            .any(|cell| cell.content.has_real_table());
        if frame {
            for cell in self.rows.into_iter().flatten() {
                blocks.extend(cell.content.into_blocks());
            }
            return blocks;
        }
        if self.rows.is_empty() {
            return blocks;
        }
        let rows = self
            .rows
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|cell| Cell {
                        text: cell.content.into_text(),
                        colspan: cell.colspan as usize,
                        rowspan: cell.rowspan as usize,
                    })
                    .collect()
            })
            .collect();
        blocks.push(Block::Table(Table { rows }));
        blocks
    }
}

/// Turns tokens into blocks; see the module documentation.
#[derive(Debug, Default)]
struct Builder {
    body: Flow,
    stack: Vec<Open>,
    tables: Vec<TableBuild>,
    /// How many open elements hide their content, and how many are preformatted.
    hidden: usize,
    pre: usize,
    in_head: bool,
}

impl Builder {
    /// Where text goes now: the open cell, the open table's stray text, or the body.
    fn flow(&mut self) -> &mut Flow {
        match self.tables.last_mut() {
            Some(TableBuild {
                cell: Some(cell), ..
            }) => &mut cell.flow,
            Some(table) => &mut table.before,
            None => &mut self.body,
        }
    }

    /// The stack length below which an end tag may not close elements: the open cell's or
    /// table's own element is the limit.
    fn boundary(&self) -> usize {
        match self.tables.last() {
            Some(TableBuild {
                cell: Some(cell), ..
            }) => cell.depth + 1,
            Some(table) => table.depth + 1,
            None => 0,
        }
    }

    /// True when a table that is not shown is open inside the current cell or table: its table
    /// tags build nothing. (A shown table has its own frame, so a `table` element on the stack
    /// above the boundary is always one that is not shown.)
    fn in_hidden_table(&self) -> bool {
        self.stack
            .iter()
            .skip(self.boundary())
            .any(|o| o.name == "table")
    }

    fn text(&mut self, text: &str) {
        if self.in_head || self.hidden > 0 {
            return;
        }
        if self.pre == 0 {
            self.flow().line.push(text);
            return;
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.flow().brk();
            }
            self.flow().line.push_pre(line);
        }
    }

    fn start(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        match name {
            "head" => self.in_head = true,
            "html" => {}
            "body" => self.in_head = false,
            _ if self.in_head && is_void(name) => {}
            "table" if self.hidden > 0 || is_hidden(tag) => {
                self.push(name, is_hidden(tag), false);
            }
            _ if is_table_part(name) && self.in_hidden_table() => {}
            "table" => {
                self.in_head = false;
                self.open_table();
            }
            "tr" => self.open_row(),
            "td" | "th" => self.open_cell(tag),
            "thead" | "tbody" | "tfoot" => self.end_row(),
            "caption" | "colgroup" => self.flow().brk(),
            "br" => self.flow().brk(),
            _ => {
                self.in_head = false;
                if is_block(name) {
                    self.close_p();
                    self.flow().brk();
                }
                let namespaced_empty = tag.self_closing && name.contains(':');
                if !is_void(name) && !namespaced_empty {
                    let pre = matches!(name, "pre" | "listing" | "xmp" | "plaintext");
                    self.push(name, is_hidden(tag), pre);
                }
            }
        }
    }

    fn end(&mut self, name: &str) {
        if self.in_head {
            if name == "head" {
                self.in_head = false;
            }
            return;
        }
        match name {
            "html" | "body" => {}
            "table" if self.in_hidden_table() => self.pop(name),
            _ if is_table_part(name) && self.in_hidden_table() => {}
            "table" => self.close_table(),
            "tr" | "thead" | "tbody" | "tfoot" => self.end_row(),
            "td" | "th" => self.end_cell(),
            "caption" => self.flow().brk(),
            // Browsers read `</br>` as `<br>`, and `</p>` without a `<p>` as an empty paragraph.
            "br" | "p" => {
                self.pop(name);
                self.flow().brk();
            }
            _ => {
                self.pop(name);
                if is_block(name) {
                    self.flow().brk();
                }
            }
        }
    }

    fn push(&mut self, name: &str, hidden: bool, pre: bool) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        self.hidden += usize::from(hidden);
        self.pre += usize::from(pre);
        self.stack.push(Open {
            name: name.to_string(),
            hidden,
            pre,
        });
    }

    /// Closes open elements down to stack length `len`.
    fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            if let Some(open) = self.stack.pop() {
                self.hidden -= usize::from(open.hidden);
                self.pre -= usize::from(open.pre);
            }
        }
    }

    /// Closes the innermost open `name` inside the current cell or table, if any.
    fn pop(&mut self, name: &str) {
        let boundary = self.boundary();
        let found = self
            .stack
            .iter()
            .enumerate()
            .skip(boundary)
            .rev()
            .find(|(_, o)| o.name == name);
        if let Some((i, _)) = found {
            self.truncate(i);
        }
    }

    /// A block start closes an open paragraph, as in browsers.
    fn close_p(&mut self) {
        self.pop("p");
    }

    fn open_table(&mut self) {
        self.close_p();
        self.flow().brk();
        // A table directly inside a table (not in a cell) ends the first one, as in browsers.
        if self.tables.last().is_some_and(|t| t.cell.is_none()) {
            self.close_table();
        }
        if self.tables.len() >= MAX_TABLES {
            return;
        }
        let depth = self.stack.len();
        self.push("table", false, false);
        self.tables.push(TableBuild {
            depth,
            ..TableBuild::default()
        });
    }

    fn open_row(&mut self) {
        if self.tables.is_empty() {
            self.flow().brk();
            return;
        }
        self.end_row();
        if let Some(table) = self.tables.last_mut() {
            table.row = Some(Vec::new());
        }
    }

    fn open_cell(&mut self, tag: &Tag) {
        if self.tables.is_empty() {
            self.flow().brk();
            return;
        }
        self.end_cell();
        let depth = self.stack.len();
        self.push(&tag.name, is_hidden(tag), false);
        if let Some(table) = self.tables.last_mut() {
            table.row.get_or_insert_with(Vec::new);
            table.cell = Some(CellBuild {
                depth,
                flow: Flow::default(),
                colspan: span_attr(tag, "colspan"),
                rowspan: span_attr(tag, "rowspan"),
            });
        }
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.take()) else {
            return;
        };
        self.truncate(cell.depth);
        if let Some(table) = self.tables.last_mut() {
            table.row.get_or_insert_with(Vec::new).push(cell.done());
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(table) = self.tables.last_mut() {
            if let Some(row) = table.row.take() {
                table.rows.push(row);
            }
        }
    }

    fn close_table(&mut self) {
        self.end_row();
        let Some(table) = self.tables.pop() else {
            return;
        };
        self.truncate(table.depth);
        for block in table.into_blocks() {
            self.flow().push_block(block);
        }
    }

    fn finish(mut self) -> Document {
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.body.brk();
        Document {
            blocks: self.body.blocks,
            pages: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document as compact lines: `P text` for a paragraph, `T` then one `| a | b` line per
    /// row (cells as `text{colspan,rowspan}` when spanning) for a table.
    fn read(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        for block in parse(html).blocks {
            match block {
                Block::Paragraph(p) => out.push(format!("P {p}")),
                Block::Table(t) => {
                    out.push("T".to_string());
                    for row in t.rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|c| match (c.colspan, c.rowspan) {
                                (1, 1) => c.text.clone(),
                                (cs, rs) => format!("{}{{{cs},{rs}}}", c.text),
                            })
                            .collect();
                        out.push(format!("| {}", cells.join(" | ")));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn paragraphs_and_inline_text() {
        assert_eq!(
            read("<h1>标题</h1><p>一、<b>总体</b>情况</p>文字<div>甲<br>乙<br/></div><ul><li>a<li>b</ul>"),
            ["P 标题", "P 一、总体情况", "P 文字", "P 甲", "P 乙", "P a", "P b"]
        );
        assert_eq!(
            read("<p>a</p><p>   </p><p>&nbsp;</p><p>\u{3000}</p><section>b</section><article>c</article><blockquote>d</blockquote>"),
            ["P a", "P b", "P c", "P d"]
        );
    }

    #[test]
    fn white_space_collapses_like_a_browser() {
        assert_eq!(read("<p>  a \n\t b  <span> c</span> </p>"), ["P a b c"]);
        // Word wraps its HTML inside Chinese text; the break shows as nothing between CJK.
        assert_eq!(
            read("<p>中华人民共和国政府信息\r\n公开条例（2019 \n年）</p>"),
            ["P 中华人民共和国政府信息公开条例（2019 年）"]
        );
        assert_eq!(
            read("<p>\u{3000}\u{3000}本局&nbsp;&nbsp;x</p>"),
            ["P \u{3000}\u{3000}本局\u{a0}\u{a0}x"]
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(
            read("<pre>规章\t0\n  行政许可  1\n</pre>after"),
            ["P 规章\t0", "P   行政许可  1", "P after"]
        );
    }

    #[test]
    fn head_hidden_and_skipped_content_show_nothing() {
        let html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>\
            <meta charset=utf-8><title>标题</title><style>p{}</style>\
            <!--[if gte mso 9]><xml><o:DocumentProperties>x</o:DocumentProperties></xml><![endif]-->\
            </head><body><p>可见<span style='display: NONE'>隐藏<b>也隐藏</b></span>文字</p>\
            <p style='mso-hide:all'>不显示</p><div hidden>无</div>\
            <script>document.write('x')</script><noscript>n</noscript><template>t</template>\
            <p><![if !supportLists]>1.<![endif]>列表<o:p></o:p></p></body></html>";
        assert_eq!(read(html), ["P 可见文字", "P 1.列表"]);
    }

    #[test]
    fn unclosed_hidden_paragraph_ends_at_the_next_block() {
        assert_eq!(read("<p style=display:none>x<p>y</p>"), ["P y"]);
    }

    #[test]
    fn tables_with_spans() {
        let html = "<p>前</p><table border=1><thead><tr><th colspan=\"3\" rowspan='2'>项目</th><th>值</th></tr></thead>\
            <tbody><tr><td>1</td></tr><tr><td colspan=' 2 '>a</td><td colspan=0>b</td><td rowspan=x>c</td></tr></tbody></table><p>后</p>";
        assert_eq!(
            read(html),
            [
                "P 前",
                "T",
                "| 项目{3,2} | 值",
                "| 1",
                "| a{2,1} | b | c",
                "P 后"
            ]
        );
    }

    #[test]
    fn cell_paragraphs_join_with_a_space() {
        let html = "<table><tr><td><p align=center><span>三、本年度</span></p><p>办理结果</p></td>\
            <td>行政<br>复议</td><td><span lang=EN-US>0<o:p></o:p></span></td></tr></table>";
        assert_eq!(read(html), ["T", "| 三、本年度 办理结果 | 行政 复议 | 0"]);
    }

    #[test]
    fn malformed_tables_do_the_obvious_thing() {
        // Unclosed td and tr, a td straight in the table, a stray </td>, missing </table>.
        assert_eq!(
            read("<table><td>a<td>b<tr><td>c</td></td><td>d<tr><td><p>e<td>f"),
            ["T", "| a | b", "| c | d", "| e | f"]
        );
        // Text outside cells comes before the table; stray cells outside tables are text.
        assert_eq!(
            read("<table>说明<tr><td>x</td></tr></table><td>y</td><tr>z"),
            ["P 说明", "T", "| x", "P y", "P z"]
        );
        // A table straight inside a table ends the first one.
        assert_eq!(
            read("<table><tr><td>1</td></tr><table><tr><td>2</td></tr></table>"),
            ["T", "| 1", "T", "| 2"]
        );
        // An empty table is nothing; an unclosed <p> inside a cell ends with the cell.
        assert_eq!(
            read("<table></table><table><tr><td><p style='display:none'>h</td><td>v</td></tr></table>"),
            ["T", "|  | v"]
        );
    }

    #[test]
    fn a_small_nested_table_is_flattened_into_its_cell() {
        let html = "<table><tr><td>外</td><td><table><tr><td>甲</td><td>乙</td></tr></table>丙</td></tr></table>";
        assert_eq!(read(html), ["T", "| 外 | 甲 乙 丙"]);
        let html = "<table><tr><td><table><tr><td>一</td></tr><tr><td>二</td></tr></table></td></tr></table>";
        assert_eq!(read(html), ["T", "| 一 二"]);
    }

    #[test]
    fn a_layout_frame_around_a_table_is_unwrapped() {
        let html = "<table><tr><td>导航</td><td><p>正文</p>\
            <table><tr><td>规章</td><td>0</td></tr><tr><td>行政许可</td><td>1</td></tr></table>\
            <p>结束</p></td></tr></table>";
        assert_eq!(
            read(html),
            [
                "P 导航",
                "P 正文",
                "T",
                "| 规章 | 0",
                "| 行政许可 | 1",
                "P 结束"
            ]
        );
    }

    #[test]
    fn hidden_table_parts() {
        // A hidden cell keeps its place but not its text; a hidden table shows nothing.
        assert_eq!(
            read("<table><tr><td style='display:none'>x<td>y</tr></table>"),
            ["T", "|  | y"]
        );
        assert_eq!(
            read("<div style='display:none'><table><tr><td>x</td></tr></table></div><p>y</p>"),
            ["P y"]
        );
        assert_eq!(
            read(
                "<table style='display:none'><tr><td>x<table><tr><td>z</table></td></tr></table>y"
            ),
            ["P y"]
        );
        // A cell starting inside a hidden span ends it, as in browsers.
        assert_eq!(
            read("<table><tr><td><span style='display:none'><td>x</span>y</td></tr></table>"),
            ["T", "|  | xy"]
        );
    }

    #[test]
    fn deep_nesting_and_huge_input_are_capped() {
        let deep = "<div><span>".repeat(5_000) + "x" + &"</span></div>".repeat(5_000);
        assert_eq!(read(&deep), ["P x"]);
        let tables = "<table><tr><td>".repeat(100) + "x";
        assert_eq!(parse(&tables).to_text().trim(), "x");
        let filler = "x".repeat(MAX_INPUT - 100);
        let under = format!("<p>a</p><!--{filler}--><p>b</p>");
        assert_eq!(read(&under), ["P a", "P b"]);
        let over = format!("<p>a</p><!--{filler}-->{}<p>b</p>", " ".repeat(100));
        assert_eq!(read(&over), ["P a"]);
    }

    #[test]
    fn word_fragment_lays_out_as_tab_separated_rows() {
        let html = "<html><body><!--StartFragment--><p class=MsoNormal>二、主动公开政府信息情况<o:p></o:p></p>\
            <table class=MsoTableGrid border=1><tr><td colspan=4><p>第二十条第（一）项</p></td></tr>\
            <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table><!--EndFragment--></body></html>";
        assert_eq!(
            parse(html).to_text(),
            "二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n规章\t0\t0\t0\n"
        );
    }
}
