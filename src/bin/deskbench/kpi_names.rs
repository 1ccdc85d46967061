//! KPI names for chart titles in English, Korean and Russian, as the app's dictionaries
//! write them (the app names KPIs in the web view; the command line needs its own).

use deskbench::analytics::engine::kpi::KpiId;
use deskbench::charts::Locale;

/// The KPI's name in `locale`.
pub fn name(kpi: KpiId, locale: Locale) -> &'static str {
    let (en, ko, ru) = match kpi {
        KpiId::TicketsCreated => ("Tickets created", "생성된 티켓", "Создано обращений"),
        KpiId::TicketsSolved => ("Tickets solved", "해결된 티켓", "Решено обращений"),
        KpiId::TicketsUnsolved => ("Unsolved tickets", "미해결 티켓", "Нерешённые обращения"),
        KpiId::Backlog => ("Backlog", "백로그", "Бэклог"),
        KpiId::ResolutionRate => ("Resolution rate", "해결률", "Доля решённых"),
        KpiId::FirstReplyTime => (
            "First reply time (median)",
            "첫 응답 시간 (중앙값)",
            "Время первого ответа (медиана)",
        ),
        KpiId::FirstResolutionTime => (
            "First resolution time (median)",
            "최초 해결 시간 (중앙값)",
            "Время первого решения (медиана)",
        ),
        KpiId::FullResolutionTime => (
            "Full resolution time (median)",
            "최종 해결 시간 (중앙값)",
            "Время полного решения (медиана)",
        ),
        KpiId::RequesterWaitTime => (
            "Requester wait time (median)",
            "요청자 대기 시간 (중앙값)",
            "Время ожидания клиента (медиана)",
        ),
        KpiId::AgentWaitTime => (
            "Agent wait time (median)",
            "상담원 대기 시간 (중앙값)",
            "Время ожидания агента (медиана)",
        ),
        KpiId::OnHoldTime => (
            "On-hold time (median)",
            "보류 시간 (중앙값)",
            "Время в удержании (медиана)",
        ),
        KpiId::RepliesPerSolved => (
            "Replies per solved ticket",
            "해결 티켓당 응답 수",
            "Ответов на решённое обращение",
        ),
        KpiId::OneTouchRate => (
            "One-touch resolution rate",
            "원터치 해결률",
            "Решено с одного ответа",
        ),
        KpiId::ZeroTouchRate => (
            "Zero-touch resolution rate",
            "제로터치 해결률",
            "Решено без ответа",
        ),
        KpiId::ReopenRate => ("Reopen rate", "재오픈율", "Доля переоткрытых"),
        KpiId::Csat => ("CSAT", "고객 만족도 (CSAT)", "Удовлетворённость (CSAT)"),
        KpiId::CsatResponseRate => ("CSAT response rate", "CSAT 응답률", "Доля ответов на CSAT"),
        KpiId::SlaAchievement => ("SLA achievement", "SLA 달성률", "Выполнение SLA"),
    };
    match locale {
        Locale::En => en,
        Locale::Ko => ko,
        Locale::Ru => ru,
    }
}

/// The name of the one series of an ungrouped chart.
pub fn all_tickets(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "All tickets",
        Locale::Ko => "전체 티켓",
        Locale::Ru => "Все обращения",
    }
}
