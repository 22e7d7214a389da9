//! Writes a [`Filled`] report as a document with real tables: clipboard HTML as Word, WPS,
//! LibreOffice and a CMS page write it, and .docx files as Word, WPS and LibreOffice save them.
//!
//! The tables are built once as rows of cells with their spans (`Table`), exactly as the
//! template draws them: section 三's note merged over three columns and three header rows, the
//! group labels 三、本年度办理结果 and （三）不予公开 merged down the rows they head, section 四's
//! two-level header. Zeros are often left as empty cells, so blank cells stand at every position
//! of a row. Each program's dialect then serialises the same tables.

use super::render::{document_with, Texts};
use super::{Filled, Rng};
use nianbao::template::{
    S2_CONTENT_HEADER, S3_COLUMNS, S3_HEADER_EXTRAS, S4_HEADER_WORDS, S4_RESULT_LABELS,
};

/// A program that writes documents with tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Word,
    Wps,
    LibreOffice,
    Cms,
}

/// One cell with its spans.
#[derive(Clone, Debug)]
pub(super) struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub header: bool,
}

fn cell(text: &str, colspan: usize, rowspan: usize) -> Cell {
    Cell {
        text: text.to_string(),
        colspan,
        rowspan,
        header: false,
    }
}

fn head(text: &str, colspan: usize, rowspan: usize) -> Cell {
    Cell {
        header: true,
        ..cell(text, colspan, rowspan)
    }
}

/// A table as rows of cells; a cell spanning rows stands only in its first row.
pub(super) type Table = Vec<Vec<Cell>>;

fn table2(t: &Texts) -> Table {
    let width = 1 + t.s2.iter().map(|g| g.columns.len()).max().unwrap_or(1);
    let mut out = Table::new();
    for group in &t.s2 {
        out.push(vec![head(group.caption, width, 1)]);
        let mut header = vec![head(S2_CONTENT_HEADER, 1, 1)];
        header.extend(last_spans(
            group.columns.iter().map(|c| head(c, 1, 1)).collect(),
            width - 1,
        ));
        out.push(header);
        for (label, values) in &group.rows {
            let mut row = vec![cell(label, 1, 1)];
            row.extend(last_spans(
                values.iter().map(|v| cell(v, 1, 1)).collect(),
                width - 1,
            ));
            out.push(row);
        }
    }
    out
}

/// `cells` with the last one widened so that they fill `width` columns.
fn last_spans(mut cells: Vec<Cell>, width: usize) -> Vec<Cell> {
    let used: usize = cells.iter().map(|c| c.colspan).sum();
    if let Some(last) = cells.last_mut() {
        last.colspan += width.saturating_sub(used);
    }
    cells
}

fn table3(t: &Texts) -> Table {
    let mut out: Table = vec![
        vec![
            head(S3_HEADER_EXTRAS[0], 3, 3),
            head(S3_HEADER_EXTRAS[1], 7, 1),
        ],
        vec![
            head(S3_COLUMNS[0], 1, 2),
            head(S3_HEADER_EXTRAS[2], 5, 1),
            head(S3_COLUMNS[6], 1, 2),
        ],
        S3_COLUMNS[1..6].iter().map(|c| head(c, 1, 1)).collect(),
    ];
    let rows = &t.s3;
    for (i, row) in rows.iter().enumerate() {
        let starts = |get: fn(&super::render::Row3) -> Option<&'static str>| {
            get(row).filter(|g| i == 0 || rows.get(i - 1).and_then(get) != Some(*g))
        };
        let run = |get: fn(&super::render::Row3) -> Option<&'static str>, g: &str| {
            rows.iter()
                .skip(i)
                .take_while(|r| get(r) == Some(g))
                .count()
        };
        let mut line = Vec::new();
        if let Some(outer) = starts(|r| r.outer) {
            line.push(cell(outer, 1, run(|r| r.outer, outer)));
        }
        if let Some(inner) = starts(|r| r.inner) {
            line.push(cell(inner, 1, run(|r| r.inner, inner)));
        }
        let stub = usize::from(row.outer.is_some()) + usize::from(row.inner.is_some());
        line.push(cell(row.label, 3 - stub, 1));
        line.extend(row.cells.iter().map(|v| cell(v, 1, 1)));
        out.push(line);
    }
    out
}

