namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// Day and month boundaries in a configured time zone (default UTC), where daily and monthly
/// budgets reset. A day starts at its first local instant: local midnight, or the end of the gap
/// where a daylight-saving change skips midnight, or the first of two midnights where one
/// repeats. So a day is 23 or 25 hours long across a change, and consecutive periods always meet.
/// </summary>
public sealed class CalendarPeriods
{
    public CalendarPeriods(TimeZoneInfo? timeZone = null) => TimeZone = timeZone ?? TimeZoneInfo.Utc;

    public static CalendarPeriods Utc { get; } = new();

    public TimeZoneInfo TimeZone { get; }

    public CalendarPeriod DayOf(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        return new CalendarPeriod(StartOf(date), StartOf(date.AddDays(1)));
    }

    public CalendarPeriod MonthOf(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        var first = new DateOnly(date.Year, date.Month, 1);
        return new CalendarPeriod(StartOf(first), StartOf(first.AddMonths(1)));
    }

    /// <summary>The first instant of <paramref name="date"/> in <see cref="TimeZone"/>.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Gaps are whole minutes in every zone in use, and at most a few hours.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // Where the local time occurs twice, the larger offset is the earlier instant.
        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);
}
