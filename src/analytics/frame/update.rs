//! The frame after a write, from the tickets it changed. Rebuilding reads every ticket,
//! rating, SLA event, tag and field value from SQLite; after a sync that touched a few
//! percent of the tickets, the old frame keeps the rows of the unchanged ones, the
//! changed ones are read again with the frame's own row builders, and both are merged in
//! ticket order. The result is the frame a rebuild gives, row for row. Whatever the
//! store's change log cannot vouch for is left to a rebuild.
//!
//! When every unchanged ticket keeps its row (no ticket left or came in before the last
//! one), a column whose values the changed tickets did not change is the old column
//! itself, and so is a table of ratings, SLA instances, tags or field values they did
//! not change: the snapshot's save links those files instead of writing them again.

use polars::prelude::*;

use crate::analytics::AnalyticsError;
use crate::store::{Store, TicketKey, TicketSelection};

use super::codes::ValueCodes;
use super::{cols, CodedFrame, Frame, TicketFrames, CODE};

/// Below this many changed tickets an update is always worth it.
const ALWAYS_UPDATE: usize = 10_000;
/// Past this share of the tickets (1 in N), reading them all again costs about as much.
const REBUILD_SHARE: usize = 5;

/// `old`, built from the data of generation `generation`, brought up to the store's
/// data; `None` when the store cannot say which tickets changed since then, or when so
/// many did that a rebuild is as quick.
pub(super) fn update(
    old: Frame,
    store: &Store,
    generation: i64,
) -> Result<Option<Frame>, AnalyticsError> {
    let Some(changed) = store.changed_tickets(generation)? else {
        return Ok(None);
    };
    if changed.len() > (old.ticket_count() / REBUILD_SHARE).max(ALWAYS_UPDATE) {
        return Ok(None);
    }
    let selected = TicketSelection::ChangedAfter(generation);
    let columns = store.ticket_columns(selected)?;
    let new_keys: Vec<TicketKey> = columns
        .source_id
        .iter()
        .copied()
        .zip(columns.id.iter().copied())
        .collect();

    // Unchanged tickets keep their key; changed ones leave the old frame.
    let old_keys: Vec<Option<TicketKey>> = ticket_keys(&old.tickets)?
        .into_iter()
        .map(|key| changed.binary_search(&key).is_err().then_some(key))
        .collect();
    let (order, _) = merged(&old_keys, &new_keys);

    // Where each kept old row and each re-read ticket lands in the new frame.
    let mut old_to_new: Vec<Option<u32>> = vec![None; old_keys.len()];
    let mut new_rows = vec![0u32; new_keys.len()];
    for (at, from) in order.into_no_null_iter().enumerate() {
        let (at, from) = (at as u32, from as usize);
        match from.checked_sub(old_keys.len()) {
            None => old_to_new[from] = Some(at),
            Some(new) => new_rows[new] = at,
        }
    }

    let fresh = TicketFrames::read(store, selected, columns, &new_rows)?;
    let in_place = old_to_new
        .iter()
        .enumerate()
        .all(|(row, new)| new.is_none_or(|new| new as usize == row));
    // The tickets and the frames hanging off them are independent: a core each.
    let TicketFrames {
        tickets: fresh_tickets,
        ratings,
        sla,
        tags,
        fields,
    } = fresh;
    let fresh = Related {
        ratings,
        sla,
        tags,
        fields,
    };
    let (tickets, related) = crate::analytics::in_parallel(
        || ticket_rows(&old.tickets, &fresh_tickets, &order, in_place),
        || related_rows(&old, fresh, &old_to_new, in_place),
    );
    let ((tickets, same), (related, kept)) = (tickets?, related?);
    let frames = TicketFrames {
        tickets,
        ratings: related.ratings,
        sla: related.sla,
        tags: related.tags,
        fields: related.fields,
    };
    let mut frame = Frame::assemble(store, frames)?;
    frame.stored = old.stored;
    frame.stored.retain(|table, column| {
        kept.contains(&table) || (table == "tickets" && same.iter().any(|c| c == column))
    });
    Ok(Some(frame))
}

/// The frames hanging off the tickets of some tickets.
struct Related {
    ratings: DataFrame,
    sla: CodedFrame,
    tags: CodedFrame,
    fields: CodedFrame,
}

/// The new tickets frame, and the columns that are the old ones.
fn ticket_rows(
    old: &DataFrame,
    fresh: &DataFrame,
    order: &IdxCa,
    in_place: bool,
) -> Result<(DataFrame, Vec<PlSmallStr>), AnalyticsError> {
    if in_place {
        return patched(old, fresh, order);
    }
    let mut tickets = gathered(old, fresh, order)?;
    let height = tickets.height() as u32;
    tickets.with_column(Column::new(
        cols::ROW.into(),
        (0..height).collect::<Vec<u32>>(),
    ))?;
    Ok((tickets, Vec::new()))
}

