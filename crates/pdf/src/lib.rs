//! PDF files to a [`Document`]: the published report read as a PDF viewer shows it, its lines
//! of text as paragraphs and its ruled tables as tables, which the checker then reads like a
//! .docx (`nianbao::check_document`): tables by their grids, the rest as text. The reader knows
//! nothing of reports.
//!
//! A small reader of our own (inflate is `miniz_oxide`, as for .docx; the hashes and ciphers
//! of decryption are RustCrypto's):
//! - `file.rs` finds and reads objects (xref tables and streams, object streams, `/Prev`
//!   chains, a scan for `N G obj` when the xref is broken);
//! - `crypt.rs` decrypts the strings and streams of a file encrypted with an empty user
//!   password (the Standard security handler: RC4 and AES);
//! - `filters.rs` decodes streams;
//! - `font.rs` turns codes into text (ToUnicode maps, predefined Unicode and GBK CMaps, simple
//!   encodings — `encoding.rs`, and `builtin.rs` for the encodings font programs build in —,
//!   GBK bytes under Chinese simple fonts, embedded TrueType `cmap`s by `truetype.rs`);
//! - `content.rs` runs the text and path operators and leaves the page's marks (`marks.rs`:
//!   glyphs and rules), `/ActualText` standing for the glyphs it covers;
//! - `layout.rs` joins glyphs into lines by position and drops page numbers and running
//!   headers;
//! - `ruled.rs` finds the cells of tables drawn with rules.
//!
//! [`read`] walks the page tree, drops the glyphs outside each page's crop box, turns pages
//! whose lines run up or down, joins a table continued on the next page, and puts it together.
//!
//! Like the .docx reader, this may refuse its input: a file that is not a readable PDF, or
//! whose text cannot be read faithfully, is an [`Error`] whose Chinese message says what is wrong and what
//! to do. Text is never guessed: a font without a usable map (a CJK font without ToUnicode
//! whose CMap we cannot decode), more than 1% of glyphs that decode to nothing or to no
//! character (private use, noncharacters; fewer stand as U+FFFD), a file with images only (a scan), a file
//! that needs a password to open or uses an encryption we do not read, and a damaged one are
//! each said so; a report is never built on garbled text.
//!
//! Invariants: never panics on any input; memory bounded by [`MAX_FILE_BYTES`], the stream
//! limits of `file.rs` and the operator, glyph and form limits of `content.rs`; time linear in
//! the file and the inflated data, plus sorting each page's glyphs and the ruled-table search,
//! which has a budget for the file (`MAX_TABLE_WORK`).

mod builtin;
mod content;
mod crypt;
mod encoding;
mod file;
mod filters;
mod font;
mod gbk;
mod layout;
mod lexer;
mod marks;
mod ruled;
mod truetype;

use std::collections::HashSet;

use lexer::{Dict, Object};
use nianbao_doc::{Block, Document, PageStart};

/// The largest PDF accepted; a published report with its scans is a few MiB.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The most pages read.
pub const MAX_PAGES: usize = 5_000;
/// The most work spent looking for ruled tables in one file (see `ruled.rs`).
const MAX_TABLE_WORK: usize = 400_000_000;
/// The share of glyphs that may be undecodable (symbols, bullets) before the text is refused.
const MAX_UNDECODABLE: f64 = 0.01;

/// What a PDF holds, as a document: its lines of text as paragraphs, its ruled tables as
/// tables (read by their grids like a .docx's), pages in order, top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct Pdf {
    pub document: Document,
    /// The number of pages.
    pub pages: usize,
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The bytes do not start like a PDF.
    NotPdf,
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge { bytes: usize },
    /// The file is encrypted in a way we cannot open without its password.
    Encrypted(Encryption),
    /// The file's structure is damaged; the text says where, in Chinese.
    Damaged(&'static str),
    /// A stream is compressed with a filter we do not decode.
    Filter(String),
    /// A stream inflates past the limits.
    Bomb,
    /// More objects, operators or glyphs than any report has.
    TooComplex,
    /// The pages show images and no text: a scan.
    Scanned { pages: usize, images: usize },
    /// No text and no images.
    NoText { pages: usize },
    /// A font whose codes we cannot turn into text (no ToUnicode, an unknown CMap).
    Font { font: String, cmap: Option<String> },
    /// Too many glyphs decode to nothing or to no character (private use, noncharacters).
    Garbled { undecodable: usize, glyphs: usize },
}

