//! A generator of annual reports in the text layouts real reports arrive in, for tests and the
//! accuracy benchmark.
//!
//! A [`Filled`] holds one report's numbers (section 二's six rows, section 三's 25 × 7 cells,
//! section 四's 15 values), generated so that every identity of the template holds, or with one
//! cell deliberately changed and recorded. [`render`] writes the same numbers as a full report
//! (title, the six headings, short prose, the three tables) in one [`Layout`]; [`score`] compares
//! what `nianbao::check` read with the truth, cell by cell.
//!
//! Why a generator: the seeds show five ways the same tables come out as text, and real reports
//! come in many more. A checker that misreads one cell reports a false error, so every layout a
//! person can read must be read exactly, and a layout nobody can read with certainty must be
//! said to be uncertain, never guessed silently.
//!
//! Used from the integration tests (`tests/it/layouts.rs`) and from `examples/accuracy.rs`
//! through `#[path]`; no extra crate. Labels come from `nianbao::template`, never retyped, except
//! the few 2019-format words the template does not hold (see `filled.rs`).
//!
//! [`hard`] holds the worst-case inputs (bombs, damaged files, thousands of heading-like lines)
//! that the tests check the answers on and `examples/bench.rs` times against their budgets.
//!
//! Invariant: the same seed gives the same report and the same text.

#![allow(dead_code)]

mod filled;
mod grid;
pub mod hard;
mod pdf;
mod render;
mod score;

#[allow(unused_imports)]
pub use filled::{CellRef, Changed, Filled, Format};
#[allow(unused_imports)]
pub use grid::{raw_zip, RawEntry};
#[allow(unused_imports)]
pub use pdf::{one_page, pages_showing};
pub use render::render;
#[allow(unused_imports)]
pub use score::{changed_caught, missing_arithmetic, score, CellScore, Outcome, Score, UNCERTAIN};

/// A small seeded PRNG (SplitMix64): enough for test data, the same on every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x0005_EED0_FA11_0C47)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    /// True with the given percentage.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One way a report's text can be laid out.
#[allow(clippy::enum_variant_names)] // PdfLayout is the name of the PDF extraction style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Tab,
    CellPerLine,
    SpaceAligned,
    WrappedLabels,
    StackedHeaders,
    MergedRepeated,
    MergedAbsent,
    MergedOwnLine,
    S4Headers,
    FullWidthDigits,
    Thousands,
    BlankMarks,
    BlankEmpty,
    CrlfNbsp,
    OneLine,
    Markdown,
    PdfRaw,
    PdfLayout,
    PdfBlocks,
    DisplacedLabels,
    MarkdownUnlabelled,
    Format2019,
    HtmlWord,
    HtmlWps,
    HtmlLibreOffice,
    HtmlCms,
    DocxWord,
    DocxWps,
    DocxLibreOffice,
    Html2019,
    PdfWps,
    PdfWord,
    PdfLibreOffice,
    PdfGbk,
    PdfRowsBroken,
}

/// What a layout is and whether a person can place every cell of it.
#[derive(Debug)]
pub struct LayoutInfo {
    pub layout: Layout,
    /// Short name for tables and test names.
    pub name: &'static str,
    /// True when a person reading the text cannot place every cell with certainty; the checker
    /// must then say so rather than read all of it.
    pub ambiguous: bool,
    pub about: &'static str,
}

const fn info(
    layout: Layout,
    name: &'static str,
    ambiguous: bool,
    about: &'static str,
) -> LayoutInfo {
    LayoutInfo {
        layout,
        name,
        ambiguous,
        about,
    }
}

