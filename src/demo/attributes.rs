//! Per-ticket attribute draws: channel, priority, type, routing and tags.

use rand::Rng;

use super::names::Lang;
use super::sample::{chance, pick, weighted, DemoRng};
use super::topics::{Topic, TopicSpec, KR_RU_DESK, TECHNICAL, TIER1, VIP};

const CHANNELS: [&str; 6] = ["email", "web", "chat", "api", "voice", "mobile"];
const CHANNEL_WEIGHTS: [f64; 6] = [36.0, 26.0, 15.0, 5.0, 9.0, 9.0];
pub(super) const PRIORITIES: [&str; 4] = ["low", "normal", "high", "urgent"];
/// Weights of (none, low, normal, high, urgent) by urgency level: calm, usual, pressing, hot.
const PRIORITY_WEIGHTS: [[f64; 5]; 4] = [
    [14.0, 25.0, 56.0, 4.0, 1.0],
    [13.0, 12.0, 56.0, 15.0, 4.0],
    [10.0, 5.0, 42.0, 30.0, 13.0],
    [8.0, 2.0, 30.0, 38.0, 22.0],
];
const TYPES: [&str; 4] = ["question", "incident", "problem", "task"];

pub(super) fn channel(rng: &mut DemoRng, spec: &TopicSpec, brand: usize) -> &'static str {
    CHANNELS[weighted(rng, &channel_weights(spec, brand))]
}

/// Priority index into `PRIORITIES` (0 low … 3 urgent), or `None` (about one in eight).
/// Incidents and VIP customers push it up, feature requests and invoices down.
pub(super) fn priority(
    rng: &mut DemoRng,
    spec: &TopicSpec,
    vip: bool,
    incident: bool,
) -> Option<usize> {
    let level = if incident {
        3
    } else {
        (spec.urgency + 1 + i32::from(vip)).clamp(0, 3)
    };
    weighted(rng, &PRIORITY_WEIGHTS[level as usize]).checked_sub(1)
}

/// Mostly the topic's usual type, sometimes another or none.
pub(super) fn ticket_type(rng: &mut DemoRng, spec: &TopicSpec) -> Option<&'static str> {
    match rng.gen_range(0..10) {
        0..=5 => Some(spec.ticket_type),
        6..=7 => None,
        _ => Some(*pick(rng, &TYPES)),
    }
}

fn channel_weights(spec: &TopicSpec, brand: usize) -> [f64; 6] {
    let mut w = CHANNEL_WEIGHTS;
    if brand == 2 {
        w[5] *= 3.0; // Acme Mobile customers write from the app
    }
    if matches!(spec.topic, Topic::ApiErrors | Topic::IntegrationSync) {
        w[3] *= 4.0;
    }
    w
}

/// VIP customers go to the VIP team, Korean and Russian speakers often to their desk,
/// the rest by topic with some spill between Tier 1 and specialists.
pub(super) fn route(rng: &mut DemoRng, spec: &TopicSpec, lang: Lang, vip: bool) -> usize {
    if vip && chance(rng, 0.7) {
        VIP
    } else if lang != Lang::En && chance(rng, 0.55) {
        KR_RU_DESK
    } else if spec.group != TIER1 && chance(rng, 0.12) {
        TIER1
    } else if spec.group == TIER1 && chance(rng, 0.08) {
        TECHNICAL
    } else {
        spec.group
    }
}

/// Zero to four tags: the topic's, sometimes a related one, and markers for VIP,
/// incidents and the mobile app.
pub(super) fn tags(
    rng: &mut DemoRng,
    spec: &TopicSpec,
    vip: bool,
    incident: bool,
    channel: &str,
) -> Vec<String> {
    let mut tags: Vec<&str> = Vec::with_capacity(5);
    if chance(rng, 0.07) {
        return Vec::new();
    }
    tags.extend_from_slice(spec.tags);
    if chance(rng, 0.35) {
        tags.push(*pick(rng, spec.extra_tags));
    }
    if vip {
        tags.push("vip");
    }
    if incident {
        tags.push("incident");
    }
    if channel == "mobile" && chance(rng, 0.5) {
        tags.push("mobile_app");
    }
    let mut out: Vec<String> = Vec::with_capacity(4);
    for tag in tags {
        if out.len() < 4 && !out.iter().any(|t| t == tag) {
            out.push(tag.to_owned());
        }
    }
    out
}
