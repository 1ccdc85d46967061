//! Repetitive tickets: near-duplicate groups of ticket texts with what they cost —
//! volume, how many days they recur on, resolution time and one-touch share.

use std::collections::HashSet;

use chrono_tz::Tz;

use crate::analytics::engine::stats::duration_stats;
use crate::analytics::frame::{cols, Frame};
use crate::analytics::query::range::local_date;

use super::build_themes::quote_text;
use super::corpus::Doc;
use super::duplicates::{near_duplicate_groups, DupInput, DupParams};
use super::report::DuplicateCluster;
use super::FeedbackError;

/// Groups listed.
const CLUSTERS: usize = 30;
/// Smaller groups are coincidences, not automation candidates.
const MIN_SIZE: usize = 5;

pub fn clusters(
    frame: &Frame,
    docs: &[&Doc],
    tz: Tz,
) -> Result<Vec<DuplicateCluster>, FeedbackError> {
    let inputs: Vec<DupInput> = docs
        .iter()
        .map(|d| DupInput {
            lang: d.prepared.lang,
            text: &d.prepared.text,
        })
        .collect();
    let params = DupParams {
        min_size: MIN_SIZE,
        ..DupParams::default()
    };
    let groups = near_duplicate_groups(&inputs, &params);
    let created = frame.tickets.column("created_at")?.i64()?;
    let solved = frame.tickets.column(cols::SOLVED_NOW)?.bool()?;
    let replies = frame.tickets.column("replies")?.i64()?;
    let resolution = frame
        .tickets
        .column("full_resolution_time_calendar")?
        .f64()?;
    let mut out = Vec::new();
    for members in groups.into_iter().take(CLUSTERS) {
        let Some(&first) = members.first() else {
            continue;
        };
        let mut tickets: Vec<_> = members
            .iter()
            .map(|&i| (docs[i].ticket, docs[i].row))
            .collect();
        tickets.sort_unstable();
        tickets.dedup();
        let (mut days, mut times, mut minutes) = (HashSet::new(), Vec::new(), Vec::new());
        let (mut solved_n, mut one_touch) = (0u64, 0u64);
        for &(_, row) in &tickets {
            let row = row as usize;
            if let Some(at) = created.get(row) {
                days.insert(local_date(at, tz));
                times.push(at);
            }
            if solved.get(row) == Some(true) {
                if let Some(r) = replies.get(row) {
                    solved_n += 1;
                    one_touch += u64::from(r == 1);
                }
                if let Some(m) = resolution.get(row) {
                    minutes.push(m);
                }
            }
        }
        let doc = docs[first];
        out.push(DuplicateCluster {
            id: format!("dup-{}", out.len() + 1),
            lang: doc.prepared.lang,
            size: tickets.len() as u64,
            days: days.len() as u64,
            first_at: times.iter().copied().min().unwrap_or(doc.at),
            last_at: times.iter().copied().max().unwrap_or(doc.at),
            median_resolution_minutes: duration_stats(&mut minutes).median,
            one_touch_share: (solved_n > 0).then(|| one_touch as f64 / solved_n as f64),
            example: quote_text(&doc.prepared.text),
            example_ticket: doc.ticket.1,
            ticket_ids: tickets.iter().map(|(t, _)| t.1).collect(),
            tickets: tickets.iter().map(|(t, _)| *t).collect(),
        });
    }
    Ok(out)
}