fn table4(t: &Texts) -> Table {
    let [review, litigation, direct, after, ..] = S4_HEADER_WORDS else {
        unreachable!()
    };
    let mut second: Vec<Cell> = S4_RESULT_LABELS.iter().map(|l| head(l, 1, 2)).collect();
    second.extend([head(direct, 5, 1), head(after, 5, 1)]);
    vec![
        vec![head(review, 5, 1), head(litigation, 10, 1)],
        second,
        S4_RESULT_LABELS
            .iter()
            .chain(S4_RESULT_LABELS.iter())
            .map(|l| head(l, 1, 1))
            .collect(),
        t.s4.iter().map(|v| cell(v, 1, 1)).collect(),
    ]
}

/// A block of the document: a paragraph, or the table of section 二, 三 or 四.
pub(super) enum Block {
    Paragraph(String),
    Table(Table),
}

/// Marks where a table stands in the text of the document.
const TABLE_MARK: &str = "\u{E000}TABLE";

/// The document's blocks: the paragraphs of `document_with` and the three tables in their places.
pub(super) fn blocks(f: &Filled, t: &Texts) -> Vec<Block> {
    let marks = [2, 3, 4].map(|n| format!("{TABLE_MARK}{n}\n"));
    let text = document_with(f, "", marks);
    let mut tables = [table2(t), table3(t), table4(t)].into_iter();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            if l.starts_with(TABLE_MARK) {
                Block::Table(tables.next().unwrap_or_default())
            } else {
                Block::Paragraph(l.to_string())
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// HTML

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The clipboard HTML `dialect` writes for the report.
pub fn html(f: &Filled, t: &Texts, dialect: Dialect, rng: &mut Rng) -> String {
    let mut out = match dialect {
        Dialect::Word => String::from(
            "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\
             <head><meta charset=utf-8><style><!-- p.MsoNormal {margin:0cm;} --></style></head>\
             <body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->",
        ),
        Dialect::Wps => String::from(
            "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta name=Generator content=\"WPS Office\"></head><body>",
        ),
        Dialect::LibreOffice => String::from(
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0 Transitional//EN\"><html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"/><meta name=\"generator\" content=\"LibreOffice 7.4.7.2 (Linux)\"/></head><body lang=\"zh-CN\" dir=\"ltr\">",
        ),
        Dialect::Cms => String::from(
            "<div class=\"TRS_Editor\"><style type=\"text/css\">.TRS_Editor P{line-height:2;}</style>",
        ),
    };
    for block in blocks(f, t) {
        match block {
            Block::Paragraph(p) => out += &html_paragraph(&p, dialect),
            Block::Table(table) => out += &html_table(&table, dialect, rng),
        }
    }
    out += match dialect {
        Dialect::Word => "<!--EndFragment--></body></html>",
        Dialect::Cms => "</div>",
        _ => "</body></html>",
    };
    out
}

fn html_paragraph(p: &str, dialect: Dialect) -> String {
    let p = escape(p);
    match dialect {
        Dialect::Word => format!(
            "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312'>{p}<span lang=EN-US><o:p></o:p></span></span></p>\r\n"
        ),
        Dialect::Wps => format!("<p style=\"text-indent:2em\"><span>{p}</span></p>"),
        Dialect::LibreOffice => {
            format!("<p lang=\"zh-CN\" style=\"margin-bottom: 0cm\"><font face=\"宋体\">{p}</font></p>\n")
        }
        Dialect::Cms => format!("<p style=\"text-indent: 2em;\">{p}"),
    }
}

fn html_table(table: &Table, dialect: Dialect, rng: &mut Rng) -> String {
    let mut out = match dialect {
        Dialect::Word => String::from(
            "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>\r\n",
        ),
        Dialect::Wps => String::from("<table border=\"1\" cellspacing=\"0\"><colgroup><col width=\"72\"/></colgroup>"),
        Dialect::LibreOffice => String::from(
            "<table width=\"100%\" cellpadding=\"4\" cellspacing=\"0\"><col width=\"40*\"/><tbody>",
        ),
        Dialect::Cms => String::from("<table border=\"1\" cellspacing=\"0\" align=\"center\"><tbody>"),
    };
    for row in table {
        out += "<tr>";
        for c in row {
            out += &html_cell(c, dialect, rng);
        }
        out += "</tr>";
        if dialect == Dialect::Word {
            out += "\r\n";
        }
    }
    out += match dialect {
        Dialect::Word | Dialect::Wps => "</table>",
        _ => "</tbody></table>",
    };
    out
}

fn html_cell(c: &Cell, dialect: Dialect, rng: &mut Rng) -> String {
    let mut spans = String::new();
    if c.colspan > 1 {
        spans += &format!(" colspan={}", quoted(c.colspan, dialect));
    }
    if c.rowspan > 1 {
        spans += &format!(" rowspan={}", quoted(c.rowspan, dialect));
    }
    let text = escape(&c.text);
    let numeric = !c.text.is_empty() && c.text.chars().all(|ch| ch.is_ascii_digit() || ch == '.');
    match dialect {
        Dialect::Word => {
            let inner = if text.is_empty() {
                "<span lang=EN-US><o:p>&nbsp;</o:p></span>".to_string()
            } else {
                format!("<span lang=EN-US style='font-size:10.0pt'>{text}<o:p></o:p></span>")
            };
            format!(
                "<td width=64{spans} valign=top style='width:48.0pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'><p class=MsoNormal align=center style='text-align:center'>{inner}</p></td>"
            )
        }
        Dialect::Wps => {
            let kind = if numeric { " x:num" } else { " x:str" };
            let class = if c.header { "xl66" } else { "xl65" };
            format!("<td class=\"{class}\"{spans}{kind}>{text}</td>")
        }
        Dialect::LibreOffice => {
            let value = if numeric {
                format!(" sdval=\"{}\" sdnum=\"2052;\"", c.text)
            } else {
                String::new()
            };
            let inner = if text.is_empty() {
                "<br/>".to_string()
            } else {
                format!("<font face=\"宋体\"><font size=\"2\" style=\"font-size: 10pt\">{text}</font></font>")
            };
            format!("<td{spans} style=\"border: 1px solid #000000; padding: 0.1cm\"{value}><p align=\"center\">{inner}</p></td>")
        }
        Dialect::Cms => {
            let tag = if c.header && rng.chance(70) {
                "th"
            } else {
                "td"
            };
            let inner = if text.is_empty() {
                "&nbsp;".to_string()
            } else {
                text
            };
            format!("<{tag}{spans} style=\"text-align:center\">{inner}</{tag}>")
        }
    }
}

fn quoted(n: usize, dialect: Dialect) -> String {
    match dialect {
        Dialect::Word => n.to_string(),
        _ => format!("\"{n}\""),
    }
}

// ---------------------------------------------------------------------------------------------
// .docx

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The .docx file `dialect` (Word, WPS or LibreOffice) saves for the report.
pub fn docx(f: &Filled, t: &Texts, dialect: Dialect) -> Vec<u8> {
    let mut body = String::new();
    for block in blocks(f, t) {
        match block {
            Block::Paragraph(p) => body += &w_paragraph(&p, dialect),
            Block::Table(table) => body += &w_table(&table, dialect),
        }
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"{W}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let app = match dialect {
        Dialect::Wps => "WPS Office_11.1.0",
        Dialect::LibreOffice => "LibreOffice/7.4.7.2$Linux_X86_64",
        _ => "Microsoft Office Word",
    };
    let app_xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>{app}</Application></Properties>");
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", xml.as_bytes()),
        ("docProps/app.xml", app_xml.as_bytes()),
    ])
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

fn w_escape(text: &str) -> String {
    escape(text).replace('"', "&quot;")
}

fn w_paragraph(text: &str, dialect: Dialect) -> String {
    let text = w_escape(text);
    match dialect {
        // Word splits text into runs where the formatting history differs.
        Dialect::Word => {
            let cut = text.char_indices().nth(3).map_or(text.len(), |(i, _)| i);
            let (a, b) = text.split_at(cut);
            format!("<w:p><w:pPr><w:ind w:firstLineChars=\"200\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t>{a}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{b}</w:t></w:r></w:p>")
        }
        Dialect::Wps => format!("<w:p><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"default\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr><w:t>{text}</w:t></w:r></w:p>"),
        _ => format!("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t>{text}</w:t></w:r></w:p>"),
    }
}

/// A table as WordprocessingML: a cell merged down rows is a `vMerge` restart, and each row
/// below it holds a continuation cell at its place.
fn w_table(table: &Table, dialect: Dialect) -> String {
    let width: usize = table
        .first()
        .map_or(0, |r| r.iter().map(|c| c.colspan).sum());
    let grid: String = (0..width).map(|_| "<w:gridCol w:w=\"700\"/>").collect();
    let mut out = format!("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>");
    // For each grid column: rows still covered by a merged cell above, and its column span.
    let mut below: Vec<(usize, usize)> = vec![(0, 1); width];
    for row in table {
        out += "<w:tr><w:trPr><w:jc w:val=\"center\"/></w:trPr>";
        let mut cells = row.iter();
        let mut col = 0;
        while col < width {
            let (left, span) = below[col];
            if left > 0 {
                below[col].0 -= 1;
                out += &w_cell("", span, Some(false), dialect);
                col += span;
                continue;
            }
            let Some(c) = cells.next() else { break };
            let merge = (c.rowspan > 1).then_some(true);
            if c.rowspan > 1 {
                below[col] = (c.rowspan - 1, c.colspan);
            }
            out += &w_cell(&c.text, c.colspan, merge, dialect);
            col += c.colspan;
        }
        out += "</w:tr>";
    }
    out + "</w:tbl>"
}

/// One `w:tc`: `merge` is `Some(true)` for a vertical merge's first cell, `Some(false)` for a
/// continuation.
fn w_cell(text: &str, span: usize, merge: Option<bool>, dialect: Dialect) -> String {
    let grid = if span > 1 {
        format!("<w:gridSpan w:val=\"{span}\"/>")
    } else {
        String::new()
    };
    let merge = match (merge, dialect) {
        (Some(true), _) => "<w:vMerge w:val=\"restart\"/>",
        (Some(false), Dialect::Wps) => "<w:vMerge w:val=\"continue\"/>",
        (Some(false), _) => "<w:vMerge/>",
        (None, _) => "",
    };
    let para = if text.is_empty() {
        match dialect {
            Dialect::LibreOffice => "<w:p><w:pPr><w:pStyle w:val=\"TableContents\"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr></w:r></w:p>".to_string(),
            _ => "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>".to_string(),
        }
    } else {
        format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"20\"/></w:rPr><w:t>{}</w:t></w:r></w:p>", w_escape(text))
    };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>{grid}{merge}<w:vAlign w:val=\"center\"/></w:tcPr>{para}</w:tc>", 700 * span)
}

