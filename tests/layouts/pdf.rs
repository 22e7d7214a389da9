//! Writes a [`Filled`] report as a PDF file, as the programs that publish reports write it
//! ([`Dialect`]): WPS, Word, LibreOffice, and a printer driver with GBK fonts.
//!
//! The document is the one the .docx layouts write (`grid.rs`'s blocks: title, headings, prose
//! and the three tables with their merged cells), laid out on A4 pages in the 公文 type area
//! (GB/T 9704: 156 × 225 mm, 37 mm from the top, 28 mm from the left): prose wrapped at the
//! page width, so sentences run over lines; cell text wrapped at its column's width, so long
//! row labels and narrow headers take two or more lines; rows that do not fit moved to the next
//! page, so section 三 always runs over a page break, in some reports with its header repeated;
//! a running header and a page number in the margins. Each dialect then writes the pages as its
//! program does:
//!
//! | dialect     | fonts                                   | text shown        | borders                     | stream order            | file               |
//! |-------------|-----------------------------------------|-------------------|-----------------------------|-------------------------|--------------------|
//! | WPS         | Identity-H + ToUnicode                  | a `Tj` per glyph  | each cell's edges stroked   | text, then borders      | xref table         |
//! | Word        | Identity-H + ToUnicode, WinAnsi digits  | `TJ` with kerning | thin filled rectangles      | cell by cell, tagged    | object streams     |
//! | LibreOffice | Identity-H + ToUnicode (bfrange)        | whole runs        | long lines per grid line    | borders, then by column | xref table         |
//! | GBK         | GBK-EUC-H, UniGB-UCS2-H, WinAnsi digits | whole runs        | long lines, double outline  | text, then borders      | xref table, y flip |
//!
//! The GBK dialect sets its title and headings in 黑体 as the oldest drivers write it: a simple
//! TrueType font, not embedded, `WinAnsiEncoding` and no ToUnicode, its name and its text in
//! GBK bytes. Its paper is wider than the page, whose `/CropBox` it is, and the strip outside
//! holds a column of the print job's number, one on the baseline of almost every line.
//!
//! No font program is embedded: the reader does not render. The geometry is what a viewer
//! shows; the GBK dialect's fonts are the ones a viewer can show without a program.
//!
//! Invariant: the same report, dialect and generator state give the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use super::grid::{blocks, Block, Cell, Table};
use super::render::Texts;
use super::{Filled, Rng};
use nianbao::template::SECTIONS;

/// A program that writes PDF files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Wps,
    Word,
    LibreOffice,
    /// A printer driver: fonts by predefined CMaps (GBK-EUC-H for prose, UniGB-UCS2-H for
    /// tables), no ToUnicode, digits in a WinAnsi font, the title and headings in GBK bytes
    /// under a simple WinAnsi font named 黑体 (not embedded), the page drawn upside down through
    /// `cm`.
    Gbk,
}

/// Whether a table row that does not fit the rest of a page may break across it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// Moved whole to the next page.
    Whole,
    /// Broken: the lines that fit on this page, the rest on the next (Word's 允许跨页断行).
    Break,
}

/// The PDF file `dialect` writes for the report.
pub fn pdf(f: &Filled, dialect: Dialect, rows: Rows, rng: &mut Rng) -> Vec<u8> {
    let texts = if rng.chance(30) {
        Texts::with_zeros(f, rng)
    } else {
        Texts::for_grid(f, rng)
    };
    let style = Style {
        split_rows: rows == Rows::Break,
        ..Style::of(dialect, rng)
    };
    let mut composer = Composer::new(style);
    let running = format!("{}{}年政府信息公开工作年度报告", f.agency, f.year);
    let mut tables = 0;
    for (i, block) in blocks(f, &texts).into_iter().enumerate() {
        match block {
            Block::Paragraph(p) if i == 0 => composer.title(&p, f.agency),
            Block::Paragraph(p) if SECTIONS.iter().any(|s| s.heading == p) => {
                composer.paragraph(&p, Face::Heading);
                // Real reports say more under 一 and 五: so the tables break at other places.
                if p == SECTIONS[0].heading || p == SECTIONS[4].heading {
                    for _ in 0..rng.below(4) {
                        composer.paragraph(&more_prose(rng), Face::Body);
                    }
                }
            }
            Block::Paragraph(p) => composer.paragraph(&p, Face::Body),
            Block::Table(t) => {
                composer.table(&t, tables, rng);
                tables += 1;
            }
        }
    }
    composer.margins(&running);
    write_file(&composer.sheets, &style, rng)
}

/// Sentences of the kind reports write under 一 and 五, without numbers (the prose rules
/// compare numbers in the prose with the tables).
const PROSE: &[&str] = &[
    "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。",
    "严格落实政府信息公开审查机制，做到先审查、后公开，一事一审、全面审查。",
    "依托政府门户网站、政务新媒体等平台，及时发布与群众切身利益相关的政策文件。",
    "进一步规范依申请公开办理流程，明确受理、审核、答复等环节的工作要求。",
    "加强政策解读，采用图文、问答等形式，帮助公众准确理解政策内容。",
    "对照年度工作要点，逐项梳理任务清单，压实工作责任，确保各项任务落到实处。",
];

/// One paragraph of two to five such sentences.
fn more_prose(rng: &mut Rng) -> String {
    (0..2 + rng.below(4)).map(|_| *rng.pick(PROSE)).collect()
}

// ---------------------------------------------------------------------------------------------
// Page geometry and style

const PAGE_W: f64 = 595.28;
const PAGE_H: f64 = 841.89;
const LEFT: f64 = 79.37;
const TEXT_W: f64 = 442.2;

/// A page's type area.
#[derive(Clone, Copy, Debug)]
struct Area {
    left: f64,
    width: f64,
    top: f64,
    bottom: f64,
    /// The page's height as laid out (its width on a landscape page).
    height: f64,
}

/// The type area of a portrait page, or of a landscape one (the same area turned).
fn area(landscape: bool) -> Area {
    if landscape {
        Area {
            left: 104.88,
            width: 637.8,
            top: PAGE_W - 79.37,
            bottom: PAGE_W - 79.37 - TEXT_W,
            height: PAGE_W,
        }
    } else {
        Area {
            left: LEFT,
            width: TEXT_W,
            top: PAGE_H - 104.88,
            bottom: 99.21,
            height: PAGE_H,
        }
    }
}
/// The space between a cell's edges and its text.
const PAD_X: f64 = 2.5;
const PAD_Y: f64 = 3.0;

/// What a piece of text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Face {
    Title,
    Heading,
    Body,
    Table,
    Margin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Left,
    Centre,
    Right,
}

/// How a dialect lays out and writes a report.
#[derive(Clone, Copy, Debug)]
struct Style {
    dialect: Dialect,
    /// The size of table text.
    table_size: f64,
    /// Number cells: centred or right-aligned.
    numbers: Align,
    /// Row labels: left-aligned or centred.
    labels: Align,
    /// Cell text centred vertically (else at the top).
    middle: bool,
    /// Section 三's three header rows repeated on the next page.
    repeat_header: bool,
    compress: bool,
    /// Body text size and line pitch: 三号 on 22 lines, or LibreOffice's 小四.
    body: f64,
    pitch: f64,
    /// Header cells and section 二's labels spread over the cell's width (分散对齐).
    spread: bool,
    /// The title and headings drawn twice, 0.3 pt apart (fake bold).
    bold: bool,
    /// The running header on the first page too.
    first_header: bool,
    /// Section 三 on landscape pages of its own.
    landscape: bool,
    /// A row that does not fit the page breaks across it, its lines flowing on (Word's 允许跨页断行).
    split_rows: bool,
}

