//! The status history kept beside the database. Reading millions of history rows from
//! SQLite takes seconds at a million tickets, and the command line would pay that on
//! every `backlog` and `flow`; the cache is the finished `History` as flat little-endian
//! columns, read back in a fraction of that. It is keyed like the frame snapshot, by the
//! database's id and data generation (storing history bumps it), and by the frame's
//! tickets it is laid over, row by row. Anything that does not match or does not read is
//! rebuilt from SQLite: it is only a cache, and a workspace folder may come from anyone,
//! so its file is checked, never trusted to be well formed.

use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::history::{Change, Event, History};
use crate::analytics::{AnalyticsError, Frame};
use crate::store::records::TicketStatus;
use crate::store::Store;

/// The cache file inside the workspace folder.
pub const HISTORY_CACHE: &str = "history-cache.bin";
/// The file's first bytes, then its format; bumped whenever the layout changes.
const MAGIC: &[u8; 8] = b"DSKBHST\0";
const FORMAT: u32 = 1;
/// The header is small; anything claiming more is not a cache of ours.
const HEADER_LIMIT: usize = 1 << 20;

/// What the cached history was read from.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Key {
    database_id: String,
    generation: i64,
    /// The frame's tickets (source, id) in row order, hashed: the history is addressed
    /// by frame row.
    tickets: u64,
    rows: u64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    key: Key,
    events: u64,
    priorities: Vec<String>,
}

impl History {
    /// The history of `frame`'s tickets: from the cache in `dir` when it was made from
    /// the same data, else read from `store` and cached for the next call.
    pub fn cached(store: &Store, frame: &Frame, dir: &Path) -> Result<History, AnalyticsError> {
        let key = Key {
            database_id: store.database_id()?,
            generation: store.data_generation()?,
            tickets: tickets_hash(frame)?,
            rows: frame.tickets.height() as u64,
        };
        let path = dir.join(HISTORY_CACHE);
        if let Some(history) = fs::read(&path).ok().and_then(|b| decode(&b, &key)) {
            return Ok(history);
        }
        let history = History::read(store, frame)?;
        // A cache that cannot be written costs only time on the next call.
        let _ = save(dir, &path, &encode(&history, key));
        Ok(history)
    }
}

fn tickets_hash(frame: &Frame) -> Result<u64, AnalyticsError> {
    let sources = frame.tickets.column("source_id")?.i64()?.rechunk();
    let ids = frame.tickets.column("id")?.i64()?.rechunk();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (source, id) in sources.iter().zip(ids.iter()) {
        (source, id).hash(&mut hasher);
    }
    Ok(hasher.finish())
}

/// Writes beside the target and renames, so a reader never sees half a file.
fn save(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.persist(path)?;
    Ok(())
}

/// A change as two numbers: its field and whether it has a value (`kind`), and the
/// value (a status as its position in `TicketStatus::ALL`, 0 for none).
fn split(change: Change) -> (u8, i64) {
    let (field, value) = match change {
        Change::Status(status) => (
            0,
            TicketStatus::ALL
                .iter()
                .position(|&s| s == status)
                .map(|i| i as i64),
        ),
        Change::Group(value) => (1, value),
        Change::Assignee(value) => (2, value),
        Change::Priority(value) => (3, value),
    };
    (field * 2 + u8::from(value.is_some()), value.unwrap_or(0))
}

fn join(kind: u8, value: i64) -> Option<Change> {
    let value = (kind % 2 == 1).then_some(value);
    Some(match kind / 2 {
        0 => Change::Status(*TicketStatus::ALL.get(usize::try_from(value?).ok()?)?),
        1 => Change::Group(value),
        2 => Change::Assignee(value),
        3 => Change::Priority(value),
        _ => return None,
    })
}