/// Why an encrypted PDF cannot be opened (files encrypted with an empty user password, which
/// open without one, are read).
#[derive(Debug, Clone, PartialEq)]
pub enum Encryption {
    /// The empty user password does not open it: it needs a password.
    Password,
    /// Another security handler (certificates, `/Adobe.PubSec`) or an encryption version or
    /// method we do not implement: its name.
    Unsupported(String),
}

/// What to do instead, after 请 or 或者.
const TAIL: &str = "改用报告的 Word 原文件（.docx）检查；或者在 PDF 阅读器中全选复制正文，\
                    粘贴到文本框中检查";

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotPdf => write!(f, "这不是 PDF 文件（开头没有 %PDF 标记）。请{TAIL}"),
            Error::TooLarge { bytes } => write!(
                f,
                "文件有 {} MiB，超过 {} MiB 的上限，不像是一份年度报告。请确认选对了文件",
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Error::Encrypted(Encryption::Password) => write!(
                f,
                "PDF 已加密，需要打开密码才能查看，无法读取文字。\
                 请用密码打开后另存一份未加密的 PDF 再试，或者{TAIL}"
            ),
            Error::Encrypted(Encryption::Unsupported(what)) => write!(
                f,
                "PDF 已加密，使用了本工具不支持的加密方式（{what}），无法读取文字。\
                 请另存一份未加密的 PDF 后再试，或者{TAIL}"
            ),
            Error::Damaged(detail) => write!(
                f,
                "PDF 文件不完整或已损坏（{detail}），无法读取。请重新下载后再试，或者{TAIL}"
            ),
            Error::Filter(name) => write!(
                f,
                "PDF 使用了本工具不支持的压缩方式（{name}），无法读取文字。请{TAIL}"
            ),
            Error::Bomb => write!(
                f,
                "PDF 中的数据解压后过大（可能是恶意构造的文件），为安全起见未读取。请确认文件来源"
            ),
            Error::TooComplex => write!(
                f,
                "PDF 的内容过于复杂，超出本工具的处理上限，未读取。请{TAIL}"
            ),
            Error::Scanned { pages, images } => write!(
                f,
                "这个 PDF 的 {pages} 页中只有图片（{images} 张），没有文字，可能是扫描件，\
                 无法检查。请{TAIL}"
            ),
            Error::NoText { pages } => {
                write!(f, "这个 PDF 的 {pages} 页中没有可读取的文字。请{TAIL}")
            }
            Error::Font { font, cmap } => {
                let font = if font.is_empty() {
                    "未命名字体"
                } else {
                    font
                };
                let cmap = cmap
                    .as_deref()
                    .map(|c| format!("，编码 {c}"))
                    .unwrap_or_default();
                write!(
                    f,
                    "PDF 中的字体「{font}」没有字符对照表（ToUnicode{cmap}），\
                     其中的文字无法还原，为免检查乱码未读取。请{TAIL}"
                )
            }
            Error::Garbled {
                undecodable,
                glyphs,
            } => write!(
                f,
                "PDF 中 {glyphs} 个字符有 {undecodable} 个无法还原为文字（字体缺少对照表），\
                 为免检查乱码未读取。请{TAIL}"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Reads the text and the ruled tables of a PDF file.
pub fn read(bytes: &[u8]) -> Result<Pdf, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::TooLarge { bytes: bytes.len() });
    }
    if !is_pdf(bytes) {
        return Err(Error::NotPdf);
    }
    let file = file::File::open(bytes)?;
    let pages = page_list(&file)?;
    let mut runner = content::Runner::new(&file);
    let mut count = Count::default();
    let mut lines = Vec::with_capacity(pages.len());
    let mut found = Vec::with_capacity(pages.len());
    let mut work = 0usize;
    for page in &pages {
        let mut shown = runner.page(&contents(&file, &page.dict)?, &page.resources)?;
        shown.glyphs.retain(|g| shows(page.crop, g));
        count.add(&shown);
        let (height, bottom) = upright(&mut shown, page.crop);
        // Looking for ruled tables costs rules² plus glyphs × rules; past the file's budget
        // pages are read as lines, as pages without rules are.
        let rules = shown.rules.len();
        work = work.saturating_add(rules.saturating_mul(rules + shown.glyphs.len()));
        let (tables, free) = if work <= MAX_TABLE_WORK {
            ruled::split(shown.glyphs, &shown.rules)
        } else {
            (Vec::new(), shown.glyphs)
        };
        lines.push((layout::lines(free), height, bottom));
        found.push(tables);
    }
    count.judge(pages.len())?;
    layout::drop_margins(&mut lines);
    let mut reading = Reading {
        document: Document::default(),
        pending: None,
        starts: vec![None; pages.len()],
    };
    for (page, ((lines, _, _), pieces)) in lines.into_iter().zip(found).enumerate() {
        reading.add_page(in_reading_order(lines, pieces), page);
    }
    Ok(Pdf {
        document: reading.finish(),
        pages: pages.len(),
    })
}

