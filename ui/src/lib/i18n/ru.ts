/** Russian UI text. Typed as `Dictionary`, so a missing or unknown key fails the build. */
import type { Dictionary } from './en';

export const ru: Dictionary = {
  'app.name': 'Deskbench',
  'app.description': 'Офлайн-инструмент для аналитики службы поддержки.',

  'header.demoBadge': 'Демоданные',
  'header.demoBadgeHint': 'В этом рабочем пространстве сгенерированные примеры обращений, а не ваша служба поддержки.',
  'header.timeZone': 'Часовой пояс',
  'header.language': 'Язык',
  'header.theme': 'Тема',

  'theme.system': 'Как в системе',
  'theme.light': 'Светлая',
  'theme.dark': 'Тёмная',

  'nav.label': 'Основная навигация',
  'nav.overview': 'Обзор',

  'workspace.tickets': 'Обращения',
  'workspace.sources': 'Источники',
  'workspace.neverSynced': 'Ещё не синхронизировано',
  'workspace.syncedAt': 'Синхронизировано {when}',

  'loading.title': 'Готовим демонстрационное рабочее пространство…',
  'loading.detail': 'При первом запуске Deskbench создаёт пример службы поддержки. Это займёт несколько секунд.',
  'loading.overview': 'Загрузка…',

  'error.workspaceTitle': 'Не удалось открыть рабочее пространство',
  'error.overviewTitle': 'Не удалось загрузить обзор',
  'error.code': 'Код ошибки: {code}',
  'error.retry': 'Повторить',

  'overview.title': 'Обзор',
  'overview.refresh': 'Обновить',
  'overview.refreshHint': 'Обновить (R или F5)',
  'overview.comparedWith': 'в сравнении с периодом {range}',

  'period.label': 'Период',
  'period.last_7_days': 'Последние 7 дней',
  'period.last_30_days': 'Последние 30 дней',
  'period.last_90_days': 'Последние 90 дней',
  'period.this_quarter': 'Текущий квартал',
  'period.custom': 'Свой период',
  'period.shortcutHint': 'Сочетания клавиш: Alt+1 … Alt+4',
  'period.from': 'С',
  'period.to': 'По',
  'period.apply': 'Применить',
  'period.error.missing': 'Выберите обе даты.',
  'period.error.invalid': 'Введите даты в формате ГГГГ-ММ-ДД.',
  'period.error.order': 'Дата начала не может быть позже даты окончания.',

  'kpi.tickets_created': 'Создано обращений',
  'kpi.tickets_solved': 'Решено обращений',
  'kpi.tickets_unsolved': 'Нерешённые обращения',
  'kpi.first_reply_time': 'Время первого ответа (медиана)',
  'kpi.full_resolution_time': 'Время полного решения (медиана)',
  'kpi.csat': 'Удовлетворённость (CSAT)',

  'card.noData': 'Нет данных за этот период',
  'card.previous': 'Прошлый период: {value}',
  'card.p90': 'p90 {value}',
  'card.n': 'n = {value}',
  'card.csatCounts': 'хорошо: {good} / плохо: {bad}',
  'card.ci': '95% ДИ {low}–{high}',
  'card.changeAria': '{change} по сравнению с прошлым периодом, {verdict}',
  'card.better': 'лучше',
  'card.worse': 'хуже',
  'card.unchanged': 'без изменений',
  'card.changeUnknown': 'Сравнение с прошлым периодом недоступно',

  'duration.lessThanMinute': '< 1 мин',
  'duration.minutes': '{n} мин',
  'duration.hours': '{n} ч',
  'duration.days': '{n} дн.',

  'chart.title': 'Создано и решено по неделям',
  'chart.created': 'Создано',
  'chart.solved': 'Решено',
  'chart.firstReply': 'Первый ответ (медиана)',
  'chart.weekOf': 'Неделя с {date}',
  'chart.empty': 'За этот период не создано и не решено ни одного обращения.',
  'chart.ariaLabel': 'Созданные и решённые обращения по неделям и медиана времени первого ответа',

  'about.title': 'О программе Deskbench',
  'about.version': 'Версия {version}',
  'about.close': 'Закрыть',
};
