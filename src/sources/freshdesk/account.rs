//! What converting a ticket needs to know about its account: the custom statuses, the
//! business-hours calendars and which group uses which, the SLA policies, the custom
//! fields' ids, and the workspace's choice for neutral ratings.

use std::collections::HashMap;

use super::business_hours::{Calendar, CalendarError, Calendars};
use super::codes::{status_choices, StatusTable};
use super::csat::NeutralRating;
use super::dto::{BusinessHoursDto, GroupDto, SlaPolicyDto, TicketFieldDto};
use super::sla::SlaPolicy;

#[derive(Debug, Clone, Default)]
pub struct Account {
    pub statuses: StatusTable,
    pub calendars: Calendars,
    pub policies: Vec<SlaPolicy>,
    /// `cf_*` names to ticket field ids: tickets name their custom values, the store
    /// keys them by id.
    pub field_ids: HashMap<String, i64>,
    pub neutral: NeutralRating,
}

/// The account's lists as the API returns them.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccountLists<'a> {
    pub ticket_fields: &'a [TicketFieldDto],
    pub groups: &'a [GroupDto],
    /// Each from the single-item GET, which has the holidays.
    pub business_hours: &'a [BusinessHoursDto],
    pub sla_policies: &'a [SlaPolicyDto],
}

impl Account {
    /// The account from its lists. A calendar that cannot be read is left out, so its
    /// groups' business minutes are null, and returned for the caller to report.
    pub fn new(lists: AccountLists<'_>, neutral: NeutralRating) -> (Account, Vec<CalendarError>) {
        let status_field = lists
            .ticket_fields
            .iter()
            .find(|f| f.name.as_deref() == Some("status"));
        let statuses = status_field.map_or_else(StatusTable::default, |f| {
            StatusTable::from_choices(&status_choices(f))
        });
        let field_ids = lists
            .ticket_fields
            .iter()
            .filter_map(|f| Some((f.name.clone()?, f.id)))
            .collect();
        let mut calendars = HashMap::new();
        let mut errors = Vec::new();
        for dto in lists.business_hours {
            match Calendar::from_dto(dto) {
                Ok(c) => {
                    calendars.insert(dto.id, c);
                }
                Err(e) => errors.push(e),
            }
        }
        let default = lists
            .business_hours
            .iter()
            .find(|c| c.is_default == Some(true))
            .map(|c| c.id);
        let account = Account {
            statuses,
            calendars: Calendars::new(calendars, default, lists.groups),
            policies: lists.sla_policies.iter().map(SlaPolicy::from_dto).collect(),
            field_ids,
            neutral,
        };
        (account, errors)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::store::records::TicketStatus;

    #[test]
    fn an_account_from_its_lists_keeps_what_it_can_read() {
        let fields: Vec<TicketFieldDto> = serde_json::from_value(json!([
            {"id": 1, "name": "status", "type": "default_status", "choices": {"2": ["Open", "Open"], "6": ["Waiting", "Waiting"]}},
            {"id": 40, "name": "cf_plan", "type": "custom_dropdown", "choices": ["Gold", "Silver"]}
        ]))
        .unwrap();
        let groups: Vec<GroupDto> =
            serde_json::from_value(json!([{"id": 7, "business_hour_id": 3}])).unwrap();
        let hours: Vec<BusinessHoursDto> = serde_json::from_value(json!([
            {"id": 3, "time_zone": "Seoul", "is_default": true},
            {"id": 4, "time_zone": "Narnia"}
        ]))
        .unwrap();
        let lists = AccountLists {
            ticket_fields: &fields,
            groups: &groups,
            business_hours: &hours,
            sla_policies: &[],
        };
        let (account, errors) = Account::new(lists, NeutralRating::Exclude);
        assert_eq!(account.statuses.status(6), TicketStatus::Open);
        assert_eq!(account.field_ids["cf_plan"], 40);
        assert_eq!(
            errors.len(),
            1,
            "the calendar in an unknown zone is reported"
        );
        assert_eq!(
            account.calendars.for_group(Some(7)).map(|c| c.zone()),
            Some(chrono_tz::Tz::Asia__Seoul)
        );
        assert_eq!(account.neutral, NeutralRating::Exclude);
    }
}