/// A page's lines and table pieces, top to bottom.
fn in_reading_order(lines: Vec<layout::Line>, found: Vec<ruled::Piece>) -> Vec<ruled::Item> {
    let mut items: Vec<(f64, ruled::Item)> = lines
        .into_iter()
        .map(|l| (l.y, ruled::Item::Line(l)))
        .chain(found.into_iter().map(|t| (t.top(), ruled::Item::Table(t))))
        .collect();
    items.sort_by(|a, b| b.0.total_cmp(&a.0));
    items.into_iter().map(|(_, item)| item).collect()
}

/// The document as it is put together, page by page.
struct Reading {
    document: Document,
    /// The table that closed the page before, which the next page may continue.
    pending: Option<ruled::Piece>,
    /// Where each page begins, once known (a page without text begins where the next does).
    starts: Vec<Option<PageStart>>,
}

impl Reading {
    /// Adds page `page`'s items to the document. The table that closed the page before stays
    /// pending: a piece that opens this page with its outer edges continues it (a table broken
    /// across pages is one table, as in the .docx).
    fn add_page(&mut self, items: Vec<ruled::Item>, page: usize) {
        let mut first = true;
        for item in items {
            match item {
                ruled::Item::Line(line) => {
                    self.flush();
                    self.begin(page, first);
                    self.document.blocks.push(Block::Paragraph(line.text));
                }
                ruled::Item::Table(piece) => match self.pending.as_mut() {
                    Some(open) if first && open.continued_by(&piece) => {
                        open.continue_with(piece, page)
                    }
                    _ => {
                        self.flush();
                        // The piece is the next block written: nothing is written before it.
                        self.begin(page, first);
                        self.pending = Some(piece);
                    }
                },
            }
            first = false;
        }
    }

    /// Records that page `page` begins with the next block, when this is its first item.
    fn begin(&mut self, page: usize, first: bool) {
        let block = self.document.blocks.len();
        if let Some(slot) = self.starts.get_mut(page).filter(|_| first) {
            *slot = Some(PageStart { block, row: 0 });
        }
    }

    /// Writes the pending table, and the lines of any glyphs that did not fit its grid; the
    /// pages it was continued onto begin at their rows of it.
    fn flush(&mut self) {
        let Some(piece) = self.pending.take() else {
            return;
        };
        let block = self.document.blocks.len();
        for (page, row) in piece.page_rows() {
            if let Some(slot) = self.starts.get_mut(page) {
                *slot = Some(PageStart { block, row });
            }
        }
        let (table, left_over) = piece.build();
        self.document.blocks.push(Block::Table(table));
        for line in layout::lines(left_over) {
            self.document.blocks.push(Block::Paragraph(line.text));
        }
    }

    /// The document, with where each page begins: a page without text begins where the next
    /// one does (the last, at the end).
    fn finish(mut self) -> Document {
        self.flush();
        let mut next = PageStart {
            block: self.document.blocks.len(),
            row: 0,
        };
        let mut pages: Vec<PageStart> = self
            .starts
            .into_iter()
            .rev()
            .map(|s| {
                next = s.unwrap_or(next);
                next
            })
            .collect();
        pages.reverse();
        self.document.pages = pages;
        self.document
    }
}

/// Glyphs and images counted over the file, to tell a scan or garbled fonts from text.
#[derive(Default)]
struct Count {
    glyphs: usize,
    undecodable: usize,
    images: usize,
    /// The first font with an undecodable glyph.
    font: Option<std::rc::Rc<font::Font>>,
}

impl Count {
    fn add(&mut self, shown: &content::Shown) {
        self.images += shown.images;
        self.glyphs += shown.glyphs.len();
        for g in shown.glyphs.iter().filter(|g| g.text.is_none()) {
            self.undecodable += 1;
            self.font.get_or_insert_with(|| std::rc::Rc::clone(&g.font));
        }
    }

