//! The Agents & groups table against a hand-computed helpdesk: which rows appear, each
//! cell as the engine computes it, the team medians, the weekly trends, filters and hours.

use deskbench::analytics::views::people::{people_table, PeopleBy, PeopleTable, COLUMNS};
use deskbench::analytics::{Frame, KpiRequest};
use deskbench::store::records::{NamedKind, RatingScore::*, TicketStatus::*};

use crate::fixtures::*;

const ANN: i64 = 101;
const BOB: i64 = 102;
const CY: i64 = 103;
const DEE: i64 = 104;

/// Two ISO weeks, 3–16 March 2025 (UTC). Each ticket's comment says what it adds.
fn helpdesk() -> Helpdesk {
    let mut t1 = solved(1, "2025-03-03T10:00:00Z", "2025-03-04T10:00:00Z"); // Ann, week 1
    t1.assignee_id = Some(ANN);
    t1.group_id = Some(10);
    t1.metrics.reply_time = minutes(Some(30.0), Some(20.0));
    t1.metrics.full_resolution_time = minutes(Some(1440.0), None);
    t1.metrics.replies = Some(1);
    t1.metrics.reopens = Some(0);
    let mut t2 = solved(2, "2025-03-10T10:00:00Z", "2025-03-11T09:00:00Z"); // Ann, week 2
    t2.assignee_id = Some(ANN);
    t2.group_id = Some(10);
    t2.metrics.reply_time = minutes(Some(90.0), Some(40.0));
    t2.metrics.full_resolution_time = minutes(Some(60.0), None);
    t2.metrics.replies = Some(2);
    t2.metrics.reopens = Some(1);
    let mut t3 = ticket(3, "2025-03-05T10:00:00Z", Open); // Bob: created, nothing solved
    t3.assignee_id = Some(BOB);
    t3.group_id = Some(20);
    t3.metrics.reply_time = minutes(Some(10.0), Some(10.0));
    let mut t4 = solved(4, "2025-01-05T10:00:00Z", "2025-01-06T10:00:00Z"); // Cy: before the range
    t4.assignee_id = Some(CY);
    let t5 = solved(5, "2025-03-04T10:00:00Z", "2025-03-05T10:00:00Z"); // unassigned
    let mut t6 = solved(6, "2025-02-20T10:00:00Z", "2025-03-12T10:00:00Z"); // Dee: solved only
    t6.assignee_id = Some(DEE);
    t6.group_id = Some(20);
    t6.channel = Some("chat".into());
    t6.metrics.reply_time = minutes(Some(120.0), None);
    t6.metrics.full_resolution_time = minutes(Some(30000.0), None);
    t6.metrics.replies = Some(1);
    t6.metrics.reopens = Some(0);
    Helpdesk::new()
        .agent(ANN, "Ann")
        .agent(BOB, "Bob")
        .agent(CY, "Cy")
        .agent(DEE, "Dee")
        .named(NamedKind::Group, 10, "Billing")
        .named(NamedKind::Group, 20, "Technical")
        .tickets(&[t1, t2, t3, t4, t5, t6])
        .ratings(&[
            rating(1, 1, Good, "2025-03-05T00:00:00Z"),
            rating(2, 6, Bad, "2025-03-13T00:00:00Z"),
        ])
}

fn table(helpdesk: &Helpdesk, request: KpiRequest, by: PeopleBy) -> PeopleTable {
    let frame = Frame::build(&helpdesk.store).expect("frame builds");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let query = request
        .resolve(today, chrono_tz::Tz::UTC)
        .expect("valid query");
    people_table(&frame, &query, by).expect("the table is computed")
}

/// Each row's label and headlines, in column order.
fn headlines(table: &PeopleTable) -> Vec<(String, Vec<Option<f64>>)> {
    table
        .rows
        .iter()
        .map(|row| {
            let values = row.cells.iter().map(|c| c.headline).collect();
            (row.label.clone(), values)
        })
        .collect()
}

#[test]
fn agents_rows_medians_and_trends_match_hand_computed_values() {
    let t = table(
        &helpdesk(),
        range("2025-03-03", "2025-03-16"),
        PeopleBy::Assignee,
    );
    assert_eq!(t.weeks, ["2025-03-03", "2025-03-10"]);
    assert_eq!(t.columns.iter().map(|c| c.kpi).collect::<Vec<_>>(), COLUMNS);
    assert_eq!(
        headlines(&t),
        [
            (
                "Ann".to_owned(),
                vec![
                    Some(2.0),
                    Some(60.0),
                    Some(750.0),
                    Some(0.5),
                    Some(0.5),
                    Some(1.0)
                ]
            ),
            (
                "Dee".to_owned(),
                vec![
                    Some(1.0),
                    None,
                    Some(30000.0),
                    Some(1.0),
                    Some(0.0),
                    Some(0.0)
                ]
            ),
            (
                "Bob".to_owned(),
                vec![Some(0.0), Some(10.0), None, None, None, None]
            ),
        ],
        "most solved first; Cy (nothing in range) and the unassigned ticket are left out; \
         Ann: replies 30, 90, resolutions 1440, 60, one of two one-touch and reopened, one good \
         rating; Dee's ticket was created before the range, so no first reply; Bob solved nothing"
    );
    let medians: Vec<Option<f64>> = t.columns.iter().map(|c| c.team_median).collect();
    assert_eq!(
        medians,
        [
            Some(1.0),
            Some(35.0),
            Some(15375.0),
            Some(0.75),
            Some(0.25),
            Some(0.5)
        ],
        "medians of the rows with a value: solved 2,1,0; replies 60,10; resolutions 750,30000; \
         one-touch 0.5,1; reopens 0.5,0; CSAT 1,0"
    );
    let solved_trend: Vec<_> = t.rows.iter().map(|r| r.cells[0].trend.clone()).collect();
    assert_eq!(
        solved_trend,
        [
            vec![Some(1.0), Some(1.0)],
            vec![Some(0.0), Some(1.0)],
            vec![Some(0.0), Some(0.0)],
        ]
    );
    let ann = &t.rows[0];
    assert_eq!((ann.key.as_str(), ann.created), ("101", 2));
    assert_eq!(ann.cells[5].n, 1, "CSAT rests on one rating");
    assert!(t.columns[0].higher_is_better && !t.columns[1].higher_is_better);
}

#[test]
fn groups_filters_and_business_hours_go_through_the_engine() {
    let helpdesk = helpdesk();
    let groups = table(
        &helpdesk,
        range("2025-03-03", "2025-03-16"),
        PeopleBy::Group,
    );
    let labels: Vec<&str> = groups.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Billing", "Technical"], "2 solved, then 1");
    let chat = KpiRequest {
        filters: vec!["channel=chat".into()],
        ..range("2025-03-03", "2025-03-16")
    };
    let only_dee = table(&helpdesk, chat, PeopleBy::Assignee);
    assert_eq!(only_dee.rows.len(), 1);
    assert_eq!(only_dee.rows[0].label, "Dee");
    assert_eq!(
        only_dee.filters.0,
        [("channel".to_owned(), vec!["chat".to_owned()])]
    );
    let business = KpiRequest {
        hours: Some("business".into()),
        ..range("2025-03-03", "2025-03-16")
    };
    let business = table(&helpdesk, business, PeopleBy::Assignee);
    assert_eq!(
        business.rows[0].cells[1].headline,
        Some(30.0),
        "Ann's business-hours replies are 20 and 40"
    );
}
