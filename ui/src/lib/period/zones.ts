/** Zones a picker offers: the runtime's IANA list, or a few common ones without it. */
export function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.length > 0 ? all : ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Moscow', 'Asia/Seoul', 'America/New_York'];
}
