//! One line per checked file: what was found and how many findings, for the table printed after
//! several files in text, and for `--format csv-summary`.
//!
//! A file that could not be read has its row too, saying why, so a batch of 10,000 files shows
//! which ones were not checked. Columns are padded by display width (`width.rs`), so the table
//! lines up under Chinese titles.

use std::fmt::Write as _;

use nianbao::report::Report;

use crate::render::{clip, Counts};
use crate::width::str_width;

/// How many sections the template has.
pub const SECTIONS: usize = 6;

/// The widest title shown in the text table, in terminal columns.
pub const TITLE_COLUMNS: usize = 40;

/// The summary of one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The file as named in the output (`-` for standard input).
    pub file: String,
    pub title: Option<String>,
    pub year: Option<u16>,
    /// Sections found, of [`SECTIONS`].
    pub found: usize,
    pub counts: Counts,
    /// Why the file was not checked, when it was not.
    pub failure: Option<String>,
}

impl Row {
    /// The row of a checked report.
    pub fn of(report: &Report, file: &str) -> Row {
        Row {
            file: file.to_string(),
            title: report.outline.title.clone(),
            year: report.outline.year,
            found: report.outline.sections.iter().filter(|s| s.found).count(),
            counts: Counts::of(report),
            failure: None,
        }
    }

    /// The row of an input that could not be read.
    pub fn failed(file: &str, why: String) -> Row {
        Row {
            file: file.to_string(),
            title: None,
            year: None,
            found: 0,
            counts: Counts::default(),
            failure: Some(why),
        }
    }

    /// The cells of the text table: file, title, year, sections, errors, warnings.
    fn cells(&self) -> [String; 6] {
        let file = self.file.clone();
        if self.failure.is_some() {
            let dash = || "-".to_string();
            return [file, "（无法读取）".into(), dash(), dash(), dash(), dash()];
        }
        let title = self.title.as_deref().unwrap_or("（未找到标题）");
        [
            file,
            clip(title, TITLE_COLUMNS),
            self.year.map_or("-".into(), |y| y.to_string()),
            format!("{}/{SECTIONS}", self.found),
            self.counts.errors.to_string(),
            self.counts.warnings.to_string(),
        ]
    }
}

/// The table of all rows, columns padded by display width, numbers right-aligned.
pub fn table(rows: &[Row]) -> String {
    let header = ["文件", "标题", "年度", "部分", "错误", "警告"].map(String::from);
    let body: Vec<[String; 6]> = rows.iter().map(Row::cells).collect();
    let mut widths = header.clone().map(|h| str_width(&h));
    for cells in &body {
        for (w, cell) in widths.iter_mut().zip(cells) {
            *w = (*w).max(str_width(cell));
        }
    }
    let mut out = String::new();
    for cells in std::iter::once(&header).chain(&body) {
        let mut line = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w - str_width(cell));
            let cell = if i >= 2 {
                format!("{pad}{cell}")
            } else {
                format!("{cell}{pad}")
            };
            line.push_str(&cell);
            line.push_str("  ");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lines_up_under_chinese_titles() {
        let mut row = Row::failed("b.txt", "找不到".into());
        let out = table(&[
            Row {
                file: "a.txt".into(),
                title: Some("某局2023年政府信息公开工作年度报告".into()),
                year: Some(2023),
                found: 6,
                counts: Counts {
                    errors: 12,
                    warnings: 3,
                    infos: 0,
                },
                failure: None,
            },
            row.clone(),
        ]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        // Every column ends at the same display column on every line: the widths agree.
        let ends = |l: &str| str_width(l);
        assert_eq!(ends(lines[0]), ends(lines[1]), "{out}");
        assert!(lines[1].contains("2023   6/6    12     3"), "{out}");
        assert!(lines[2].contains("（无法读取）"), "{out}");
        row.title = Some("题".repeat(100));
        row.failure = None;
        let long = table(&[row]);
        assert!(
            long.contains('…') && !long.contains(&"题".repeat(21)),
            "{long}"
        );
    }
}