/// Every layout, in the order tables print them.
pub const LAYOUTS: &[LayoutInfo] = &[
    info(
        Layout::Tab,
        "tab",
        false,
        "browser copy: tab-separated, merged group labels on the first row of their group only",
    ),
    info(
        Layout::CellPerLine,
        "cell-per-line",
        false,
        "one cell per line, blank lines between rows (seed 000)",
    ),
    info(
        Layout::SpaceAligned,
        "space-aligned",
        false,
        "columns aligned with spaces, as PDF -layout text without wrapping",
    ),
    info(
        Layout::WrappedLabels,
        "wrapped-labels",
        false,
        "long labels wrapped over two or three lines, numbers between the fragments (seed 004)",
    ),
    info(
        Layout::StackedHeaders,
        "stacked-headers",
        false,
        "header cells split and stacked (自然 人, 社会 公益 组织)",
    ),
    info(
        Layout::MergedRepeated,
        "merged-repeated",
        false,
        "merged leading cells repeated on every row",
    ),
    info(
        Layout::MergedAbsent,
        "merged-absent",
        false,
        "merged leading cells left out",
    ),
    info(
        Layout::MergedOwnLine,
        "merged-own-line",
        false,
        "merged leading cells on a line of their own",
    ),
    info(
        Layout::S4Headers,
        "s4-headers",
        false,
        "section 四's two-level header in several arrangements",
    ),
    info(
        Layout::FullWidthDigits,
        "full-width",
        false,
        "full-width digits",
    ),
    info(
        Layout::Thousands,
        "thousands",
        false,
        "1,234 thousands separators",
    ),
    info(
        Layout::BlankMarks,
        "blank-marks",
        false,
        "zeros written as —, -, / or 无",
    ),
    info(
        Layout::BlankEmpty,
        "blank-empty",
        false,
        "zeros left as empty tab-separated cells",
    ),
    info(
        Layout::CrlfNbsp,
        "crlf-nbsp",
        false,
        "CRLF line ends, NBSP inside labels and between cells",
    ),
    info(
        Layout::OneLine,
        "one-line",
        false,
        "each table flattened into one long line",
    ),
    info(
        Layout::Markdown,
        "markdown",
        false,
        "OCR Markdown: small pipe tables, filler header rows, ### headings between",
    ),
    info(
        Layout::PdfRaw,
        "pdf-raw",
        false,
        "PDF raw text: label n n n n n n n, page markers (and a repeated header) inside, rotated group label",
    ),
    info(
        Layout::PdfLayout,
        "pdf-layout",
        false,
        "PDF -layout text: wrapped labels push their numbers to the next line",
    ),
    info(
        Layout::PdfBlocks,
        "pdf-blocks",
        true,
        "PDF reading-order blocks: numbers in column blocks far from their labels",
    ),
    info(
        Layout::DisplacedLabels,
        "displaced-labels",
        false,
        "PDF reading order: some row labels 1-3 rows away from their numbers, numbers of two rows on one line, group labels after their rows",
    ),
    info(
        Layout::MarkdownUnlabelled,
        "markdown-unlabelled",
        false,
        "OCR Markdown from a PDF: rows of numbers with an empty label cell, their labels in rows of their own 1-3 rows away",
    ),
    info(
        Layout::Format2019,
        "format-2019",
        false,
        "the 2019 trial format: single （六）其他处理 row, old section 二",
    ),
    info(
        Layout::HtmlWord,
        "html-word",
        false,
        "Word 2016/365 clipboard HTML: merged cells, mso- markup, zeros often empty cells",
    ),
    info(
        Layout::HtmlWps,
        "html-wps",
        false,
        "WPS clipboard HTML: x:num/x:str cells, zeros often empty cells",
    ),
    info(
        Layout::HtmlLibreOffice,
        "html-libreoffice",
        false,
        "LibreOffice clipboard HTML: sdval cells, <br> in empty cells",
    ),
    info(
        Layout::HtmlCms,
        "html-cms",
        false,
        "a CMS web page: <th> headers, &nbsp; in empty cells, unclosed <p>",
    ),
    info(
        Layout::DocxWord,
        "docx-word",
        false,
        "a Word .docx: gridSpan and vMerge, runs split, zeros often empty cells",
    ),
    info(
        Layout::DocxWps,
        "docx-wps",
        false,
        "a WPS .docx: vMerge continue, zeros often empty cells",
    ),
    info(
        Layout::DocxLibreOffice,
        "docx-libreoffice",
        false,
        "a LibreOffice .docx: empty runs in empty cells",
    ),
    info(
        Layout::Html2019,
        "html-2019",
        false,
        "the 2019 trial format as Word clipboard HTML",
    ),
    info(
        Layout::PdfWps,
        "pdf-wps",
        false,
        "a WPS PDF file: Identity-H fonts with ToUnicode, a Tj per glyph, every cell's edges stroked, running header and - 3 -, section 三 over a page break",
    ),
    info(
        Layout::PdfWord,
        "pdf-word",
        false,
        "a Word PDF file: TJ with kerning, digits in a WinAnsi font, borders as thin filled rectangles (thick outline), tagged cell by cell, object streams",
    ),
    info(
        Layout::PdfLibreOffice,
        "pdf-libreoffice",
        false,
        "a LibreOffice PDF file: whole runs, long border lines drawn first, cells written column by column, top-aligned, numbers right-aligned",
    ),
    info(
        Layout::PdfGbk,
        "pdf-gbk",
        false,
        "a printer-driver PDF file: GBK-EUC-H and UniGB-UCS2-H fonts without ToUnicode, page drawn flipped by cm, double table outline",
    ),
    info(
        Layout::PdfRowsBroken,
        "pdf-rows-broken",
        false,
        "a Word PDF file whose rows break across pages (允许跨页断行): a long label's first line on one page, the rest and an empty row of cells on the next",
    ),
];

/// What a generated report is handed to the checker as.
#[derive(Clone, Debug)]
pub enum Input {
    Text(String),
    /// The clipboard's `text/html`.
    Html(String),
    Docx(Vec<u8>),
    Pdf(Vec<u8>),
}

