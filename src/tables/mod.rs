//! STUB: replaced by the real table reader.
use crate::outline::Outline;
use crate::report;
use crate::span::LineIndex;
use crate::template::{S2_GROUPS, S3_COLUMNS, S3_ROWS};
use crate::text::Normalized;

#[derive(Debug, Default)]
pub struct Tables {}

impl Tables {
    pub fn read(_norm: &Normalized, _outline: &Outline) -> Tables {
        Tables {}
    }
    pub fn format(&self) -> &'static str {
        "2021"
    }
    pub fn to_report(&self, _index: &LineIndex) -> report::Tables {
        let empty = |key, label, n| report::Row {
            key,
            label,
            values: vec![None; n],
            cells: vec![None; n],
            span: None,
        };
        report::Tables {
            s2: report::Table2 {
                rows: S2_GROUPS
                    .iter()
                    .flat_map(|g| {
                        g.rows
                            .iter()
                            .map(move |r| empty(r.key, r.label, g.columns.len()))
                    })
                    .collect(),
            },
            s3: report::Table3 {
                columns: S3_COLUMNS.to_vec(),
                rows: S3_ROWS.iter().map(|r| empty(r.key, r.label, 7)).collect(),
            },
            s4: report::Table4 {
                values: vec![None; 15],
                cells: vec![None; 15],
                span: None,
            },
        }
    }
}
