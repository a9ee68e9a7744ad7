namespace AgentMesh.Orchestration.Tests;

/// <summary>The fixed instant the tests count from; every test drives time by hand from here.</summary>
internal static class TestTime
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(TimeSpan offset) => T0 + offset;

    public static DateTimeOffset Seconds(double seconds) => T0 + TimeSpan.FromSeconds(seconds);
}
