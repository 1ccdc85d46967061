//! The lists converting a ticket needs (ticket fields with the custom statuses, groups
//! with their calendars, business hours with holidays, SLA policies), read whole every
//! run and kept as the API sent them, so a list the plan stops offering still converts
//! later runs (and a resumed one) the same way.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::Value;

use super::{FreshdeskSyncError, Run, Stop};
use crate::sources::freshdesk::account::{Account, AccountLists};
use crate::sources::freshdesk::convert;
use crate::sources::freshdesk::dto::{BusinessHoursDto, GroupDto, SlaPolicyDto, TicketFieldDto};
use crate::sources::freshdesk::error::FreshdeskError;
use crate::sources::freshdesk::pacer::Cost;
use crate::sources::freshdesk::streams::full_list;
use crate::store::records::NamedKind;

/// The lists as last read, one JSON array each.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Snapshot {
    ticket_fields: Vec<Value>,
    groups: Vec<Value>,
    business_hours: Vec<Value>,
    sla_policies: Vec<Value>,
}

/// The settings key of a source's snapshot.
fn key(source_id: i64) -> String {
    format!("freshdesk_account.{source_id}")
}

/// Reads the lists, stores them (fields and groups also as records) and returns the
/// account to convert with.
pub(super) async fn refresh(run: &mut Run<'_>) -> Result<Account, FreshdeskSyncError> {
    let stored: Snapshot = run
        .store
        .setting(&key(run.source_id))?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let ticket_fields = list(run, "ticket_fields", "ticket_fields", stored.ticket_fields).await?;
    let groups = list(run, "groups", "groups", stored.groups).await?;
    let business_hours = calendars(run, stored.business_hours).await?;
    let sla_policies = list(run, "sla_policies", "sla_policies", stored.sla_policies).await?;
    let snapshot = Snapshot {
        ticket_fields,
        groups,
        business_hours,
        sla_policies,
    };
    let fields: Vec<TicketFieldDto> = typed(&snapshot.ticket_fields);
    let groups: Vec<GroupDto> = typed(&snapshot.groups);
    let hours: Vec<BusinessHoursDto> = typed(&snapshot.business_hours);
    let policies: Vec<SlaPolicyDto> = typed(&snapshot.sla_policies);
    let lists = AccountLists {
        ticket_fields: &fields,
        groups: &groups,
        business_hours: &hours,
        sla_policies: &policies,
    };
    let (account, unreadable) = Account::new(lists, run.options.neutral);
    let w = run.store.write()?;
    for field in fields.iter().cloned().filter_map(convert::ticket_field) {
        w.upsert_ticket_field(run.source_id, &field)?;
    }
    for group in groups.iter().cloned().map(convert::group) {
        w.upsert_named(run.source_id, NamedKind::Group, &group)?;
    }
    // A calendar that cannot be read leaves its groups' business minutes null; the run
    // log says why.
    for err in &unreadable {
        w.record_problem(run.run_id, "business_hours", "?", &err.to_string())?;
    }
    let text = serde_json::to_string(&snapshot).unwrap_or_default();
    w.set_setting(&key(run.source_id), &text)?;
    w.commit()?;
    run.summary.problems += unreadable.len() as u64;
    Ok(account)
}

/// One list read whole; the stored one when the plan does not offer it.
async fn list(
    run: &mut Run<'_>,
    stream: &'static str,
    path: &str,
    stored: Vec<Value>,
) -> Result<Vec<Value>, FreshdeskSyncError> {
    let result = match full_list(run.client.base(), path) {
        Ok(url) => run.read_all(stream, url).await,
        Err(e) => Err(e),
    };
    finish(run, stream, result, stored)
}

/// Business hours: the list, then each calendar's own GET, which alone has the
/// holidays and which one is the default.
async fn calendars(
    run: &mut Run<'_>,
    stored: Vec<Value>,
) -> Result<Vec<Value>, FreshdeskSyncError> {
    const STREAM: &str = "business_hours";
    let result = async {
        let listed = run
            .read_all(STREAM, full_list(run.client.base(), "business_hours")?)
            .await?;
        let mut whole = Vec::with_capacity(listed.len());
        for id in listed.iter().filter_map(|c| c.get("id")?.as_i64()) {
            let url = run.client.base().join(&format!("business_hours/{id}"))?;
            let fetched = run.get(STREAM, &url, Cost::CALL).await?;
            let calendar: Value = serde_json::from_slice(&fetched.body).map_err(|e| {
                FreshdeskError::UnexpectedResponse(format!("{} is not JSON ({e})", url.path()))
            })?;
            whole.push(calendar);
        }
        Ok(whole)
    }
    .await;
    finish(run, STREAM, result, stored)
}

/// Logs how a list ended; a plan-gated list falls back to the stored one.
fn finish(
    run: &mut Run<'_>,
    stream: &'static str,
    result: Result<Vec<Value>, FreshdeskError>,
    stored: Vec<Value>,
) -> Result<Vec<Value>, FreshdeskSyncError> {
    match result {
        Ok(items) => {
            run.stored(stream, items.len(), 0);
            run.ended(stream, Ok(()))?;
            Ok(items)
        }
        Err(err) => {
            run.ended(stream, Err(Stop::Freshdesk(err)))?;
            Ok(stored)
        }
    }
}

/// The items that read as `T`; convert reports on what it uses, the rest is ignored.
fn typed<T: DeserializeOwned>(items: &[Value]) -> Vec<T> {
    items
        .iter()
        .filter_map(|v| T::deserialize(v).ok())
        .collect()
}