/// The frames hanging off the tickets with the changed tickets' rows taken in, and the
/// tables that are the old ones.
fn related_rows(
    old: &Frame,
    fresh: Related,
    old_to_new: &[Option<u32>],
    in_place: bool,
) -> Result<(Related, Vec<&'static str>), AnalyticsError> {
    let mut kept = Vec::new();
    let ratings = if in_place && unchanged(&old.ratings, old_to_new, &fresh.ratings)? {
        kept.push("ratings");
        old.ratings.clone()
    } else {
        spliced(&old.ratings, old_to_new, &fresh.ratings)?
    };
    let mut coded = |table: &'static str, old: &DataFrame, values: &ValueCodes, new| {
        if in_place && unchanged_coded(old, values, old_to_new, &new)? {
            kept.push(table);
            return Ok::<_, AnalyticsError>(CodedFrame {
                frame: old.clone(),
                values: values.clone(),
            });
        }
        spliced_coded(old, values, old_to_new, new)
    };
    let related = Related {
        ratings,
        sla: coded("sla", &old.sla, &old.sla_metrics, fresh.sla)?,
        tags: coded("tags", &old.tags, &old.tag_values, fresh.tags)?,
        fields: coded("fields", &old.fields, &old.field_values, fresh.fields)?,
    };
    Ok((related, kept))
}

/// `old` stacked on `new`, as one chunk, in `order`.
fn gathered(old: &DataFrame, new: &DataFrame, order: &IdxCa) -> Result<DataFrame, AnalyticsError> {
    // One chunk first: a gather over one chunk is a plain indexed copy.
    let mut all = old.vstack(new)?;
    all.rechunk_mut();
    Ok(all.take(order)?)
}

/// The tickets of `old` with those of `new` taken in, when every old row keeps its place
/// (`order` takes each kept row from where it was), and the columns that are the old
/// ones: those whose values at the changed rows are the new values, when no row came in
/// or left.
fn patched(
    old: &DataFrame,
    new: &DataFrame,
    order: &IdxCa,
) -> Result<(DataFrame, Vec<PlSmallStr>), AnalyticsError> {
    let height = old.height() as IdxSize;
    let replaced: Vec<IdxSize> = order
        .into_no_null_iter()
        .enumerate()
        .filter(|(_, from)| *from >= height)
        .map(|(at, _)| at as IdxSize)
        .collect();
    // Every kept row is in its place, so with as many rows as before each new ticket
    // took the row of a changed one, in the same order.
    let same_rows = order.len() == old.height();
    let replaced = IdxCa::from_vec("replaced".into(), replaced);
    let mut same = Vec::new();
    for (before, after) in old.columns().iter().zip(new.columns()) {
        if same_rows && before.take(&replaced)?.equals_missing(after) {
            same.push(before.name().clone());
        }
    }
    // The other columns are gathered together, a column per core.
    let changed = |df: &DataFrame| df.drop_many(same.iter().cloned());
    let taken = gathered(&changed(old), &changed(new), order)?;
    let columns = old
        .columns()
        .iter()
        .map(|column| match taken.column(column.name()) {
            Ok(new) => new.clone(),
            Err(_) => column.clone(),
        })
        .collect();
    Ok((DataFrame::new(order.len(), columns)?, same))
}

/// Whether the rows of `old` that belong to changed tickets (those `old_to_new` drops)
/// are `new`'s, so the frame with `new` spliced in is `old` itself.
fn unchanged(
    old: &DataFrame,
    old_to_new: &[Option<u32>],
    new: &DataFrame,
) -> Result<bool, AnalyticsError> {
    let changed: BooleanChunked = old
        .column(cols::ROW)?
        .u32()?
        .iter()
        .map(|row| row.is_none_or(|row| old_to_new.get(row as usize).is_none_or(Option::is_none)))
        .collect();
    // As many rows first: counting them is cheap, taking them out is not.
    if changed.sum().unwrap_or(0) as usize != new.height() {
        return Ok(false);
    }
    Ok(old.filter(&changed)?.equals_missing(new))
}

/// `unchanged` for a frame of codes: `new`'s codes are first read as the old ones (a
/// value the old frame never had is a change). The old codes are then those a rebuild
/// gives too, since the rows, and so the values they use, are the same.
fn unchanged_coded(
    old: &DataFrame,
    old_values: &ValueCodes,
    old_to_new: &[Option<u32>],
    new: &CodedFrame,
) -> Result<bool, AnalyticsError> {
    let as_old: Option<Vec<u32>> = new
        .values
        .values()
        .iter()
        .map(|value| old_values.code_of(value))
        .collect();
    match as_old {
        Some(map) => unchanged(old, old_to_new, &recoded(&new.frame, &map)?),
        None => Ok(false),
    }
}

