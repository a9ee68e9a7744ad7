namespace AgentMesh.Orchestration.Budgets;

/// <summary>A calendar day or month as the instants [<see cref="Start"/>, <see cref="End"/>).</summary>
public readonly record struct CalendarPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public bool Contains(DateTimeOffset instant) => Start <= instant && instant < End;
}
