/** Korean UI text. Typed as `Dictionary`, so a missing or unknown key fails the build. */
import type { Dictionary } from './en';

export const ko: Dictionary = {
  'app.name': 'Deskbench',
  'app.description': '고객 지원 분석을 위한 오프라인 워크벤치입니다.',

  'header.demoBadge': '데모 데이터',
  'header.demoBadgeHint': '이 워크스페이스에는 실제 헬프데스크가 아닌 자동 생성된 샘플 티켓이 들어 있습니다.',
  'header.timeZone': '시간대',
  'header.language': '언어',
  'header.theme': '테마',

  'theme.system': '시스템 설정',
  'theme.light': '라이트',
  'theme.dark': '다크',

  'nav.label': '주 메뉴',
  'nav.overview': '개요',

  'workspace.tickets': '티켓',
  'workspace.sources': '데이터 소스',
  'workspace.neverSynced': '아직 동기화되지 않음',
  'workspace.syncedAt': '{when} 동기화됨',

  'loading.title': '데모 워크스페이스를 준비하는 중…',
  'loading.detail': '처음 실행할 때 Deskbench가 샘플 헬프데스크 데이터를 생성합니다. 몇 초 정도 걸립니다.',
  'loading.overview': '불러오는 중…',

  'error.workspaceTitle': '워크스페이스를 열 수 없습니다',
  'error.overviewTitle': '개요를 불러오지 못했습니다',
  'error.code': '오류 코드: {code}',
  'error.retry': '다시 시도',

  'overview.title': '개요',
  'overview.refresh': '새로 고침',
  'overview.refreshHint': '새로 고침 (R 또는 F5)',
  'overview.comparedWith': '비교 기간: {range}',

  'period.label': '기간',
  'period.last_7_days': '최근 7일',
  'period.last_30_days': '최근 30일',
  'period.last_90_days': '최근 90일',
  'period.this_quarter': '이번 분기',
  'period.custom': '사용자 지정',
  'period.shortcutHint': '단축키: Alt+1 ~ Alt+4',
  'period.from': '시작일',
  'period.to': '종료일',
  'period.apply': '적용',
  'period.error.missing': '시작일과 종료일을 모두 선택하세요.',
  'period.error.invalid': '날짜를 YYYY-MM-DD 형식으로 입력하세요.',
  'period.error.order': '시작일은 종료일보다 늦을 수 없습니다.',

  'kpi.tickets_created': '생성된 티켓',
  'kpi.tickets_solved': '해결된 티켓',
  'kpi.tickets_unsolved': '미해결 티켓',
  'kpi.first_reply_time': '첫 응답 시간 (중앙값)',
  'kpi.full_resolution_time': '최종 해결 시간 (중앙값)',
  'kpi.csat': '고객 만족도 (CSAT)',

  'card.noData': '이 기간에는 데이터가 없습니다',
  'card.previous': '이전 기간: {value}',
  'card.p90': 'p90 {value}',
  'card.n': 'n = {value}',
  'card.csatCounts': '만족 {good} / 불만족 {bad}',
  'card.ci': '95% 신뢰구간 {low}–{high}',
  'card.changeAria': '이전 기간 대비 {change}, {verdict}',
  'card.better': '개선',
  'card.worse': '악화',
  'card.unchanged': '변화 없음',
  'card.changeUnknown': '이전 기간과 비교할 수 없습니다',

  'duration.lessThanMinute': '1분 미만',
  'duration.minutes': '{n}분',
  'duration.hours': '{n}시간',
  'duration.days': '{n}일',

  'chart.title': '주별 생성 및 해결 티켓',
  'chart.created': '생성',
  'chart.solved': '해결',
  'chart.firstReply': '첫 응답 시간 (중앙값)',
  'chart.weekOf': '{date} 주',
  'chart.empty': '이 기간에 생성되거나 해결된 티켓이 없습니다.',
  'chart.ariaLabel': '주별 생성 및 해결 티켓 수와 첫 응답 시간 중앙값 차트',

  'about.title': 'Deskbench 정보',
  'about.version': '버전 {version}',
  'about.close': '닫기',
};