impl Style {
    fn of(dialect: Dialect, rng: &mut Rng) -> Style {
        let (table_size, numbers, labels, middle) = match dialect {
            Dialect::Wps => (10.5, Align::Centre, Align::Left, true),
            Dialect::Word => (10.5, Align::Centre, Align::Centre, true),
            Dialect::LibreOffice => (9.0, Align::Right, Align::Left, false),
            Dialect::Gbk => (9.0, Align::Right, Align::Centre, true),
        };
        // LibreOffice reports in 小四, and some set small (五号 prose, 六号 tables) on two pages.
        let (body, pitch, table_size) = match dialect {
            Dialect::LibreOffice if rng.chance(40) => (10.5, 15.75, 7.5),
            Dialect::LibreOffice => (12.0, 20.8, table_size),
            _ => (16.0, 28.95, table_size),
        };
        Style {
            dialect,
            table_size,
            numbers,
            labels,
            middle,
            repeat_header: dialect != Dialect::Gbk && rng.chance(50),
            compress: dialect != Dialect::Gbk,
            body,
            pitch,
            spread: dialect == Dialect::Wps && rng.chance(50),
            bold: matches!(dialect, Dialect::Wps | Dialect::Word),
            first_header: dialect == Dialect::LibreOffice,
            landscape: matches!(dialect, Dialect::Wps | Dialect::Word) && rng.chance(30),
            split_rows: false,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fonts

/// How a font's codes are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    /// Two-byte glyph ids assigned here, with a ToUnicode map.
    Identity,
    /// `UniGB-UCS2-H`: UTF-16 codes, no ToUnicode.
    Ucs2,
    /// `GBK-EUC-H`: GBK bytes, no ToUnicode.
    Gbk,
    /// A simple TrueType font for digits and Latin letters.
    WinAnsi,
    /// A simple TrueType font named after a Chinese font and not embedded, `WinAnsiEncoding`
    /// and no ToUnicode, whose bytes are GBK: what printer drivers write for 宋体 or 黑体.
    GbkBytes,
}

/// One font resource of the file.
struct Font {
    base: &'static str,
    encoding: Encoding,
    /// Identity fonts: the glyph id of each character, in first-use order from `first`.
    gids: BTreeMap<char, u16>,
    next: u16,
}

/// The fonts of a dialect, resource `/F{i+1}` for index `i`.
fn fonts(dialect: Dialect, rng: &mut Rng) -> Vec<Font> {
    let first = 3 + rng.below(40) as u16;
    let font = |base, encoding| Font {
        base,
        encoding,
        gids: BTreeMap::new(),
        next: first,
    };
    use Encoding::*;
    match dialect {
        Dialect::Wps => vec![
            font("FangSong_GB2312", Identity),
            font("SimHei", Identity),
            font("FZXiaoBiaoSong-B05S", Identity),
        ],
        Dialect::Word => vec![
            font("BCDEEE+FangSong", Identity),
            font("BCDFEE+SimHei", Identity),
            font("BCDGEE+FZXiaoBiaoSong-B05S", Identity),
            font("BCDHEE+TimesNewRomanPSMT", WinAnsi),
        ],
        Dialect::LibreOffice => vec![
            font("AAAAAB+NotoSerifCJKsc-Regular", Identity),
            font("AAAAAC+NotoSansCJKsc-Bold", Identity),
        ],
        // 黑体, its name in GBK bytes written as #-escapes.
        Dialect::Gbk => vec![
            font("SimSun", Gbk),
            font("SimHei", Ucs2),
            font("ArialMT", WinAnsi),
            font("#BA#DA#CC#E5", GbkBytes),
        ],
    }
}

/// The font (index into [`fonts`]) a dialect sets `c` in with `face`.
fn font_for(dialect: Dialect, face: Face, c: char) -> usize {
    match dialect {
        Dialect::Wps => match face {
            Face::Heading => 1,
            Face::Title => 2,
            _ => 0,
        },
        Dialect::Word if c.is_ascii() => 3,
        Dialect::Word => match face {
            Face::Heading => 1,
            Face::Title => 2,
            _ => 0,
        },
        Dialect::LibreOffice => usize::from(matches!(face, Face::Heading | Face::Title)),
        Dialect::Gbk => match face {
            Face::Table => 1,
            Face::Title | Face::Heading => 3,
            _ if c.is_ascii() => 2,
            _ => 0,
        },
    }
}

/// The advance of `c` in thousandths of the font size, as the font's widths say.
fn advance(encoding: Encoding, c: char) -> f64 {
    match (encoding, c) {
        (Encoding::WinAnsi, ' ' | '.') => 250.0,
        (Encoding::WinAnsi, '-') => 333.0,
        (_, c) if c.is_ascii() => 500.0,
        _ => 1000.0,
    }
}

/// The width of `text` set in `face` at `size`.
fn measure(dialect: Dialect, face: Face, text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| advance(font_encoding(dialect, font_for(dialect, face, c)), c))
        .sum::<f64>()
        * size
        / 1000.0
}

fn font_encoding(dialect: Dialect, font: usize) -> Encoding {
    use Encoding::*;
    let table: &[Encoding] = match dialect {
        Dialect::Wps => &[Identity, Identity, Identity],
        Dialect::Word => &[Identity, Identity, Identity, WinAnsi],
        Dialect::LibreOffice => &[Identity, Identity],
        Dialect::Gbk => &[Gbk, Ucs2, WinAnsi, GbkBytes],
    };
    table.get(font).copied().unwrap_or(Identity)
}

impl Font {
    /// The bytes of `text` in this font (assigning glyph ids as needed).
    fn encode(&mut self, text: &str) -> Vec<u8> {
        match self.encoding {
            Encoding::Identity => text
                .chars()
                .flat_map(|c| {
                    let next = &mut self.next;
                    let gid = *self.gids.entry(c).or_insert_with(|| {
                        *next += 1;
                        *next - 1
                    });
                    gid.to_be_bytes()
                })
                .collect(),
            Encoding::Ucs2 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            Encoding::Gbk | Encoding::GbkBytes => {
                let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
                assert!(!unmappable, "{text} is not all in GBK");
                bytes.into_owned()
            }
            Encoding::WinAnsi => text.bytes().collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Layout: the report on pages

/// A line of text placed on a page (baseline at `y`).
#[derive(Clone, Debug)]
struct Run {
    x: f64,
    y: f64,
    size: f64,
    face: Face,
    text: String,
    /// The table and grid place of the cell the run stands in.
    cell: Option<(usize, usize, usize)>,
    /// Extra space after each glyph (distributed text).
    spacing: f64,
}

/// A cell's box on one page: left, right, top, bottom; and its table and grid place.
#[derive(Clone, Copy, Debug)]
struct CellBox {
    edges: [f64; 4],
    table: usize,
    row: usize,
    col: usize,
    header: bool,
}

/// What one page shows, before a dialect writes it.
#[derive(Default)]
struct Sheet {
    runs: Vec<Run>,
    boxes: Vec<CellBox>,
    /// A rule under the running header: (y, from x, to x).
    header_rule: Option<(f64, f64, f64)>,
    landscape: bool,
}

/// Lays the report out on pages.
struct Composer {
    style: Style,
    sheets: Vec<Sheet>,
    y: f64,
    /// New pages are landscape.
    landscape: bool,
}

impl Composer {
    fn new(style: Style) -> Composer {
        Composer {
            style,
            sheets: vec![Sheet::default()],
            y: area(false).top,
            landscape: false,
        }
    }

    fn area(&self) -> Area {
        area(self.sheets.last().is_some_and(|s| s.landscape))
    }

    fn page(&self) -> usize {
        self.sheets.len() - 1
    }

    fn new_page(&mut self) {
        self.sheets.push(Sheet {
            landscape: self.landscape,
            ..Sheet::default()
        });
        self.y = self.area().top;
    }

    fn run(&mut self, x: f64, y: f64, size: f64, face: Face, text: &str) {
        let run = Run {
            x,
            y,
            size,
            face,
            text: text.to_string(),
            cell: None,
            spacing: 0.0,
        };
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.runs.push(run);
        }
    }

    /// The title, centred in 二号; when it does not fit one line, the agency on the first.
    fn title(&mut self, title: &str, agency: &str) {
        let size = 22.0;
        let d = self.style.dialect;
        let Area { left, width, .. } = self.area();
        let lines: Vec<&str> = if measure(d, Face::Title, title, size) <= width {
            vec![title]
        } else {
            vec![agency, title.strip_prefix(agency).unwrap_or(title)]
        };
        self.y -= size;
        for line in lines {
            let x = left + (width - measure(d, Face::Title, line, size)) / 2.0;
            self.run(x, self.y, size, Face::Title, line);
            self.y -= 36.0;
        }
        self.y -= self.style.pitch - 36.0 + 8.0;
    }

    /// A paragraph, its first line indented two characters, wrapped at the type area.
    fn paragraph(&mut self, text: &str, face: Face) {
        let d = self.style.dialect;
        let (body, pitch) = (self.style.body, self.style.pitch);
        let indent = 2.0 * body;
        let Area { left, width, .. } = self.area();
        let lines = wrap(text, width - indent, width, |s| measure(d, face, s, body));
        for (i, line) in lines.iter().enumerate() {
            if self.y - pitch < self.area().bottom {
                self.new_page();
            }
            let x = if i == 0 { left + indent } else { left };
            let baseline = self.y - pitch + 0.3 * (pitch - body);
            self.run(x, baseline, body, face, line);
            self.y -= pitch;
        }
    }

    /// A table: its cells on the grid of its columns, rows moved to the next page when they do
    /// not fit (a cell spanning rows over the break is drawn on both pages, its text on one).
    fn table(&mut self, table: &Table, index: usize, rng: &mut Rng) {
        let turned = self.style.landscape && index == 1;
        if turned {
            self.landscape = true;
            self.new_page();
        }
        self.table_here(table, index, rng);
        if turned {
            self.landscape = false;
            self.new_page();
        }
    }

    fn table_here(&mut self, table: &Table, index: usize, rng: &mut Rng) {
        let placed = places(table);
        let width = placed
            .iter()
            .map(|p| p.col + p.cell.colspan)
            .max()
            .unwrap_or(0);
        let columns = column_edges(index, width, self.area());
        let size = self.style.table_size;
        let leading = 1.3 * size;
        let d = self.style.dialect;
        let heights = row_heights(
            &placed,
            table.len(),
            &columns,
            |p| {
                let w = columns[p.col + p.cell.colspan] - columns[p.col] - 2.0 * PAD_X;
                cell_lines(d, &p.cell.text, w, size).len()
            },
            leading,
        );
        let head = header_rows(table);
        let repeat = self.style.repeat_header && index == 1;
        // Where each row stands: (row, page, top, height, copy of the header or 0).
        let mut slots: Vec<Slot> = Vec::new();
        let mut copies = 0;
        let mut units: Vec<Range<usize>> = Vec::new();
        if head > 0 {
            units.push(0..head);
        }
        units.extend((head..table.len()).map(|r| r..r + 1));
        self.y -= 4.0;
        for unit in units {
            let h: f64 = heights[unit.clone()].iter().sum();
            let room = self.y - self.area().bottom;
            let mut rest = None;
            if room < h {
                // Broken across the page: at least one line on each side.
                let body = unit.start >= head && unit.len() == 1;
                if self.style.split_rows
                    && body
                    && room >= leading + 2.0 * PAD_Y
                    && h >= 2.0 * leading + 2.0 * PAD_Y
                {
                    slots.push((unit.start, self.page(), self.y, room, 0));
                    let fit = ((room - 2.0 * PAD_Y) / leading).floor();
                    rest = Some((unit.start, h - fit * leading));
                }
                self.new_page();
                if repeat && unit.start >= head && head > 0 {
                    copies += 1;
                    for (r, h) in heights.iter().enumerate().take(head) {
                        slots.push((r, self.page(), self.y, *h, copies));
                        self.y -= h;
                    }
                }
            }
            if let Some((r, h)) = rest {
                slots.push((r, self.page(), self.y, h, 0));
                self.y -= h;
                continue;
            }
            for r in unit {
                slots.push((r, self.page(), self.y, heights[r], 0));
                self.y -= heights[r];
            }
        }
        for p in &placed {
            let rows = p.row..p.row + p.cell.rowspan;
            let copies = if p.row < head { 0..=copies } else { 0..=0 };
            for copy in copies {
                let parts = parts_of(&slots, &rows, copy);
                if parts.is_empty() {
                    continue;
                }
                let (left, right) = (columns[p.col], columns[p.col + p.cell.colspan]);
                for &(page, top, bottom) in &parts {
                    self.sheets[page].boxes.push(CellBox {
                        edges: [left, right, top, bottom],
                        table: index,
                        row: p.row,
                        col: p.col,
                        header: p.cell.header,
                    });
                }
                self.cell_text(p, index, (left, right), &parts, rng);
            }
        }
        self.y -= 8.0;
    }

    /// A cell's text in the first of its parts it fits in (else the tallest).
    fn cell_text(
        &mut self,
        p: &Placed,
        table: usize,
        (left, right): (f64, f64),
        parts: &[(usize, f64, f64)],
        _rng: &mut Rng,
    ) {
        let d = self.style.dialect;
        let numeric =
            !p.cell.text.is_empty() && p.cell.text.chars().all(|c| c.is_ascii_digit() || c == '.');
        let mut size = self.style.table_size;
        let room = right - left - 2.0 * PAD_X;
        // A number always stands on one line: shrunk to fit, as Word's 适应文字 does.
        while numeric && measure(d, Face::Table, &p.cell.text, size) > room && size > 4.0 {
            size -= 0.5;
        }
        let lines = cell_lines(d, &p.cell.text, room, size);
        if lines.is_empty() {
            return;
        }
        let leading = 1.3 * self.style.table_size;
        if p.cell.rowspan == 1 && parts.len() == 2 {
            self.flowed(p, table, (left, right), parts, &lines, size);
            return;
        }
        let need = lines.len() as f64 * leading + 2.0 * PAD_Y;
        let &(page, top, bottom) = parts
            .iter()
            .find(|(_, t, b)| t - b >= need)
            .or_else(|| {
                parts
                    .iter()
                    .max_by(|a, b| (a.1 - a.2).total_cmp(&(b.1 - b.2)))
            })
            .unwrap_or(&parts[0]);
        let block = lines.len() as f64 * leading;
        let start = if self.style.middle {
            top - (top - bottom - block) / 2.0
        } else {
            top - PAD_Y
        };
        let align = if numeric {
            self.style.numbers
        } else if p.cell.header || p.cell.colspan > 3 {
            Align::Centre
        } else {
            self.style.labels
        };
        let spread = self.style.spread
            && !numeric
            && lines.len() == 1
            && (p.cell.header || (table == 0 && p.col == 0 && p.cell.colspan == 1));
        for (i, line) in lines.iter().enumerate() {
            let w = measure(d, Face::Table, line, size);
            let glyphs = line.chars().count();
            let spacing = if spread && glyphs > 1 {
                (room - w) / (glyphs - 1) as f64
            } else {
                0.0
            };
            let x = match align {
                _ if spacing > 0.0 => left + PAD_X,
                Align::Left => left + PAD_X,
                Align::Centre => left + (right - left - w) / 2.0,
                Align::Right => right - PAD_X - w,
            };
            let y = start - (i as f64 + 1.0) * leading + 0.3 * leading;
            self.sheets[page].runs.push(Run {
                x,
                y,
                size,
                face: Face::Table,
                text: line.clone(),
                cell: Some((table, p.row, p.col)),
                spacing,
            });
        }
    }

    /// The lines of a cell in a row broken across pages: as many as fit on the first page, the
    /// rest on the next, each part's from its top.
    fn flowed(
        &mut self,
        p: &Placed,
        table: usize,
        (left, right): (f64, f64),
        parts: &[(usize, f64, f64)],
        lines: &[String],
        size: f64,
    ) {
        let d = self.style.dialect;
        let leading = 1.3 * self.style.table_size;
        let fit = (((parts[0].1 - parts[0].2 - 2.0 * PAD_Y) / leading).floor() as usize).max(1);
        for (i, line) in lines.iter().enumerate() {
            let (k, at) = if i < fit { (0, i) } else { (1, i - fit) };
            let (page, top, _) = parts[k];
            let w = measure(d, Face::Table, line, size);
            let x = if p.cell.header || p.cell.colspan > 3 || self.style.labels == Align::Centre {
                left + (right - left - w) / 2.0
            } else {
                left + PAD_X
            };
            self.sheets[page].runs.push(Run {
                x,
                y: top - PAD_Y - (at as f64 + 1.0) * leading + 0.3 * leading,
                size,
                face: Face::Table,
                text: line.clone(),
                cell: Some((table, p.row, p.col)),
                spacing: 0.0,
            });
        }
    }

    /// The running header (from page 2) and the page number of every page.
    fn margins(&mut self, running: &str) {
        let d = self.style.dialect;
        let total = self.sheets.len();
        for page in 0..total {
            let n = page + 1;
            let (footer, size) = match d {
                Dialect::Wps => (format!("- {n} -"), 14.0),
                Dialect::Word => (format!("第 {n} 页 共 {total} 页"), 9.0),
                Dialect::LibreOffice => (n.to_string(), 10.5),
                Dialect::Gbk => (format!("— {n} —"), 14.0),
            };
            let w = measure(d, Face::Margin, &footer, size);
            let sheet = &mut self.sheets[page];
            let Area {
                left,
                width,
                height,
                ..
            } = area(sheet.landscape);
            let x = match d {
                Dialect::LibreOffice => left + width - w,
                // 公文: odd pages' numbers on the right, even pages' on the left.
                Dialect::Gbk if n % 2 == 1 => left + width - w - 14.0,
                Dialect::Gbk => left + 14.0,
                _ => left + (width - w) / 2.0,
            };
            sheet.runs.push(Run {
                x,
                y: 0.066 * height,
                size,
                face: Face::Margin,
                text: footer,
                cell: None,
                spacing: 0.0,
            });
            if (page == 0 && !self.style.first_header) || d == Dialect::Gbk {
                continue;
            }
            let size = 9.0;
            let w = measure(d, Face::Margin, running, size);
            sheet.runs.push(Run {
                x: left + (width - w) / 2.0,
                y: height - 0.074 * height,
                size,
                face: Face::Margin,
                text: running.to_string(),
                cell: None,
                spacing: 0.0,
            });
            if d == Dialect::Wps {
                let y = height - 0.074 * height - 4.0;
                sheet.header_rule = Some((y, left, left + width));
            }
        }
    }
}

/// A cell of a table at its grid place.
struct Placed<'a> {
    row: usize,
    col: usize,
    cell: &'a Cell,
}

/// Every cell at its grid place: a cell spanning rows takes its columns in the rows below.
fn places(table: &Table) -> Vec<Placed<'_>> {
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); table.len()];
    let mut out = Vec::new();
    for (r, row) in table.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while taken[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            for below in taken.iter_mut().skip(r).take(cell.rowspan.max(1)) {
                if below.len() < c + cell.colspan {
                    below.resize(c + cell.colspan, false);
                }
                for place in &mut below[c..c + cell.colspan] {
                    *place = true;
                }
            }
            out.push(Placed {
                row: r,
                col: c,
                cell,
            });
            c += cell.colspan;
        }
    }
    out
}