    /// Refuses text that is not there or cannot be trusted.
    fn judge(self, pages: usize) -> Result<(), Error> {
        let decoded = self.glyphs - self.undecodable;
        if self.glyphs == 0 {
            return Err(if self.images > 0 {
                Error::Scanned {
                    pages,
                    images: self.images,
                }
            } else {
                Error::NoText { pages }
            });
        }
        if (self.undecodable as f64) <= MAX_UNDECODABLE * self.glyphs as f64 {
            return Ok(());
        }
        match self.font {
            Some(font) if font.cmap.is_some() || decoded == 0 => Err(Error::Font {
                font: font.name.clone(),
                cmap: font.cmap.clone(),
            }),
            _ => Err(Error::Garbled {
                undecodable: self.undecodable,
                glyphs: self.glyphs,
            }),
        }
    }
}

/// True when the file starts with `%PDF` (a few bytes of junk before it are allowed).
pub fn is_pdf(bytes: &[u8]) -> bool {
    file::find(bytes.get(..1024).unwrap_or(bytes), b"%PDF-").is_some()
}

/// One page: its dictionary, inherited resources and the box a viewer shows of it.
struct Page {
    dict: Dict,
    resources: Dict,
    /// The crop box (the media box when it has none), within the media box, as
    /// `[left, bottom, right, top]`.
    crop: [f64; 4],
}

/// True when glyph `g` stands inside the page box `[left, bottom, right, top]`: the middle of
/// its advance, a third of its size above the baseline. Text outside the crop box (a printer's
/// stamp, a hidden layer's) is not shown, so it is not read.
fn shows([left, bottom, right, top]: [f64; 4], g: &marks::Glyph) -> bool {
    let (along, up) = (g.width / 2.0, g.size / 3.0);
    let (x, y) = match g.direction {
        1 => (g.x - up, g.y + along),
        2 => (g.x - along, g.y - up),
        3 => (g.x + up, g.y - along),
        _ => (g.x + along, g.y + up),
    };
    (left..=right).contains(&x) && (bottom..=top).contains(&y)
}