impl Input {
    /// The report of `nianbao` on this input.
    pub fn check(&self) -> nianbao::report::Report {
        let options = nianbao::Options::default();
        match self {
            Input::Text(t) => nianbao::check(t, &options),
            Input::Html(h) => nianbao::check_html(h, &options),
            Input::Docx(d) => nianbao::check_docx(d, &options).expect("a generated .docx reads"),
            Input::Pdf(d) => nianbao::check_pdf(d, &options).expect("a generated PDF reads"),
        }
    }

    /// The text the checker reads: the text itself, or the text laid out from the document.
    pub fn text(&self) -> String {
        match self {
            Input::Text(t) => t.clone(),
            _ => self.check().source.map(|s| s.text).unwrap_or_default(),
        }
    }
}

impl Layout {
    /// The layout's description.
    pub fn info(self) -> &'static LayoutInfo {
        LAYOUTS
            .iter()
            .find(|i| i.layout == self)
            .expect("every layout is listed")
    }

    /// The template a layout's reports follow.
    pub fn format(self) -> Format {
        if matches!(self, Layout::Format2019 | Layout::Html2019) {
            Format::Y2019
        } else {
            Format::Y2021
        }
    }

    /// The layout of a name from [`LAYOUTS`].
    pub fn by_name(name: &str) -> Option<Layout> {
        LAYOUTS.iter().find(|i| i.name == name).map(|i| i.layout)
    }
}

/// Report number `index` of a run for `layout`: every fourth one is inconsistent. The same
/// (layout, index) always gives the same numbers and input.
pub fn generate(layout: Layout, index: u64) -> (Filled, Input) {
    let salt = LAYOUTS.iter().position(|i| i.layout == layout).unwrap_or(0) as u64;
    let mut rng = Rng::new(index.wrapping_mul(1_000_003).wrapping_add(salt << 40));
    let mut filled = Filled::consistent(&mut rng, layout.format());
    if index % 4 == 3 {
        filled.break_one(&mut rng);
    }
    let input = match layout {
        Layout::HtmlWord | Layout::Html2019 => grid_html(&filled, grid::Dialect::Word, &mut rng),
        Layout::HtmlWps => grid_html(&filled, grid::Dialect::Wps, &mut rng),
        Layout::HtmlLibreOffice => grid_html(&filled, grid::Dialect::LibreOffice, &mut rng),
        Layout::HtmlCms => grid_html(&filled, grid::Dialect::Cms, &mut rng),
        Layout::DocxWord => grid_docx(&filled, grid::Dialect::Word, &mut rng),
        Layout::DocxWps => grid_docx(&filled, grid::Dialect::Wps, &mut rng),
        Layout::DocxLibreOffice => grid_docx(&filled, grid::Dialect::LibreOffice, &mut rng),
        Layout::PdfWps => grid_pdf(&filled, pdf::Dialect::Wps, pdf::Rows::Whole, &mut rng),
        Layout::PdfWord => grid_pdf(&filled, pdf::Dialect::Word, pdf::Rows::Whole, &mut rng),
        Layout::PdfLibreOffice => grid_pdf(
            &filled,
            pdf::Dialect::LibreOffice,
            pdf::Rows::Whole,
            &mut rng,
        ),
        Layout::PdfGbk => grid_pdf(&filled, pdf::Dialect::Gbk, pdf::Rows::Whole, &mut rng),
        Layout::PdfRowsBroken => grid_pdf(&filled, pdf::Dialect::Word, pdf::Rows::Break, &mut rng),
        _ => Input::Text(render(&filled, layout, &mut rng)),
    };
    (filled, input)
}

/// Report `index` of the Word layouts as clipboard HTML and as a .docx, cell for cell the same
/// document: what the page reads after a paste and what the CLI reads from the file.
pub fn html_and_docx(index: u64) -> (Filled, Input, Input) {
    let mut rng = Rng::new(index ^ 0xD0C5);
    let mut filled = Filled::consistent(&mut rng, Format::Y2021);
    if index % 2 == 1 {
        filled.break_one(&mut rng);
    }
    let texts = render::Texts::for_grid(&filled, &mut rng);
    let html = grid::html(&filled, &texts, grid::Dialect::Word, &mut rng);
    let docx = grid::docx(&filled, &texts, grid::Dialect::Word);
    (filled, Input::Html(html), Input::Docx(docx))
}

fn grid_html(f: &Filled, dialect: grid::Dialect, rng: &mut Rng) -> Input {
    let texts = render::Texts::for_grid(f, rng);
    Input::Html(grid::html(f, &texts, dialect, rng))
}

fn grid_pdf(f: &Filled, dialect: pdf::Dialect, rows: pdf::Rows, rng: &mut Rng) -> Input {
    Input::Pdf(pdf::pdf(f, dialect, rows, rng))
}

fn grid_docx(f: &Filled, dialect: grid::Dialect, rng: &mut Rng) -> Input {
    let texts = render::Texts::for_grid(f, rng);
    Input::Docx(grid::docx(f, &texts, dialect))
}
