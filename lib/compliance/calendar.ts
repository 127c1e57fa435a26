/** The calendar day (YYYY-MM-DD) it is now in a time zone: business dates follow the agency's clock. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
