using AgentMesh.Orchestration.Budgets;

namespace AgentMesh.Orchestration.Tests.Budgets;

public sealed class CalendarPeriodsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void CalendarPeriods_Utc_DayRunsFromMidnightToMidnight()
    {
        var day = CalendarPeriods.Utc.DayOf(new DateTimeOffset(2025, 6, 2, 23, 59, 59, TimeSpan.Zero));

        day.Should().Be(new CalendarPeriod(Utc(2025, 6, 2), Utc(2025, 6, 3)));
        day.Contains(Utc(2025, 6, 3)).Should().BeFalse();
        day.Contains(Utc(2025, 6, 2)).Should().BeTrue();
    }

    [Fact]
    public void CalendarPeriods_DayOfASpringForwardChange_Is23Hours()
    {
        var day = new CalendarPeriods(Berlin).DayOf(new DateTimeOffset(2025, 3, 30, 12, 0, 0, TimeSpan.Zero));

        day.Start.Should().Be(new DateTimeOffset(2025, 3, 30, 0, 0, 0, TimeSpan.FromHours(1)));
        day.End.Should().Be(new DateTimeOffset(2025, 3, 31, 0, 0, 0, TimeSpan.FromHours(2)));
        day.Length.Should().Be(TimeSpan.FromHours(23));
    }

    [Fact]
    public void CalendarPeriods_DayOfAFallBackChange_Is25Hours()
    {
        var day = new CalendarPeriods(Berlin).DayOf(new DateTimeOffset(2025, 10, 26, 12, 0, 0, TimeSpan.Zero));

        day.Start.Should().Be(new DateTimeOffset(2025, 10, 26, 0, 0, 0, TimeSpan.FromHours(2)));
        day.Length.Should().Be(TimeSpan.FromHours(25));
    }

    [Fact]
    public void CalendarPeriods_LocalDay_DiffersFromTheUtcDay()
    {
        var lateUtc = new DateTimeOffset(2025, 6, 2, 22, 30, 0, TimeSpan.Zero);

        new CalendarPeriods(Berlin).DayOf(lateUtc).Start.Should().Be(new DateTimeOffset(2025, 6, 3, 0, 0, 0, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void CalendarPeriods_DayWhoseMidnightIsSkipped_StartsWhenTheGapEnds()
    {
        // Chile moved its clocks from 2024-09-08 00:00 straight to 01:00.
        var santiago = new CalendarPeriods(TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"));

        var day = santiago.DayOf(new DateTimeOffset(2024, 9, 8, 12, 0, 0, TimeSpan.Zero));
        var before = santiago.DayOf(new DateTimeOffset(2024, 9, 7, 12, 0, 0, TimeSpan.Zero));

        day.Start.Should().Be(new DateTimeOffset(2024, 9, 8, 1, 0, 0, TimeSpan.FromHours(-3)));
        before.End.Should().Be(day.Start);
        before.Length.Should().Be(TimeSpan.FromHours(24));
        day.Length.Should().Be(TimeSpan.FromHours(23));
    }

    [Fact]
    public void CalendarPeriods_DayWhoseMidnightRepeats_StartsAtTheFirstMidnight()
    {
        // Cuba moved its clocks from 2024-11-03 01:00 back to 00:00.
        var havana = new CalendarPeriods(TimeZoneInfo.FindSystemTimeZoneById("America/Havana"));

        var day = havana.DayOf(new DateTimeOffset(2024, 11, 3, 12, 0, 0, TimeSpan.Zero));

        day.Start.Should().Be(new DateTimeOffset(2024, 11, 3, 0, 0, 0, TimeSpan.FromHours(-4)));
        day.Length.Should().Be(TimeSpan.FromHours(25));
    }

    [Theory]
    [InlineData(2025, 1, 31, 2025, 1, 1, 2025, 2, 1)]
    [InlineData(2025, 2, 1, 2025, 2, 1, 2025, 3, 1)]
    [InlineData(2024, 2, 29, 2024, 2, 1, 2024, 3, 1)]
    [InlineData(2024, 12, 31, 2024, 12, 1, 2025, 1, 1)]
    public void CalendarPeriods_Month_EndsAtTheFirstOfTheNext(int y, int m, int d, int sy, int sm, int sd, int ey, int em, int ed)
    {
        var month = CalendarPeriods.Utc.MonthOf(new DateTimeOffset(y, m, d, 23, 59, 59, TimeSpan.Zero));

        month.Should().Be(new CalendarPeriod(Utc(sy, sm, sd), Utc(ey, em, ed)));
    }

    [Fact]
    public void CalendarPeriods_MonthWithADaylightSavingChange_IsAnHourShort()
    {
        var march = new CalendarPeriods(Berlin).MonthOf(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero));

        march.Length.Should().Be(TimeSpan.FromDays(31) - TimeSpan.FromHours(1));
        march.End.Should().Be(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)));
    }

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