/// The column edges of table `index` (0: section 二, 1: 三, 2: 四) over the type area.
fn column_edges(index: usize, width: usize, area: Area) -> Vec<f64> {
    let scale = area.width / TEXT_W;
    let widths: Vec<f64> = match index {
        0 => {
            let label = 172.2 * scale;
            let rest = (area.width - label) / (width.max(2) - 1) as f64;
            std::iter::once(label)
                .chain(std::iter::repeat_n(rest, width.saturating_sub(1)))
                .collect()
        }
        1 => {
            let mut w = vec![22.0, 58.2, 110.0];
            w.extend(std::iter::repeat_n(36.0, width.saturating_sub(3)));
            w.into_iter().map(|w| w * scale).collect()
        }
        _ => vec![area.width / width.max(1) as f64; width],
    };
    let mut edges = vec![area.left];
    for w in widths {
        edges.push(edges.last().copied().unwrap_or(area.left) + w);
    }
    edges
}

/// The leading rows whose cells are all headers (section 三's and 四's header).
fn header_rows(table: &Table) -> usize {
    let head = table
        .iter()
        .take_while(|row| row.iter().all(|c| c.header))
        .count();
    // Section 二's captions and headers repeat per group: they are not one header.
    if head == 1 {
        0
    } else {
        head
    }
}

