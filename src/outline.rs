//! STUB: replaced by the real outline reader.
use crate::report;
use crate::span::{LineIndex, Span};
use crate::template::SECTIONS;
use crate::text::Normalized;

#[derive(Debug, Default)]
pub struct Outline {
    pub title: Option<(String, Span)>,
    pub year: Option<u16>,
}

impl Outline {
    pub fn read(_norm: &Normalized) -> Outline {
        Outline::default()
    }
    pub fn to_report(&self, index: &LineIndex) -> report::Outline {
        report::Outline {
            title: self.title.as_ref().map(|t| t.0.clone()),
            title_span: self.title.as_ref().map(|t| index.locate(t.1)),
            year: self.year,
            sections: SECTIONS
                .iter()
                .map(|s| report::Section {
                    number: s.number,
                    title: s.heading,
                    heading: None,
                    found: false,
                    span: None,
                })
                .collect(),
        }
    }
}