/// A box (`/MediaBox`, `/CropBox`) as `[left, bottom, right, top]`.
fn page_box(file: &file::File, object: &Object) -> Option<[f64; 4]> {
    let a = file.resolve(object);
    let a = a.as_array()?;
    let n = |i: usize| a.get(i).map(|o| file.resolve(o)).and_then(|o| o.as_f64());
    let (x0, y0, x1, y1) = (n(0)?, n(1)?, n(2)?, n(3)?);
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

/// Turns a page whose lines mostly run up, left or down (a landscape table drawn on a
/// portrait page) so that they run right, as the layout expects; returns the height and the
/// lowest y of the page box so turned.
fn upright(shown: &mut content::Shown, media: [f64; 4]) -> (f64, f64) {
    let mut counts = [0usize; 4];
    for g in &shown.glyphs {
        if let Some(c) = counts.get_mut(usize::from(g.direction)) {
            *c += 1;
        }
    }
    let turn = (0..4u8)
        .max_by_key(|&d| (counts.get(usize::from(d)).copied().unwrap_or(0), d == 0))
        .unwrap_or(0);
    let rotate = |x: f64, y: f64| match turn {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    };
    for g in &mut shown.glyphs {
        (g.x, g.y) = rotate(g.x, g.y);
    }
    if turn != 0 {
        let rules = std::mem::take(&mut shown.rules);
        shown.rules = rules
            .into_iter()
            .filter_map(|r| {
                let ((x0, y0), (x1, y1)) = if r.horizontal {
                    ((r.from, r.at), (r.to, r.at))
                } else {
                    ((r.at, r.from), (r.at, r.to))
                };
                let ((a, b), (c, d)) = (rotate(x0, y0), rotate(x1, y1));
                marks::Rule::between(a, b, c, d)
            })
            .collect();
    }
    let (p, q) = (rotate(media[0], media[1]), rotate(media[2], media[3]));
    ((q.1 - p.1).abs(), p.1.min(q.1))
}

/// The pages in order, by the page tree from the catalog (`/Kids`, inherited `/Resources`,
/// `/MediaBox` and `/CropBox`); cycles and deep trees are cut.
fn page_list(file: &file::File) -> Result<Vec<Page>, Error> {
    let root = file
        .trailer
        .get(b"Root")
        .and_then(|r| file.dict(r))
        .ok_or(Error::Damaged("找不到文档目录"))?;
    let tree = root
        .get(b"Pages")
        .ok_or(Error::Damaged("找不到页面"))?
        .clone();
    let mut pages = Vec::new();
    let mut seen = HashSet::new();
    let a4 = [0.0, 0.0, 595.0, 842.0];
    let inherited = (Dict::default(), a4, None);
    walk(file, &tree, &inherited, 0, &mut seen, &mut pages)?;
    if pages.is_empty() {
        return Err(Error::Damaged("找不到页面"));
    }
    Ok(pages)
}

/// Adds the pages under `node` to `pages`.
fn walk(
    file: &file::File,
    node: &Object,
    inherited: &(Dict, [f64; 4], Option<[f64; 4]>),
    depth: usize,
    seen: &mut HashSet<u32>,
    pages: &mut Vec<Page>,
) -> Result<(), Error> {
    if let Object::Ref(r) = node {
        if !seen.insert(*r) {
            return Ok(());
        }
    }
    if depth > 64 {
        return Ok(());
    }
    if pages.len() >= MAX_PAGES {
        return Err(Error::TooComplex);
    }
    // A page or branch that is not there: pages would go missing silently.
    let dict = file.dict(node).ok_or(Error::Damaged("页面树不完整"))?;
    let resources = dict
        .get(b"Resources")
        .and_then(|r| file.dict(r))
        .unwrap_or_else(|| inherited.0.clone());
    let media = dict
        .get(b"MediaBox")
        .and_then(|m| page_box(file, m))
        .unwrap_or(inherited.1);
    let crop = dict
        .get(b"CropBox")
        .and_then(|c| page_box(file, c))
        .or(inherited.2);
    let kids = dict.get(b"Kids").map(|k| file.resolve(k));
    match kids.as_ref().and_then(Object::as_array) {
        Some(kids) => {
            let here = (resources, media, crop);
            for kid in kids {
                walk(file, kid, &here, depth + 1, seen, pages)?;
            }
        }
        None => {
            // The crop box within the media box; one that misses it is not a box.
            let [l, b, r, t] = media;
            let crop = crop
                .map(|[cl, cb, cr, ct]| [cl.max(l), cb.max(b), cr.min(r), ct.min(t)])
                .filter(|[cl, cb, cr, ct]| cl < cr && cb < ct)
                .unwrap_or(media);
            pages.push(Page {
                crop,
                dict,
                resources,
            })
        }
    }
    Ok(())
}

/// The decoded content streams of a page (one stream or an array of them).
fn contents(file: &file::File, page: &Dict) -> Result<Vec<Vec<u8>>, Error> {
    let refs = |items: &[Object]| -> Vec<u32> {
        items
            .iter()
            .filter_map(|o| match o {
                Object::Ref(r) => Some(*r),
                _ => None,
            })
            .collect()
    };
    let streams = match page.get(b"Contents") {
        Some(Object::Ref(r)) => match file.resolve(&Object::Ref(*r)) {
            Object::Array(a) => refs(&a),
            _ => vec![*r],
        },
        Some(Object::Array(a)) => refs(a),
        _ => Vec::new(),
    };
    // A content stream that is not there is damage, never an empty page.
    streams
        .into_iter()
        .map(|r| file.stream_bytes(r).map(|d| d.as_ref().clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_says_what_to_do() {
        let all = [
            Error::NotPdf,
            Error::TooLarge { bytes: 70 << 20 },
            Error::Encrypted(Encryption::Password),
            Error::Encrypted(Encryption::Unsupported("Adobe.PubSec".into())),
            Error::Damaged("交叉引用表已损坏"),
            Error::Filter("LZWDecode".into()),
            Error::Bomb,
            Error::TooComplex,
            Error::Scanned {
                pages: 3,
                images: 3,
            },
            Error::NoText { pages: 1 },
            Error::Font {
                font: "宋体".into(),
                cmap: Some("Identity-H".into()),
            },
            Error::Garbled {
                undecodable: 90,
                glyphs: 100,
            },
        ];
        for e in all {
            let message = e.to_string();
            assert!(message.contains('请'), "{e:?}: {message}");
            assert!(!message.ends_with('。'), "{e:?}: {message}");
        }
    }
}