/// Each row's height: enough for its cells' lines, and rows under a cell spanning several
/// rows grown (the last one) until that cell's lines fit.
fn row_heights(
    placed: &[Placed],
    rows: usize,
    _columns: &[f64],
    lines: impl Fn(&Placed) -> usize,
    leading: f64,
) -> Vec<f64> {
    let need = |p: &Placed| lines(p).max(1) as f64 * leading + 2.0 * PAD_Y;
    let mut heights = vec![leading + 2.0 * PAD_Y + 2.0; rows];
    for p in placed.iter().filter(|p| p.cell.rowspan <= 1) {
        heights[p.row] = heights[p.row].max(need(p));
    }
    for p in placed.iter().filter(|p| p.cell.rowspan > 1) {
        let span = p.row..(p.row + p.cell.rowspan).min(rows);
        let have: f64 = heights[span.clone()].iter().sum();
        if have < need(p) {
            heights[span.end - 1] += need(p) - have;
        }
    }
    heights
}

/// Where a table row stands: its row, page, top, height, and which copy of the header it is
/// (0 for the table's own rows). A row broken across pages has two.
type Slot = (usize, usize, f64, f64, usize);

/// The parts of a cell over `rows` (copy `copy` of the header, or the rows themselves) on
/// each page: (page, top, bottom).
fn parts_of(slots: &[Slot], rows: &Range<usize>, copy: usize) -> Vec<(usize, f64, f64)> {
    let mut parts: Vec<(usize, f64, f64)> = Vec::new();
    for &(row, page, top, height, k) in slots {
        if k != copy || !rows.contains(&row) {
            continue;
        }
        let bottom = top - height;
        match parts.last_mut() {
            Some(last) if last.0 == page => last.2 = bottom,
            _ => parts.push((page, top, bottom)),
        }
    }
    parts
}

/// A cell's text as lines of at most `room` points: numbers never broken.
fn cell_lines(d: Dialect, text: &str, room: f64, size: f64) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    wrap(text, room, room, |s| measure(d, Face::Table, s, size))
}

/// Closing punctuation, never at the start of a line (避头).
const NO_START: &str = "，。、；：？！）》」”’%";

