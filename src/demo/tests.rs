//! Whole-demo checks of what feedback analysis relies on: the contact reason is the
//! truth about each ticket, and customer text carries noise at about the intended rates.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::config::FIELD_PRODUCT_AREA;
use super::names::Lang;
use super::odd_comments::{FOREIGN_BAD, FOREIGN_GOOD};
use super::text::phrases;
use super::topics::{Topic, CONTACT_REASONS};
use super::{contact_reasons, generate, DemoConfig, CONTACT_REASON_FIELD};
use crate::store::{FieldDefinition, Store, TicketSelection};

/// 2025-06-30T12:00:00Z.
const NOW: i64 = 1_751_284_800;

struct Ticket {
    status: String,
    channel: String,
    lang: Lang,
    subject: String,
    description: Option<String>,
    tags: Vec<String>,
    product_area: Option<String>,
    contact_reasons: Vec<String>,
}

struct Rating {
    lang: Lang,
    comment: String,
}

struct Demo {
    tickets: Vec<Ticket>,
    ratings: Vec<Rating>,
    fields: Vec<FieldDefinition>,
}

/// One default-sized demo, generated once for all the tests here.
fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| load(&generated(7, 20_000)))
}

fn generated(seed: u64, tickets: usize) -> Store {
    let mut store = Store::open_in_memory().expect("an in-memory store opens");
    let config = DemoConfig {
        seed,
        tickets,
        months: 18,
        now: NOW,
    };
    generate(&mut store, &config, &mut |_| {}).expect("the demo is written");
    store
}

fn lang(locale: &str) -> Lang {
    match locale {
        "ko" => Lang::Ko,
        "ru" => Lang::Ru,
        _ => Lang::En,
    }
}

fn load(store: &Store) -> Demo {
    let conn = store.conn();
    let mut stmt = conn
        .prepare(
            "SELECT t.id, t.status, t.channel, t.subject, t.description, u.locale
             FROM tickets t JOIN users u ON u.id = t.requester_id ORDER BY t.id",
        )
        .expect("ticket query prepares");
    let mut tickets: BTreeMap<i64, Ticket> = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Ticket {
                    status: r.get(1)?,
                    channel: r.get(2)?,
                    subject: r.get(3)?,
                    description: r.get(4)?,
                    lang: lang(&r.get::<_, String>(5)?),
                    tags: Vec::new(),
                    product_area: None,
                    contact_reasons: Vec::new(),
                },
            ))
        })
        .and_then(|rows| rows.collect())
        .expect("tickets read");
    store
        .each_ticket_tag(TicketSelection::All, |(_, id), tag| {
            if let Some(t) = tickets.get_mut(&id) {
                t.tags.push(tag.to_owned());
            }
        })
        .expect("tags read");
    store
        .each_field_value(TicketSelection::All, |(_, id), field, json| {
            let value: String = serde_json::from_str(json).unwrap_or_default();
            if let Some(t) = tickets.get_mut(&id) {
                match field {
                    CONTACT_REASON_FIELD => t.contact_reasons.push(value),
                    FIELD_PRODUCT_AREA => t.product_area = Some(value),
                    _ => {}
                }
            }
        })
        .expect("field values read");
    let mut stmt = conn
        .prepare(
            "SELECT r.comment, u.locale FROM satisfaction_ratings r
             JOIN users u ON u.id = r.requester_id WHERE r.comment IS NOT NULL ORDER BY r.id",
        )
        .expect("rating query prepares");
    let ratings = stmt
        .query_map([], |r| {
            Ok(Rating {
                comment: r.get(0)?,
                lang: lang(&r.get::<_, String>(1)?),
            })
        })
        .and_then(|rows| rows.collect())
        .expect("ratings read");
    Demo {
        tickets: tickets.into_values().collect(),
        ratings,
        fields: store.field_definitions().expect("field definitions read"),
    }
}

fn topic_of(contact_reason: &str) -> Option<Topic> {
    CONTACT_REASONS
        .iter()
        .find(|(_, value, _)| *value == contact_reason)
        .map(|(topic, _, _)| *topic)
}