/// A zip archive of `entries`, every part deflated.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let parts: Vec<(Vec<u8>, u32, u32)> = entries
        .iter()
        .map(|(_, data)| {
            let stored = miniz_oxide::deflate::compress_to_vec(data, 6);
            (stored, nianbao::docx::crc32(data), data.len() as u32)
        })
        .collect();
    let raw: Vec<RawEntry<'_>> = entries
        .iter()
        .zip(&parts)
        .map(|((name, _), (stored, crc, size))| RawEntry {
            name,
            method: 8,
            crc: *crc,
            size: *size,
            stored,
        })
        .collect();
    raw_zip(&raw)
}

/// One zip entry as stored: its name, compression method, CRC-32 and size of the data, and
/// the stored bytes (which tests may damage).
pub struct RawEntry<'a> {
    pub name: &'a str,
    pub method: u16,
    pub crc: u32,
    pub size: u32,
    pub stored: &'a [u8],
}

/// The zip archive of `entries`, written by hand: local headers, central directory, end record.
pub fn raw_zip(entries: &[RawEntry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let mut fields = Vec::new();
        fields.extend_from_slice(&20u16.to_le_bytes()); // version needed to extract
        fields.extend_from_slice(&0u16.to_le_bytes()); // flags
        fields.extend_from_slice(&e.method.to_le_bytes());
        fields.extend_from_slice(&[0x00, 0x60, 0x59, 0x5A]); // time and date
        fields.extend_from_slice(&e.crc.to_le_bytes());
        fields.extend_from_slice(&(e.stored.len() as u32).to_le_bytes());
        fields.extend_from_slice(&e.size.to_le_bytes());
        fields.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        fields.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        let offset = out.len() as u32;
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&fields);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(e.stored);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&0x0314u16.to_le_bytes()); // made by: Unix, 2.0
        central.extend_from_slice(&fields);
        central.extend_from_slice(&[0; 10]); // comment length, disk, attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}