/// The (source_id, id) of every ticket row, in row order.
fn ticket_keys(tickets: &DataFrame) -> Result<Vec<TicketKey>, AnalyticsError> {
    let sources = tickets.column("source_id")?.i64()?;
    let ids = tickets.column("id")?.i64()?;
    Ok(sources
        .iter()
        .zip(ids.iter())
        .map(|(source, id)| (source.unwrap_or_default(), id.unwrap_or_default()))
        .collect())
}

/// A frame hanging off ticket rows, with the rows of unchanged tickets renumbered
/// (`old_to_new`) and those of changed tickets taken from `new` (already numbered),
/// merged in row order as a rebuild reads them.
fn spliced(
    old: &DataFrame,
    old_to_new: &[Option<u32>],
    new: &DataFrame,
) -> Result<DataFrame, AnalyticsError> {
    let renumbered: Vec<Option<u32>> = old
        .column(cols::ROW)?
        .u32()?
        .iter()
        .map(|row| row.and_then(|row| old_to_new.get(row as usize).copied().flatten()))
        .collect();
    let new_rows: Vec<u32> = new.column(cols::ROW)?.u32()?.iter().flatten().collect();
    let (order, rows) = merged(&renumbered, &new_rows);
    let mut all = gathered(old, new, &order)?;
    all.with_column(Column::new(cols::ROW.into(), rows))?;
    Ok(all)
}

/// `spliced` for a frame of codes: the old and the fresh codes are first brought to one
/// list of values, and values no row uses any more are dropped at the end, so the codes
/// are those a rebuild gives.
fn spliced_coded(
    old: &DataFrame,
    old_values: &ValueCodes,
    old_to_new: &[Option<u32>],
    fresh: CodedFrame,
) -> Result<CodedFrame, AnalyticsError> {
    let (values, old_map, fresh_map) = old_values.union(&fresh.values);
    let old = recoded(old, &old_map)?;
    let all = spliced(&old, old_to_new, &recoded(&fresh.frame, &fresh_map)?)?;
    let (values, renumber) = values.compacted(all.column(CODE)?.u32()?.into_no_null_iter());
    Ok(CodedFrame {
        frame: recoded(&all, &renumber)?,
        values,
    })
}

/// `frame` with each code `c` of its code column replaced by `map[c]`; the frame's
/// codes are valid for the values `map` was made from (a snapshot's are checked on load).
fn recoded(frame: &DataFrame, map: &[u32]) -> Result<DataFrame, AnalyticsError> {
    let codes: Vec<u32> = frame
        .column(CODE)?
        .u32()?
        .into_no_null_iter()
        .map(|code| map[code as usize])
        .collect();
    let mut frame = frame.clone();
    frame.with_column(Column::new(CODE.into(), codes))?;
    Ok(frame)
}

/// Merges the kept (`Some`) keys of `old` with all of `new`, both sorted: the positions
/// to take from `old` stacked on `new`, and the merged keys. On equal keys `old` comes
/// first.
fn merged<K: Ord + Copy>(old: &[Option<K>], new: &[K]) -> (IdxCa, Vec<K>) {
    let kept = old
        .iter()
        .enumerate()
        .filter_map(|(at, key)| key.map(|key| (at, key)));
    let mut new = new.iter().copied().enumerate().peekable();
    let mut order = Vec::with_capacity(old.len() + new.len());
    let mut keys = Vec::with_capacity(order.capacity());
    for (at, key) in kept {
        while let Some((j, next)) = new.next_if(|(_, next)| *next < key) {
            order.push((old.len() + j) as IdxSize);
            keys.push(next);
        }
        order.push(at as IdxSize);
        keys.push(key);
    }
    for (j, next) in new {
        order.push((old.len() + j) as IdxSize);
        keys.push(next);
    }
    (IdxCa::from_vec("order".into(), order), keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_skips_dropped_keys_and_keeps_both_lists_in_order() {
        let (order, keys) = merged(&[Some(1), None, Some(4), Some(6)], &[2, 5, 7, 8]);
        let order: Vec<IdxSize> = order.into_no_null_iter().collect();
        assert_eq!(order, [0, 4, 2, 5, 3, 6, 7]);
        assert_eq!(keys, [1, 2, 4, 5, 6, 7, 8]);
        assert_eq!(merged::<u32>(&[None], &[3]).1, [3]);
        assert_eq!(merged(&[Some(3)], &[]).1, [3]);
    }
}