/// Whether `text` is `template` with its placeholders filled in somehow.
fn fits(template: &str, text: &str) -> bool {
    let pieces: Vec<&str> = template
        .split("{n}")
        .flat_map(|p| p.split("{brand}"))
        .collect();
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !text.starts_with(first) || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..];
    for piece in &pieces[1..] {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

fn share(hits: usize, of: usize) -> f64 {
    hits as f64 / of.max(1) as f64
}

#[test]
fn contact_reason_is_a_drop_down_defined_like_product_area() {
    let field = |id| demo().fields.iter().find(|f| f.id == id);
    let (area, reason) = (field(FIELD_PRODUCT_AREA), field(CONTACT_REASON_FIELD));
    let (Some(area), Some(reason)) = (area, reason) else {
        panic!("both drop-downs are defined: {:?}", demo().fields);
    };
    assert_eq!(reason.title, "Contact reason");
    assert_eq!(reason.field_type, area.field_type, "the same kind of field");
    let expected: Vec<(String, String)> = contact_reasons()
        .into_iter()
        .map(|(v, n)| (v.to_owned(), n.to_owned()))
        .collect();
    assert_eq!(reason.options, expected, "options are the exported list");
}

#[test]
fn contact_reason_is_set_on_every_live_ticket_and_matches_its_topic() {
    let (mut same_area, mut with_area, mut subject_fits, mut live) = (0, 0, 0, 0);
    for t in &demo().tickets {
        if t.status == "deleted" {
            assert!(t.contact_reasons.is_empty(), "tombstones keep no fields");
            continue;
        }
        live += 1;
        let [reason] = t.contact_reasons.as_slice() else {
            panic!(
                "one contact reason per live ticket, got {:?}",
                t.contact_reasons
            );
        };
        let topic = topic_of(reason).unwrap_or_else(|| panic!("{reason} is no option"));
        let spec = topic.spec();
        assert!(
            t.tags.is_empty() || spec.tags.iter().all(|tag| t.tags.iter().any(|x| x == tag)),
            "{reason}: the topic's tags are on the ticket: {:?}",
            t.tags
        );
        if let Some(area) = &t.product_area {
            with_area += 1;
            same_area += usize::from(area == spec.product_area);
        }
        let text = &phrases(t.lang).topics[topic.index()];
        let mut wordings = text.subjects.iter().chain(text.more_subjects);
        subject_fits += usize::from(wordings.any(|w| fits(w, &t.subject)));
    }
    let area = share(same_area, with_area);
    assert!(
        area > 0.88,
        "product area agrees on {area:.3} (90% by design)"
    );
    let fitting = share(subject_fits, live);
    // The rest carry a typo or an English word.
    assert!(
        fitting > 0.8,
        "{fitting:.3} of subjects are the topic's wording"
    );
}

#[test]
fn e_mail_leftovers_are_in_about_fifteen_percent_of_descriptions() {
    let markers = [
        "\n--\n",
        "Sent from",
        "Get Outlook",
        "Отправлено",
        "보냄",
        " wrote:\n>",
        "님이 작성:\n>",
        " г. в ",
        "ORD-",
        "@",
        "+44 20 7946",
        "010-",
        "+7 9",
    ];
    let (mut with_mail, mut described) = (0, 0);
    for t in demo().tickets.iter() {
        let Some(d) = &t.description else { continue };
        described += 1;
        if markers.iter().any(|m| d.contains(m)) {
            with_mail += 1;
            assert!(
                t.channel == "email" || t.channel == "web",
                "{} tickets are not e-mails: {d}",
                t.channel
            );
        }
    }
    let rate = share(with_mail, described);
    assert!(
        (0.12..0.18).contains(&rate),
        "e-mail leftovers in {rate:.3}"
    );
}

#[test]
fn a_few_english_descriptions_quote_korean_or_russian() {
    let foreign = |c: char| ('\u{ac00}'..='\u{d7a3}').contains(&c) || ('а'..='я').contains(&c);
    let english: Vec<&str> = demo()
        .tickets
        .iter()
        .filter(|t| t.lang == Lang::En)
        .filter_map(|t| t.description.as_deref())
        .collect();
    let quoting = english.iter().filter(|d| d.chars().any(foreign)).count();
    let rate = share(quoting, english.len());
    assert!(
        (0.004..0.02).contains(&rate),
        "{quoting} quoting in {}",
        english.len()
    );
}

#[test]
fn odd_rating_comments_are_rare_but_present() {
    let ratings = &demo().ratings;
    let emoji = ratings
        .iter()
        .filter(|r| !r.comment.chars().any(char::is_alphanumeric))
        .count();
    let unsupported = ratings
        .iter()
        .filter(|r| {
            let c = r.comment.as_str();
            FOREIGN_GOOD.contains(&c) || FOREIGN_BAD.contains(&c)
        })
        .count();
    let long = ratings.iter().filter(|r| r.comment.len() > 2_000).count();
    let n = ratings.len();
    assert!(
        (0.002..0.01).contains(&share(emoji, n)),
        "{emoji} emoji-only of {n}"
    );
    assert!(
        (0.005..0.02).contains(&share(unsupported, n)),
        "{unsupported} unsupported of {n}"
    );
    assert!((1..=20).contains(&long), "{long} very long comments");
    for lang in Lang::ALL {
        assert!(
            ratings.iter().any(|r| r.lang == lang),
            "comments in {lang:?}"
        );
    }
}

#[test]
fn customer_text_leaves_no_placeholder_unfilled() {
    let d = demo();
    let texts = d
        .tickets
        .iter()
        .flat_map(|t| [Some(t.subject.as_str()), t.description.as_deref()])
        .flatten()
        .chain(d.ratings.iter().map(|r| r.comment.as_str()));
    for text in texts {
        assert!(!text.contains(['{', '}']), "unfilled placeholder: {text}");
    }
}

#[test]
fn the_same_seed_writes_the_same_text() {
    let text = |store: &Store| -> Vec<(Option<String>, Option<String>)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT subject, description FROM tickets ORDER BY id")
            .expect("query prepares");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .expect("texts read")
    };
    let (a, b, c) = (generated(3, 400), generated(3, 400), generated(4, 400));
    assert_eq!(text(&a), text(&b), "one seed, one text");
    assert_ne!(text(&a), text(&c), "another seed, another text");
}

