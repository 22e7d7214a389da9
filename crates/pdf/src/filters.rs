//! Stream filters: FlateDecode (with PNG and TIFF predictors, as xref streams use them),
//! ASCIIHexDecode and ASCII85Decode. Image filters are never needed for text.
//!
//! Invariants: never panics; inflated output never exceeds the limit given: data that would
//! inflate further is refused as [`Error::Bomb`].

use super::lexer::{Dict, Object};
use super::Error;

/// Inflates zlib data (or raw deflate data, which some writers emit) up to `limit` bytes.
/// Data that does not inflate whole, or whose checksum is wrong, is damaged: a text cut short
/// or changed is never read. Only a zlib stream whose checksum is missing (a writer's bug) is
/// taken as it inflated.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    use miniz_oxide::DataFormat;
    let zlib =
        matches!(data, [a, b, ..] if u16::from_be_bytes([*a, *b]) % 31 == 0 && a & 0x0F == 8);
    let (out, outcome, _) = if zlib {
        run(data, DataFormat::Zlib, limit)
    } else {
        run(data, DataFormat::Raw, limit)
    };
    match outcome {
        Outcome::Done => Ok(out),
        Outcome::Overrun => Err(Error::Bomb),
        Outcome::Broken if zlib => without_checksum(data.get(2..).unwrap_or(&[]), limit),
        Outcome::Broken => Err(Error::Damaged("压缩数据流已损坏")),
    }
}

/// The deflate data of a zlib stream that ends without its checksum.
fn without_checksum(deflate: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    let (out, outcome, consumed) = run(deflate, miniz_oxide::DataFormat::Raw, limit);
    let rest = deflate.get(consumed..).unwrap_or(&[]);
    match outcome {
        Outcome::Done if rest.iter().all(|b| super::lexer::is_space(*b)) => Ok(out),
        Outcome::Overrun => Err(Error::Bomb),
        _ => Err(Error::Damaged("压缩数据流已损坏")),
    }
}

/// How an inflate run ended.
enum Outcome {
    Done,
    /// More output than the limit.
    Overrun,
    /// Bad data or data cut short.
    Broken,
}

/// Inflates `data` in `format`, at most `limit` bytes; also says how many bytes it consumed.
fn run(data: &[u8], format: miniz_oxide::DataFormat, limit: usize) -> (Vec<u8>, Outcome, usize) {
    use miniz_oxide::inflate::stream::{inflate, InflateState};
    use miniz_oxide::{MZFlush, MZStatus};
    let mut state = InflateState::new_boxed(format);
    let mut out = Vec::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut input = data;
    loop {
        let step = inflate(&mut state, input, &mut buffer, MZFlush::None);
        input = input.get(step.bytes_consumed..).unwrap_or(&[]);
        out.extend_from_slice(buffer.get(..step.bytes_written).unwrap_or(&[]));
        let consumed = data.len() - input.len();
        if out.len() > limit {
            return (out, Outcome::Overrun, consumed);
        }
        match step.status {
            Ok(MZStatus::StreamEnd) => return (out, Outcome::Done, consumed),
            Ok(_) if step.bytes_consumed + step.bytes_written > 0 => {}
            _ => return (out, Outcome::Broken, consumed),
        }
    }
}

/// Undoes a predictor given in `/DecodeParms` (`/Predictor`, `/Columns`, `/Colors`,
/// `/BitsPerComponent`).
pub fn unpredict(data: Vec<u8>, params: Option<&Dict>) -> Result<Vec<u8>, Error> {
    let int = |key: &[u8], default: i64| {
        params
            .and_then(|p| p.get(key))
            .and_then(Object::as_int)
            .unwrap_or(default)
    };
    let predictor = int(b"Predictor", 1);
    if predictor < 10 {
        // 1: none; 2 (TIFF) is used for images only.
        return Ok(data);
    }
    let colors = usize::try_from(int(b"Colors", 1).clamp(1, 32)).unwrap_or(1);
    let bits = usize::try_from(int(b"BitsPerComponent", 8).clamp(1, 16)).unwrap_or(8);
    let columns = usize::try_from(int(b"Columns", 1).clamp(1, 1 << 20)).unwrap_or(1);
    let bpp = (colors * bits).div_ceil(8).max(1);
    let row = (colors * bits * columns).div_ceil(8);
    let mut out = Vec::with_capacity(data.len());
    let mut previous = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let Some((&kind, line)) = chunk.split_first() else {
            break;
        };
        let mut current = line.to_vec();
        current.resize(row, 0);
        png_row(kind, &mut current, &previous, bpp);
        out.extend_from_slice(&current);
        previous = current;
    }
    Ok(out)
}

/// Undoes one PNG filter on a row, given the row before it.
fn png_row(kind: u8, row: &mut [u8], previous: &[u8], bpp: usize) {
    for i in 0..row.len() {
        let left = if i >= bpp {
            row.get(i - bpp).copied().unwrap_or(0)
        } else {
            0
        };
        let up = previous.get(i).copied().unwrap_or(0);
        let up_left = if i >= bpp {
            previous.get(i - bpp).copied().unwrap_or(0)
        } else {
            0
        };
        let add = match kind {
            1 => left,
            2 => up,
            3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
            4 => paeth(left, up, up_left),
            _ => 0,
        };
        if let Some(b) = row.get_mut(i) {
            *b = b.wrapping_add(add);
        }
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// ASCIIHexDecode: hex digits up to `>`, white space ignored.
pub fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|&&b| b != b'>')
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p.first().copied().unwrap_or(0) << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

/// ASCII85Decode: groups of five digits `!`..`u`, `z` for four zeros, up to `~>`.
pub fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u32; 5];
    let mut n = 0;
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                if let Some(g) = group.get_mut(n) {
                    *g = u32::from(b - b'!');
                }
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&value85(&group).to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let bytes = value85(&group).to_be_bytes();
        out.extend_from_slice(bytes.get(..n - 1).unwrap_or(&[]));
    }
    out
}

fn value85(group: &[u32; 5]) -> u32 {
    group
        .iter()
        .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflates_within_the_limit() {
        let text = b"BT /F1 12 Tf (Hello) Tj ET".repeat(100);
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&text, 6);
        assert_eq!(inflate(&packed, 1 << 20).expect("inflates"), text);
        assert_eq!(inflate(&packed, 100), Err(Error::Bomb));
        assert!(inflate(b"not deflate at all", 1 << 20).is_err());
        // Cut short, or a wrong checksum: damaged. Without its checksum: read.
        let cut = &packed[..packed.len() / 2];
        assert!(matches!(inflate(cut, 1 << 20), Err(Error::Damaged(_))));
        let mut wrong = packed.clone();
        *wrong.last_mut().unwrap() ^= 1;
        assert!(matches!(inflate(&wrong, 1 << 20), Err(Error::Damaged(_))));
        let unchecked = &packed[..packed.len() - 4];
        assert_eq!(inflate(unchecked, 1 << 20).expect("inflates"), text);
    }

    #[test]
    fn png_up_predictor() {
        let data = vec![2, 1, 2, 2, 1, 1];
        let params = Dict(vec![
            (b"Predictor".to_vec(), Object::Int(12)),
            (b"Columns".to_vec(), Object::Int(2)),
        ]);
        assert_eq!(unpredict(data, Some(&params)).expect("ok"), [1, 2, 2, 3]);
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6c6c 6F>"), b"Hello");
        assert_eq!(ascii85(b"87cURD]i,\"Ebo80~>"), b"Hello World!");
    }
}
