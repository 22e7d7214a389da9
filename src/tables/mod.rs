//! The tables of sections 二, 三 and 四, read under the template's guidance.
//!
//! Each table is read from its section's body (its region): section 二's six rows under
//! their four captions, section 三's 25 rows × 7 columns, section 四's 15 values. The readers
//! record facts only — rows found or missing, labels as written, values that did not fit, header
//! texts retyped or missing, numbers that belong to no row — and `rules` judges them.
//!
//! Invariant: a value is reported only when it was read with certainty; everything else is
//! `None` plus a fact that says why.

mod blocks;
pub mod grid;
pub mod header;
pub mod labels;
mod lines;
mod reader;
mod resolve;
pub mod row;
mod section2;
mod section3;
mod section4;
pub mod tokens;

use crate::outline::Outline;
use crate::report;
use crate::span::LineIndex;
use crate::template::{S3_COLUMNS, S4_COLUMNS};
use crate::text::Normalized;

pub use grid::{Columns, Grids};
pub use header::HeaderIssue;
pub use labels::LabelStatus;
pub use row::{Cell, Fit, RowRead};
pub use section2::Table2;
pub use section3::Table3;
pub use section4::Table4;
pub use tokens::Num;

/// The three tables of one report.
#[derive(Debug)]
pub struct Tables {
    pub s2: Table2,
    pub s3: Table3,
    pub s4: Table4,
}

impl Tables {
    /// Reads the three tables of a normalised report whose outline is known; tables that
    /// stand in `grids` are read by their grid.
    pub fn read(norm: &Normalized, outline: &Outline, grids: &Grids) -> Tables {
        let s3 = section3::read(norm, outline, grids);
        let s2 = section2::read(norm, outline, s3.start, grids);
        let s4 = section4::read(norm, outline, &s3, grids);
        Tables { s2, s3, s4 }
    }

    /// Which template the tables follow: `"2019"` when old-format groups were recognised.
    pub fn format(&self) -> &'static str {
        if self.s2.format_2019 {
            "2019"
        } else {
            "2021"
        }
    }

    /// The tables as the report shows them.
    pub fn to_report(&self, index: &LineIndex) -> report::Tables {
        report::Tables {
            s2: report::Table2 {
                groups: self
                    .s2
                    .groups
                    .iter()
                    .map(|g| report::Group2 {
                        caption: g.caption,
                        columns: g.columns.to_vec(),
                        rows: g.rows.iter().map(|r| r.key).collect(),
                    })
                    .collect(),
                rows: self.s2.rows.iter().map(|r| row_report(r, index)).collect(),
            },
            s3: report::Table3 {
                columns: S3_COLUMNS.to_vec(),
                rows: self.s3.rows.iter().map(|r| row_report(r, index)).collect(),
                extra_rows: self
                    .s3
                    .old_other
                    .iter()
                    .map(|r| row_report(r, index))
                    .collect(),
            },
            s4: report::Table4 {
                columns: S4_COLUMNS
                    .iter()
                    .map(|c| report::Column {
                        key: c.key,
                        group: c.group,
                        label: c.label,
                    })
                    .collect(),
                values: self.s4.row.values.iter().map(|v| v.map(number)).collect(),
                cells: self
                    .s4
                    .row
                    .cells
                    .iter()
                    .map(|c| c.map(|s| index.locate(s)))
                    .collect(),
                span: self.s4.row.span.map(|s| index.locate(s)),
            },
        }
    }
}

fn number(n: Num) -> report::Number {
    match n {
        Num::Int(i) => report::Number::Int(i),
        Num::Dec(d) => report::Number::Dec(d),
    }
}

fn row_report(r: &RowRead, index: &LineIndex) -> report::Row {
    report::Row {
        key: r.def.key,
        label: r.def.label,
        group: r.def.group,
        values: r.values.iter().map(|v| v.map(number)).collect(),
        cells: r.cells.iter().map(|c| c.map(|s| index.locate(s))).collect(),
        span: r.span.map(|s| index.locate(s)),
    }
}
