namespace AgentMesh.Orchestration.Alerts;

/// <summary>How much the alert log keeps and how often it snapshots.</summary>
public sealed record AlertLogOptions
{
    /// <summary>The newest alerts kept and answered (default 10,000); older ones are forgotten at the next snapshot.</summary>
    public int Retain
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Retain));
            field = value;
        }
    } = 10_000;

    /// <summary>Alerts between snapshots (default 1,000); each snapshot holds the retained alerts and trims the journal.</summary>
    public int SnapshotEvery
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(SnapshotEvery));
            field = value;
        }
    } = 1_000;
}