/// Text broken into lines: the first `first` points wide, the rest `rest`; a run of ASCII
/// letters and digits is never broken, and closing punctuation that does not fit takes the
/// character before it to the next line (避头尾), so no line runs past its width.
fn wrap(text: &str, first: f64, rest: f64, width: impl Fn(&str) -> f64) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = c.is_ascii_alphanumeric() || c == '.';
        match tokens.last_mut() {
            Some(t) if joins && t.chars().all(|p| p.is_ascii_alphanumeric() || p == '.') => {
                t.push(c)
            }
            _ => tokens.push(c.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line: Vec<String> = Vec::new();
    for token in tokens {
        let room = if lines.is_empty() { first } else { rest };
        let fits = width(&format!("{}{token}", line.concat())) <= room + 0.01;
        if line.is_empty() || fits {
            line.push(token);
            continue;
        }
        let closing = token.chars().all(|c| NO_START.contains(c));
        let carried = if closing && line.len() > 1 {
            line.pop()
        } else {
            None
        };
        lines.push(std::mem::take(&mut line).concat());
        line.extend(carried);
        line.push(token);
    }
    if !line.is_empty() {
        lines.push(line.concat());
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// Content streams

/// A page's content stream as `dialect` writes it.
fn content(sheet: &Sheet, style: &Style, fonts: &mut [Font], rng: &mut Rng) -> Vec<u8> {
    let mut out = Stream {
        data: Vec::new(),
        flip: style.dialect == Dialect::Gbk,
        mcid: 0,
    };
    let mut runs: Vec<&Run> = sheet.runs.iter().collect();
    match style.dialect {
        Dialect::Wps => {
            runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
            for run in runs {
                out.run(run, style, fonts, rng);
            }
            out.header_rule(sheet.header_rule);
            out.raw("0.5 w 0 0 0 RG\n");
            for b in &sheet.boxes {
                out.stroked_box(b.edges);
            }
        }
        Dialect::Word => {
            // Cell by cell: its borders, then its text; prose in between, as Word tags it.
            let mut cells: Vec<&CellBox> = sheet.boxes.iter().collect();
            cells.sort_by_key(|b| (b.table, b.row, b.col));
            let mut prose: Vec<&Run> = runs.iter().copied().filter(|r| r.cell.is_none()).collect();
            prose.sort_by(|a, b| b.y.total_cmp(&a.y));
            let first_cell_y = cells.first().map_or(f64::NEG_INFINITY, |b| b.edges[2]);
            for run in prose.iter().filter(|r| r.y > first_cell_y) {
                out.run(run, style, fonts, rng);
            }
            let outline = outlines(&sheet.boxes);
            for b in cells {
                if b.header {
                    out.shade(b.edges);
                }
                out.filled_edges(b.edges, &outline, rng);
                let place = Some((b.table, b.row, b.col));
                for run in runs.iter().filter(|r| r.cell == place) {
                    out.run(run, style, fonts, rng);
                }
            }
            for run in prose.iter().filter(|r| r.y <= first_cell_y) {
                out.run(run, style, fonts, rng);
            }
        }
        Dialect::LibreOffice => {
            out.raw("0.5 w 0 0 0 RG\n");
            out.long_lines(&sheet.boxes);
            let mut prose: Vec<&Run> = runs.iter().copied().filter(|r| r.cell.is_none()).collect();
            prose.sort_by(|a, b| b.y.total_cmp(&a.y));
            for run in prose {
                out.run(run, style, fonts, rng);
            }
            // Cell by cell, column by column, each cell's text clipped to its box.
            let mut cells: Vec<&CellBox> = sheet.boxes.iter().collect();
            cells.sort_by_key(|b| (b.table, b.col, b.row));
            for b in cells {
                let place = Some((b.table, b.row, b.col));
                let inside: Vec<&Run> = runs.iter().copied().filter(|r| r.cell == place).collect();
                if inside.is_empty() {
                    continue;
                }
                let [l, r, t, bottom] = b.edges;
                out.raw(&format!(
                    "q {} {} {} {} re W n\n",
                    n(l),
                    n(bottom),
                    n(r - l),
                    n(t - bottom)
                ));
                for run in inside {
                    out.run(run, style, fonts, rng);
                }
                out.raw("Q\n");
            }
        }
        Dialect::Gbk => {
            out.raw(&format!("1 g 0 0 {PAGE_W} {PAGE_H} re f 0 g\n"));
            out.raw(&format!("q 1 0 0 -1 0 {PAGE_H} cm\n"));
            runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
            // The numbers of a table row in one TJ, the gaps between cells as its numbers.
            let numeric = |r: &Run| {
                r.cell.is_some() && r.text.chars().all(|c| c.is_ascii_digit() || c == '.')
            };
            let mut rows: BTreeMap<(usize, usize, i64, i64), Vec<&Run>> = BTreeMap::new();
            for run in runs.iter().copied() {
                if numeric(run) {
                    let (t, r, _) = run.cell.unwrap_or_default();
                    let key = (
                        t,
                        r,
                        -(run.y * 100.0).round() as i64,
                        (run.size * 100.0) as i64,
                    );
                    rows.entry(key).or_default().push(run);
                } else {
                    out.run(run, style, fonts, rng);
                }
            }
            for row in rows.values() {
                out.numbers_in_one_tj(row, style, fonts);
            }
            out.raw("0.5 w 0 0 0 RG\n");
            out.long_lines(&sheet.boxes);
            for outline in outlines(&sheet.boxes).values() {
                out.double_outline(*outline);
            }
            out.raw("Q\n");
        }
    }
    out.data
}

/// The outer box of each table's part on a page: left, right, top, bottom.
fn outlines(boxes: &[CellBox]) -> BTreeMap<usize, [f64; 4]> {
    let mut out: BTreeMap<usize, [f64; 4]> = BTreeMap::new();
    for b in boxes {
        let e = b.edges;
        let o = out.entry(b.table).or_insert(e);
        *o = [
            o[0].min(e[0]),
            o[1].max(e[1]),
            o[2].max(e[2]),
            o[3].min(e[3]),
        ];
    }
    out
}

/// A content stream being written.
struct Stream {
    data: Vec<u8>,
    /// The page is drawn through `1 0 0 -1 0 H cm`: every y is written as `H - y`.
    flip: bool,
    /// Word's marked-content ids.
    mcid: usize,
}

fn n(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

impl Stream {
    fn raw(&mut self, s: &str) {
        self.data.extend_from_slice(s.as_bytes());
    }

    fn y(&self, y: f64) -> f64 {
        if self.flip {
            PAGE_H - y
        } else {
            y
        }
    }

    fn line(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) {
        let (y0, y1) = (self.y(y0), self.y(y1));
        self.raw(&format!("{} {} m {} {} l S\n", n(x0), n(y0), n(x1), n(y1)));
    }

    fn header_rule(&mut self, rule: Option<(f64, f64, f64)>) {
        if let Some((y, x0, x1)) = rule {
            self.raw("0.75 w\n");
            self.line((x0, y), (x1, y));
        }
    }

    /// WPS: the four edges of a cell, each its own stroked line.
    fn stroked_box(&mut self, [l, r, t, b]: [f64; 4]) {
        self.line((l, t), (r, t));
        self.line((r, t), (r, b));
        self.line((l, b), (r, b));
        self.line((l, t), (l, b));
    }

    /// Word: each edge a thin filled rectangle, the table's outer edges 1.5 pt thick.
    /// Each cell's edges are placed on their own, a little off the shared grid line (up to
    /// 0.2 pt), as Word rounds them.
    fn filled_edges(
        &mut self,
        edges: [f64; 4],
        outlines: &BTreeMap<usize, [f64; 4]>,
        rng: &mut Rng,
    ) {
        let [l, r, t, b] = edges;
        let outer = |v: f64, side: usize| outlines.values().any(|o| (o[side] - v).abs() < 0.01);
        let mut jitter = || rng.range(-20, 20) as f64 / 100.0;
        let [l, r, t, b] = [l + jitter(), r + jitter(), t + jitter(), b + jitter()];
        let outer = |v: f64, side: usize| outer(edges[side], side) || outer(v, side);
        let w = |o: bool| if o { 1.5 } else { 0.5 };
        let (wt, wb, wl, wr) = (
            w(outer(t, 2)),
            w(outer(b, 3)),
            w(outer(l, 0)),
            w(outer(r, 1)),
        );
        let mut s = String::from("0 0 0 rg\n");
        for (x, y, width, height) in [
            (l - wl / 2.0, t - wt / 2.0, r - l + (wl + wr) / 2.0, wt),
            (l - wl / 2.0, b - wb / 2.0, r - l + (wl + wr) / 2.0, wb),
            (l - wl / 2.0, b - wb / 2.0, wl, t - b + (wt + wb) / 2.0),
            (r - wr / 2.0, b - wb / 2.0, wr, t - b + (wt + wb) / 2.0),
        ] {
            let _ = writeln!(s, "{} {} {} {} re f", n(x), n(y), n(width), n(height));
        }
        self.raw(&s);
    }

    /// LibreOffice: every grid line as few long lines as the merged cells allow.
    fn long_lines(&mut self, boxes: &[CellBox]) {
        // (horizontal, at) → intervals along the other axis.
        let mut lines: BTreeMap<(bool, i64), Vec<(f64, f64)>> = BTreeMap::new();
        let key = |v: f64| (v * 100.0).round() as i64;
        for b in boxes {
            let [l, r, t, bot] = b.edges;
            for y in [t, bot] {
                lines.entry((true, key(y))).or_default().push((l, r));
            }
            for x in [l, r] {
                lines.entry((false, key(x))).or_default().push((bot, t));
            }
        }
        for ((horizontal, at), mut spans) in lines {
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f64, f64)> = Vec::new();
            for (a, b) in spans {
                match merged.last_mut() {
                    Some(last) if a <= last.1 + 0.01 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            let at = at as f64 / 100.0;
            for (a, b) in merged {
                if horizontal {
                    self.line((a, at), (b, at));
                } else {
                    self.line((at, a), (at, b));
                }
            }
        }
    }

    /// Light grey behind a header cell.
    fn shade(&mut self, [l, r, t, b]: [f64; 4]) {
        self.raw(&format!(
            "0.85 g {} {} {} {} re f 0 g\n",
            n(l),
            n(b),
            n(r - l),
            n(t - b)
        ));
    }

    /// The GBK dialect's numbers of one row (same baseline), left to right, as one `TJ`: the
    /// gap before each number is a negative adjustment.
    fn numbers_in_one_tj(&mut self, row: &[&Run], style: &Style, fonts: &mut [Font]) {
        let Some(first) = row.first() else {
            return;
        };
        let f = font_for(style.dialect, Face::Table, '0');
        let size = first.size;
        let y = self.y(first.y);
        // The size is the text matrix's scale, the font set at 1, as Distiller writes it.
        let mut s = format!(
            "BT\n/F{} 1 Tf\n{} 0 0 -{} {} {} Tm\n[",
            f + 1,
            n(size),
            n(size),
            n(first.x),
            n(y)
        );
        let mut end = first.x;
        for run in row {
            if run.x > end + 0.001 {
                let _ = write!(s, "{}", n(-(run.x - end) * 1000.0 / size));
            }
            let code = fonts[f].encode(&run.text);
            let _ = write!(s, "<{}>", hex(&code));
            end = run.x + measure(style.dialect, Face::Table, &run.text, size);
        }
        s += "] TJ\nET\n";
        self.raw(&s);
    }

    /// A second outline 2.25 pt outside the table's outer edges: a double border.
    fn double_outline(&mut self, [l, r, t, b]: [f64; 4]) {
        let g = 2.25;
        let (y0, y1) = (self.y(b - g), self.y(t + g));
        self.raw(&format!(
            "{} {} {} {} re S\n",
            n(l - g),
            n(y0),
            n(r - l + 2.0 * g),
            n(y1 - y0)
        ));
    }

    /// One run of text, split into the dialect's fonts.
    fn run(&mut self, run: &Run, style: &Style, fonts: &mut [Font], rng: &mut Rng) {
        let tagged = style.dialect == Dialect::Word;
        if tagged {
            let tag = if run.face == Face::Margin {
                "/Artifact BMC\n".to_string()
            } else {
                self.mcid += 1;
                format!("/P <</MCID {}>> BDC\n", self.mcid - 1)
            };
            self.raw(&tag);
        }
        self.show(run, style, fonts, rng);
        if style.bold && matches!(run.face, Face::Title | Face::Heading) {
            let again = Run {
                x: run.x + 0.3,
                ..run.clone()
            };
            self.show(&again, style, fonts, rng);
        }
        if tagged {
            self.raw("EMC\n");
        }
    }

    /// The text operators of one run.
    fn show(&mut self, run: &Run, style: &Style, fonts: &mut [Font], rng: &mut Rng) {
        let d = style.dialect;
        let mut pieces: Vec<(usize, String)> = Vec::new();
        for c in run.text.chars() {
            let f = font_for(d, run.face, c);
            match pieces.last_mut() {
                Some((last, s)) if *last == f => s.push(c),
                _ => pieces.push((f, c.to_string())),
            }
        }
        let y = self.y(run.y);
        let size = n(run.size);
        // Tc is in text space: the GBK dialect's is scaled by its text matrix.
        let tc = if d == Dialect::Gbk {
            run.spacing / run.size
        } else {
            run.spacing
        };
        let spacing = (run.spacing != 0.0).then(|| format!("{} Tc\n", n(tc)));
        if let (Some(tc), false) = (&spacing, d == Dialect::Wps) {
            self.raw(tc);
        }
        match d {
            // A glyph per Tj: cells placed by Tm, prose moved along by Td.
            Dialect::Wps => {
                self.raw("BT\n");
                let mut x = run.x;
                let mut first = true;
                for (f, text) in pieces {
                    self.raw(&format!("/F{} {size} Tf\n", f + 1));
                    for c in text.chars() {
                        let code = hex(&fonts[f].encode(&c.to_string()));
                        let step = advance(fonts[f].encoding, c) * run.size / 1000.0 + run.spacing;
                        if first || run.cell.is_some() {
                            self.raw(&format!("1 0 0 1 {} {} Tm <{code}> Tj\n", n(x), n(y)));
                        } else {
                            self.raw(&format!("<{code}> Tj\n"));
                        }
                        if run.cell.is_none() {
                            self.raw(&format!("{} 0 Td\n", n(step)));
                        }
                        first = false;
                        x += step;
                    }
                }
                self.raw("ET\n");
            }
            Dialect::Word => {
                self.raw(&format!("BT\n1 0 0 1 {} {} Tm\n", n(run.x), n(y)));
                for (f, text) in pieces {
                    self.raw(&format!("/F{} {size} Tf\n[", f + 1));
                    let chars: Vec<char> = text.chars().collect();
                    for (i, c) in chars.iter().enumerate() {
                        let code = fonts[f].encode(&c.to_string());
                        if fonts[f].encoding == Encoding::WinAnsi {
                            self.data.extend(literal(&code));
                        } else {
                            self.raw(&format!("<{}>", hex(&code)));
                        }
                        if i + 1 < chars.len() && rng.chance(30) {
                            let k = rng.range(-6, 6);
                            if k != 0 {
                                self.raw(&k.to_string());
                            }
                        }
                    }
                    self.raw("] TJ\n");
                }
                self.raw("ET\n");
            }
            Dialect::LibreOffice => {
                self.raw(&format!("BT\n{} {} Td\n", n(run.x), n(y)));
                for (f, text) in pieces {
                    let code = hex(&fonts[f].encode(&text));
                    self.raw(&format!("/F{} {size} Tf\n<{code}> Tj\n", f + 1));
                }
                self.raw("ET\n");
            }
            Dialect::Gbk => {
                // The size is the text matrix's scale, the font set at 1, as Distiller writes it.
                self.raw(&format!(
                    "BT\n{size} 0 0 -{size} {} {} Tm\n",
                    n(run.x),
                    n(y)
                ));
                for (f, text) in pieces {
                    self.raw(&format!("/F{} 1 Tf\n", f + 1));
                    let code = fonts[f].encode(&text);
                    if fonts[f].encoding == Encoding::Ucs2 {
                        self.raw(&format!("<{}>", hex(&code)));
                    } else {
                        self.data.extend(literal(&code));
                    }
                    self.raw(" Tj\n");
                }
                self.raw("ET\n");
            }
        }
        if let (Some(_), false) = (&spacing, d == Dialect::Wps) {
            self.raw("0 Tc\n");
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// A literal string: `(`, `)` and `\` escaped, other bytes as they are (GBK's second bytes
/// include `\`).
fn literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![b'('];
    for &b in bytes {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

// ---------------------------------------------------------------------------------------------
// The file

/// The objects of a file, numbered from 1.
#[derive(Default)]
pub(super) struct Objects {
    /// Each object's body and whether it is a stream.
    bodies: Vec<(Vec<u8>, bool)>,
}

impl Objects {
    pub(super) fn reserve(&mut self) -> usize {
        self.bodies.push((Vec::new(), false));
        self.bodies.len()
    }

    pub(super) fn set(&mut self, id: usize, body: String) {
        self.bodies[id - 1] = (body.into_bytes(), false);
    }

    pub(super) fn add(&mut self, body: String) -> usize {
        let id = self.reserve();
        self.set(id, body);
        id
    }

    /// Makes object `id` (reserved) a stream, so that it may refer to itself.
    pub(super) fn set_stream(&mut self, id: usize, dict: &str, data: &[u8], compress: bool) {
        self.bodies[id - 1] = (stream(dict, data, compress), true);
    }

    pub(super) fn add_stream(&mut self, dict: &str, data: &[u8], compress: bool) -> usize {
        let id = self.reserve();
        self.set_stream(id, dict, data, compress);
        id
    }
}

fn stream(dict: &str, data: &[u8], compress: bool) -> Vec<u8> {
    let (data, filter) = if compress {
        (
            miniz_oxide::deflate::compress_to_vec_zlib(data, 6),
            " /Filter /FlateDecode",
        )
    } else {
        (data.to_vec(), "")
    };
    let mut out = format!("<<{dict} /Length {}{filter}>>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn write_file(sheets: &[Sheet], style: &Style, rng: &mut Rng) -> Vec<u8> {
    let d = style.dialect;
    let mut fonts = fonts(d, rng);
    let mut objects = Objects::default();
    let catalog = objects.reserve();
    let pages = objects.reserve();
    let font_ids: Vec<usize> = fonts.iter().map(|_| objects.reserve()).collect();
    let font_dict: String = font_ids
        .iter()
        .enumerate()
        .map(|(i, id)| format!("/F{} {id} 0 R", i + 1))
        .collect::<Vec<_>>()
        .join(" ");
    let resources = format!("<</Font <<{font_dict}>> /ProcSet [/PDF /Text]>>");
    let mut kids = Vec::new();
    for sheet in sheets {
        let mut data = content(sheet, style, &mut fonts, rng);
        if sheet.landscape && d == Dialect::Wps {
            let mut turned = format!("q 0 1 -1 0 {PAGE_W} 0 cm\n").into_bytes();
            turned.append(&mut data);
            turned.extend_from_slice(b"Q\n");
            data = turned;
        }
        let (contents, resources) = match d {
            // Word splits a page's content over two streams.
            Dialect::Word => {
                let half = data.len() / 2;
                let cut = data[half..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(data.len(), |p| half + p + 1);
                let a = objects.add_stream("", &data[..cut], true);
                let b = objects.add_stream("", &data[cut..], true);
                (format!("[{a} 0 R {b} 0 R]"), resources.clone())
            }
            // The printer driver draws each page as a form XObject with its own resources, on
            // paper wider than the page, whose crop box is the page: in the strip outside it,
            // a column of the job's numbers, on the baselines of rows and lines.
            Dialect::Gbk => {
                let form = objects.add_stream(
                    &format!(
                        " /Type /XObject /Subtype /Form /BBox [0 0 {PAGE_W} {PAGE_H}] /Resources {resources}"
                    ),
                    &data,
                    style.compress,
                );
                let mut page = String::from("q /Fm1 Do Q\nBT /F3 6 Tf\n");
                for k in 0..140 {
                    let y = 60.0 + 5.25 * f64::from(k);
                    let _ = writeln!(page, "1 0 0 1 {} {} Tm (4711) Tj", n(PAGE_W + 8.0), n(y));
                }
                page += "ET\n";
                let page = objects.add_stream("", page.as_bytes(), style.compress);
                (
                    format!("{page} 0 R"),
                    format!(
                        "<</XObject <</Fm1 {form} 0 R>> /Font <</F3 {} 0 R>> /ProcSet [/PDF /Text]>>",
                        font_ids[2]
                    ),
                )
            }
            _ => {
                let c = objects.add_stream("", &data, style.compress);
                (format!("{c} 0 R"), resources.clone())
            }
        };
        // LibreOffice's pages inherit their resources and box from the page tree. A landscape
        // page is a landscape box (Word), or a portrait one shown turned (WPS: /Rotate 90, the
        // content drawn through a quarter turn).
        let own = match (d, sheet.landscape) {
            (Dialect::LibreOffice, _) => String::new(),
            (Dialect::Gbk, turned) => format!(
                " /Resources {resources} /MediaBox [0 0 {} {PAGE_H}] /CropBox [0 0 {PAGE_W} {PAGE_H}]{}",
                n(PAGE_W + 36.0),
                if turned { " /Rotate 90" } else { "" }
            ),
            (Dialect::Word, true) => {
                format!(" /Resources {resources} /MediaBox [0 0 {PAGE_H} {PAGE_W}]")
            }
            (_, true) => {
                format!(" /Resources {resources} /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Rotate 90")
            }
            _ => format!(" /Resources {resources} /MediaBox [0 0 {PAGE_W} {PAGE_H}]"),
        };
        kids.push(objects.add(format!(
            "<</Type /Page /Parent {pages} 0 R{own} /Contents {contents}>>"
        )));
    }
    let inherited = match d {
        Dialect::LibreOffice => {
            format!(" /Resources {resources} /MediaBox [0 0 {PAGE_W} {PAGE_H}]")
        }
        _ => String::new(),
    };
    let kids_list: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    objects.set(
        pages,
        format!(
            "<</Type /Pages /Kids [{}] /Count {}{inherited}>>",
            kids_list.join(" "),
            kids.len()
        ),
    );
    for (font, id) in fonts.iter().zip(&font_ids) {
        let body = font_object(font, &mut objects, style);
        objects.set(*id, body);
    }
    let tagged = if d == Dialect::Word {
        " /MarkInfo <</Marked true>> /Lang (zh-CN)"
    } else {
        ""
    };
    objects.set(
        catalog,
        format!("<</Type /Catalog /Pages {pages} 0 R{tagged}>>"),
    );
    let producer = match d {
        // WPS 文字, in UTF-16BE.
        Dialect::Wps => "<FEFF005700500053002065875B57>",
        Dialect::Word => "(Microsoft\\256 Word 2019)",
        Dialect::LibreOffice => "(LibreOffice 7.4)",
        Dialect::Gbk => "(Acrobat Distiller 9.0.0 \\(Windows\\))",
    };
    let info = objects.add(format!(
        "<</Producer {producer} /CreationDate (D:20240115093000+08'00')>>"
    ));
    match d {
        Dialect::Word => packed(objects, catalog, info),
        // A WPS file saved again by a PDF editor: an incremental update replaces the
        // document information.
        Dialect::Wps if rng.chance(30) => {
            let count = objects.bodies.len();
            let file = classic(objects, catalog, info);
            updated(file, count, catalog, info)
        }
        _ => classic(objects, catalog, info),
    }
}

/// A font's objects: the font dictionary (returned), its descendant, descriptor, ToUnicode map.
fn font_object(font: &Font, objects: &mut Objects, style: &Style) -> String {
    let compress = style.compress;
    let name = font.base;
    let descriptor = objects.add(format!(
        "<</Type /FontDescriptor /FontName /{name} /Flags {} /FontBBox [-8 -145 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80>>",
        if matches!(font.encoding, Encoding::WinAnsi | Encoding::GbkBytes) { 34 } else { 6 }
    ));
    match font.encoding {
        Encoding::WinAnsi => {
            let widths: Vec<String> = (32u8..=126)
                .map(|b| n(advance(Encoding::WinAnsi, char::from(b))))
                .collect();
            format!(
                "<</Type /Font /Subtype /TrueType /BaseFont /{name} /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [{}] /FontDescriptor {descriptor} 0 R>>",
                widths.join(" ")
            )
        }
        // Every byte half an em: a GBK character's two bytes make its full width.
        Encoding::GbkBytes => format!(
            "<</Type /Font /Subtype /TrueType /BaseFont /{name} /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 254 /Widths [{}] /FontDescriptor {descriptor} 0 R>>",
            vec!["500"; 223].join(" ")
        ),
        Encoding::Identity => {
            let by_gid: BTreeMap<u16, char> = font.gids.iter().map(|(c, g)| (*g, *c)).collect();
            let widths = cid_widths(&by_gid, style.dialect == Dialect::Wps);
            let map = if style.dialect == Dialect::LibreOffice {
                to_unicode_arrays(&by_gid)
            } else {
                to_unicode(&by_gid)
            };
            let to_unicode = objects.add_stream("", map.as_bytes(), compress);
            let cid = objects.add(format!(
                "<</Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity>>"
            ));
            format!(
                "<</Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R>>"
            )
        }
        Encoding::Ucs2 | Encoding::Gbk => {
            let cmap = if font.encoding == Encoding::Ucs2 {
                "UniGB-UCS2-H"
            } else {
                "GBK-EUC-H"
            };
            // Widths by CID: Adobe-GB1's CIDs 1-95 are the half-width ASCII characters.
            format!(
                "<</Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /{cmap} /DescendantFonts [<</Type /Font /Subtype /CIDFontType0 /BaseFont /{name} /CIDSystemInfo <</Registry (Adobe) /Ordering (GB1) /Supplement 2>> /FontDescriptor {descriptor} 0 R /DW 1000 /W [1 95 500]>>]>>"
            )
        }
    }
}

/// A CID font's `/W`: one list from the first glyph id, or (`ranges`) runs of one width as
/// `first last width`.
fn cid_widths(by_gid: &BTreeMap<u16, char>, ranges: bool) -> String {
    let first = by_gid.keys().next().copied().unwrap_or(0);
    if !ranges {
        let list: Vec<String> = by_gid
            .values()
            .map(|c| n(advance(Encoding::Identity, *c)))
            .collect();
        return format!("{first} [{}]", list.join(" "));
    }
    let mut runs: Vec<(u16, u16, f64)> = Vec::new();
    for (&g, &c) in by_gid {
        let w = advance(Encoding::Identity, c);
        match runs.last_mut() {
            Some(last) if last.1 + 1 == g && last.2 == w => last.1 = g,
            _ => runs.push((g, g, w)),
        }
    }
    runs.iter()
        .map(|(a, b, w)| format!("{a} {b} {}", n(*w)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A ToUnicode map as LibreOffice writes it: consecutive glyph ids as `bfrange` entries with
/// an array of their characters.
fn to_unicode_arrays(by_gid: &BTreeMap<u16, char>) -> String {
    let mut runs: Vec<Vec<(u16, char)>> = Vec::new();
    for (&g, &c) in by_gid {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|&(p, _)| p + 1 == g) && run.len() < 64 => {
                run.push((g, c))
            }
            _ => runs.push(vec![(g, c)]),
        }
    }
    let mut out = String::from(CMAP_HEAD);
    for chunk in runs.chunks(100) {
        let _ = writeln!(out, "{} beginbfrange", chunk.len());
        for run in chunk {
            let (a, b) = (run[0].0, run[run.len() - 1].0);
            let chars: Vec<String> = run
                .iter()
                .map(|(_, c)| format!("<{}>", utf16_hex(*c)))
                .collect();
            let _ = writeln!(out, "<{a:04X}> <{b:04X}> [{}]", chars.join(" "));
        }
        out += "endbfrange\n";
    }
    out + CMAP_TAIL
}

const CMAP_HEAD: &str = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
const CMAP_TAIL: &str = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

fn utf16_hex(c: char) -> String {
    let mut buf = [0u16; 2];
    c.encode_utf16(&mut buf)
        .iter()
        .map(|u| format!("{u:04X}"))
        .collect()
}

/// The ToUnicode map of glyph ids to characters: consecutive ids of consecutive characters as
/// ranges, the rest one by one, at most 100 per block.
fn to_unicode(by_gid: &BTreeMap<u16, char>) -> String {
    let mut ranges: Vec<(u16, u16, char)> = Vec::new();
    for (&g, &c) in by_gid {
        let extends = ranges
            .last()
            .is_some_and(|&(a, b, s)| b + 1 == g && (s as u32) + u32::from(g - a) == c as u32);
        if extends {
            if let Some(last) = ranges.last_mut() {
                last.1 = g;
            }
        } else {
            ranges.push((g, g, c));
        }
    }
    let mut out = String::from(CMAP_HEAD);
    let (single, multi): (Vec<_>, Vec<_>) = ranges.into_iter().partition(|(a, b, _)| a == b);
    for chunk in single.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (g, _, c) in chunk {
            let _ = writeln!(out, "<{g:04X}> <{}>", utf16_hex(*c));
        }
        out += "endbfchar\n";
    }
    for chunk in multi.chunks(100) {
        let _ = writeln!(out, "{} beginbfrange", chunk.len());
        for (a, b, c) in chunk {
            let _ = writeln!(out, "<{a:04X}> <{b:04X}> <{}>", utf16_hex(*c));
        }
        out += "endbfrange\n";
    }
    out + CMAP_TAIL
}

const HEADER: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";

/// The file with a classic xref table.
pub(super) fn classic(objects: Objects, root: usize, info: usize) -> Vec<u8> {
    let mut out = HEADER.to_vec();
    let mut offsets = Vec::new();
    for (i, (body, _)) in objects.bodies.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
    for o in &offsets {
        let _ = writeln!(table, "{o:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<</Size {} /Root {root} 0 R /Info {info} 0 R>>\nstartxref\n{xref}\n%%EOF\n",
        offsets.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

/// `file` (whose xref table has `count` objects) with an incremental update: the document
/// information object written anew and an xref section pointing back with `/Prev`.
fn updated(mut file: Vec<u8>, count: usize, root: usize, info: usize) -> Vec<u8> {
    let tail = String::from_utf8_lossy(&file[file.len().saturating_sub(40)..]).into_owned();
    let prev: usize = tail
        .split("startxref")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let at = file.len();
    file.extend_from_slice(
        format!("{info} 0 obj\n<</Producer <FEFF005700500053002065875B57> /ModDate (D:20240116100000+08'00')>>\nendobj\n")
            .as_bytes(),
    );
    let xref = file.len();
    file.extend_from_slice(
        format!(
            "xref\n{info} 1\n{at:010} 00000 n \ntrailer\n<</Size {} /Root {root} 0 R /Info {info} 0 R /Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n",
            count + 1
        )
        .as_bytes(),
    );
    file
}

/// The file with its objects other than streams packed into an object stream and an xref
/// stream instead of the table.
fn packed(objects: Objects, root: usize, info: usize) -> Vec<u8> {
    let count = objects.bodies.len();
    let (objstm, xref_id) = (count + 1, count + 2);
    let mut header = String::new();
    let mut packed_bodies = Vec::new();
    // Each object's xref entry: (type, field 2, field 3).
    let mut entries: Vec<(u8, u32, u16)> = vec![(0, 0, 0xFFFF); count + 3];
    let mut index = 0u16;
    for (i, (body, is_stream)) in objects.bodies.iter().enumerate() {
        if *is_stream {
            continue;
        }
        let _ = write!(header, "{} {} ", i + 1, packed_bodies.len());
        packed_bodies.extend_from_slice(body);
        packed_bodies.push(b'\n');
        entries[i + 1] = (2, objstm as u32, index);
        index += 1;
    }
    let mut data = header.clone().into_bytes();
    data.extend_from_slice(&packed_bodies);
    let objstm_body = stream(
        &format!(" /Type /ObjStm /N {index} /First {}", header.len()),
        &data,
        true,
    );
    let mut out = HEADER.to_vec();
    let put = |out: &mut Vec<u8>, id: usize, body: &[u8], entries: &mut Vec<(u8, u32, u16)>| {
        entries[id] = (1, out.len() as u32, 0);
        out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    for (i, (body, is_stream)) in objects.bodies.iter().enumerate() {
        if *is_stream {
            put(&mut out, i + 1, body, &mut entries);
        }
    }
    put(&mut out, objstm, &objstm_body, &mut entries);
    let xref_at = out.len();
    entries[xref_id] = (1, xref_at as u32, 0);
    let mut rows = Vec::new();
    for (kind, a, b) in &entries {
        rows.push(*kind);
        rows.extend_from_slice(&a.to_be_bytes());
        rows.extend_from_slice(&b.to_be_bytes());
    }
    let dict = format!(
        " /Type /XRef /Size {} /W [1 4 2] /Root {root} 0 R /Info {info} 0 R",
        entries.len()
    );
    let body = stream(&dict, &rows, true);
    out.extend_from_slice(format!("{xref_id} 0 obj\n").as_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(format!("\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

/// A one-page file showing `content` (its y up, A4) with `/F1`, a WinAnsi Helvetica: for
/// focused tests of the reader.
pub fn one_page(content: &str) -> Vec<u8> {
    pages_showing(&[content])
}

/// A file of A4 pages, each showing one of `contents` as [`one_page`] does.
pub fn pages_showing(contents: &[&str]) -> Vec<u8> {
    let mut objects = Objects::default();
    let catalog = objects.reserve();
    let pages = objects.reserve();
    let font = objects.add(
        "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>".into(),
    );
    let mut kids = Vec::new();
    for content in contents {
        let stream = objects.add_stream("", content.as_bytes(), false);
        let page = objects.add(format!(
            "<</Type /Page /Parent {pages} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources <</Font <</F1 {font} 0 R>>>> /Contents {stream} 0 R>>"
        ));
        kids.push(format!("{page} 0 R"));
    }
    objects.set(
        pages,
        format!(
            "<</Type /Pages /Kids [{}] /Count {}>>",
            kids.join(" "),
            kids.len()
        ),
    );
    objects.set(catalog, format!("<</Type /Catalog /Pages {pages} 0 R>>"));
    let info = objects.add("<</Producer (nianbao tests)>>".into());
    classic(objects, catalog, info)
}