/// Magic, format, the header's length and header, then the columns: row offsets (u64),
/// each event's instant (i64), kind (u8) and value (i64).
fn encode(history: &History, key: Key) -> Vec<u8> {
    let (offsets, events) = history.parts();
    let header = Header {
        key,
        events: events.len() as u64,
        priorities: history.priorities.clone(),
    };
    let header =
        bincode::serde::encode_to_vec(&header, bincode::config::standard()).unwrap_or_default();
    let mut bytes = Vec::with_capacity(16 + header.len() + offsets.len() * 8 + events.len() * 17);
    bytes.extend_from_slice(MAGIC);
    bytes.extend(FORMAT.to_le_bytes());
    bytes.extend((header.len() as u32).to_le_bytes());
    bytes.extend(header);
    offsets
        .iter()
        .for_each(|&o| bytes.extend((o as u64).to_le_bytes()));
    events.iter().for_each(|e| bytes.extend(e.at.to_le_bytes()));
    let split: Vec<(u8, i64)> = events.iter().map(|e| split(e.change)).collect();
    bytes.extend(split.iter().map(|(kind, _)| kind));
    split
        .iter()
        .for_each(|(_, value)| bytes.extend(value.to_le_bytes()));
    bytes
}

/// The history in `bytes` if it is a cache of this format for `key`, whole and well
/// formed: offsets that start at 0, never fall and end at the event count.
fn decode(bytes: &[u8], key: &Key) -> Option<History> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    let (header_len, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*format) != FORMAT {
        return None;
    }
    let header_len = u32::from_le_bytes(*header_len) as usize;
    if header_len > HEADER_LIMIT || header_len > rest.len() {
        return None;
    }
    let (header, rest) = rest.split_at(header_len);
    let config = bincode::config::standard().with_limit::<HEADER_LIMIT>();
    let (header, read): (Header, usize) = bincode::serde::decode_from_slice(header, config).ok()?;
    if read != header_len || header.key != *key {
        return None;
    }
    let rows = usize::try_from(key.rows).ok()?;
    let count = usize::try_from(header.events).ok()?;
    let expected = (rows.checked_add(1)?)
        .checked_mul(8)?
        .checked_add(count.checked_mul(17)?)?;
    if rest.len() != expected {
        return None;
    }
    let (offsets, rest) = rest.split_at((rows + 1) * 8);
    let (ats, rest) = rest.split_at(count * 8);
    let (kinds, values) = rest.split_at(count);
    let offsets: Vec<usize> = words(offsets)
        .map(|w| usize::try_from(w).ok())
        .collect::<Option<_>>()?;
    let well_formed = offsets.first() == Some(&0)
        && offsets.last() == Some(&count)
        && offsets.windows(2).all(|w| w[0] <= w[1]);
    if !well_formed {
        return None;
    }
    let events: Vec<Event> = (words(ats).zip(kinds).zip(words(values)))
        .map(|((at, &kind), value)| {
            Some(Event {
                at: at as i64,
                change: join(kind, value as i64)?,
            })
        })
        .collect::<Option<_>>()?;
    Some(History::from_parts(offsets, events, header.priorities))
}

/// Little-endian 8-byte words.
fn words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    bytes
        .chunks_exact(8)
        .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::super::history::tests::{assignee, group, history, status};
    use super::*;
    use crate::store::records::TicketStatus::*;

    fn key(rows: u64) -> Key {
        Key {
            database_id: "db".into(),
            generation: 3,
            tickets: 42,
            rows,
        }
    }

    fn sample() -> History {
        let mut h = history(&[
            &[status(10, New), group(10, 1), assignee(20, -5)],
            &[],
            &[
                status(5, Open),
                Event {
                    at: 6,
                    change: Change::Priority(Some(0)),
                },
                Event {
                    at: 7,
                    change: Change::Group(None),
                },
                status(8, Closed),
            ],
        ]);
        h.priorities = vec!["high".into()];
        h
    }

    #[test]
    fn a_history_reads_back_whole_for_its_own_key_only() {
        let h = sample();
        let bytes = encode(&h, key(3));
        let back = decode(&bytes, &key(3)).expect("decodes");
        assert_eq!(back.parts(), h.parts());
        assert_eq!(back.priorities, h.priorities);
        assert!(decode(
            &bytes,
            &Key {
                generation: 4,
                ..key(3)
            }
        )
        .is_none());
        assert!(decode(&bytes, &key(4)).is_none());
    }

    #[test]
    fn a_damaged_file_is_not_read_and_nothing_panics() {
        let bytes = encode(&sample(), key(3));
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], &key(3)).is_none(), "cut at {cut}");
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] = bad[i].wrapping_add(0x81);
            // Either refused or read as some history: never a panic.
            let _ = decode(&bad, &key(3));
        }
    }
}