#[test]
fn each_demo_tickets_history_ends_at_its_stored_state() {
    use crate::store::records::{HistoryField, HistoryValue, TicketStatus};
    use crate::store::{status_intervals, HistoryRow};

    let store = generated(11, 4_000);
    let mut rows: BTreeMap<i64, Vec<HistoryRow>> = BTreeMap::new();
    store
        .each_ticket_event(None, |row| rows.entry(row.ticket_id).or_default().push(row))
        .unwrap();
    let columns = store.ticket_columns(TicketSelection::All).unwrap();
    let (mut reopened, mut moved) = (0, 0);
    for (i, id) in columns.id.iter().enumerate() {
        let history = rows.get(id).map(Vec::as_slice).unwrap_or_default();
        let last = |field: HistoryField| {
            history
                .iter()
                .rev()
                .find(|r| r.field == field)
                .and_then(|r| r.value.clone())
        };
        let text = |s: &Option<String>| s.clone().map(HistoryValue::Text);
        let status = Some(columns.status[i].clone());
        assert_eq!(last(HistoryField::Status), text(&status), "ticket {id}");
        assert_eq!(
            last(HistoryField::Priority),
            text(&columns.priority[i]),
            "ticket {id}"
        );
        assert_eq!(
            last(HistoryField::Group),
            columns.group_id[i].map(HistoryValue::Id),
            "ticket {id}"
        );
        assert_eq!(
            last(HistoryField::Assignee),
            columns.assignee_id[i].map(HistoryValue::Id),
            "ticket {id}"
        );
        let statuses: Vec<(i64, TicketStatus)> = history
            .iter()
            .filter_map(|r| match (&r.field, &r.value) {
                (HistoryField::Status, Some(HistoryValue::Text(s))) => {
                    Some((r.at, TicketStatus::parse(s)?))
                }
                _ => None,
            })
            .collect();
        assert!(
            statuses.windows(2).all(|w| w[0].0 <= w[1].0),
            "ticket {id}: in time order"
        );
        assert_eq!(
            statuses.first().map(|s| s.1),
            Some(TicketStatus::New),
            "ticket {id}"
        );
        let spells = status_intervals(&statuses, NOW);
        reopened += usize::from(
            spells
                .windows(2)
                .any(|w| w[0].status == TicketStatus::Solved && w[1].status == TicketStatus::Open),
        );
        moved += usize::from(
            history
                .iter()
                .filter(|r| r.field == HistoryField::Group)
                .count()
                > 1,
        );
    }
    assert!(reopened > 40, "reopened tickets show it: {reopened}");
    assert!(moved > 40, "tickets moved between groups show it: {moved}");
}

#[test]
fn each_demo_tickets_public_replies_agree_with_its_metrics() {
    let store = generated(11, 4_000);
    let conn = store.conn();
    let mut stmt = conn
        .prepare(
            "SELECT c.ticket_id, c.at, u.role FROM public_comments c
               LEFT JOIN users u ON u.source_id = c.source_id AND u.id = c.author_id
              ORDER BY c.ticket_id, c.at",
        )
        .unwrap();
    let mut replies: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (ticket, at, role) = row.unwrap();
        assert!(
            matches!(role.as_deref(), Some("agent" | "admin")),
            "ticket {ticket}: every demo reply is an agent's"
        );
        replies.entry(ticket).or_default().push(at);
    }
    let mut stmt = conn
        .prepare(
            "SELECT id, status, created_at, reply_time_calendar, replies, solved_at FROM tickets",
        )
        .unwrap();
    let tickets = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<f64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<i64>>(5)?,
            ))
        })
        .unwrap();
    let (mut checked, mut several) = (0, 0);
    for ticket in tickets {
        let (id, status, created, reply_minutes, count, solved) = ticket.unwrap();
        let ats = replies.remove(&id).unwrap_or_default();
        if status == "deleted" {
            assert!(ats.is_empty(), "ticket {id}: a deleted ticket has none");
            continue;
        }
        assert_eq!(
            ats.len() as i64,
            count.unwrap_or(0),
            "ticket {id}: as many as its replies metric"
        );
        let Some(&first) = ats.first() else { continue };
        let minutes = reply_minutes.expect("a reply means a reply time");
        assert_eq!(
            first,
            created + minutes as i64 * 60,
            "ticket {id}: the first is its first reply"
        );
        let last = *ats.last().unwrap();
        assert!(
            ats.windows(2).all(|w| w[0] <= w[1]) && last <= NOW,
            "ticket {id}: in order, none after now"
        );
        if let Some(solved) = solved {
            assert!(last <= solved, "ticket {id}: none after its solve");
        }
        checked += 1;
        several += usize::from(ats.len() > 1);
    }
    assert!(replies.is_empty(), "every reply has its ticket");
    assert!(checked > 3_000 && several > 1_000, "{checked} {several}");
}
