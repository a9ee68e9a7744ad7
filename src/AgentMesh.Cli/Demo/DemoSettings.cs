namespace AgentMesh.Cli.Demo;

/// <summary>How the demo runs: how long, how fast the newcomer's link flaps, and whether the node outlives the replay.</summary>
internal sealed record DemoSettings
{
    /// <summary>How long the replay runs; the command ends a few seconds after.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>How long each of gpu-box's connections stays up before its flaky link drops it.</summary>
    public TimeSpan UpFor { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>How long gpu-box is away before it reconnects.</summary>
    public TimeSpan DownFor { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Keep the node running after the replay, until Ctrl-C, so that its dashboard can be opened.</summary>
    public bool KeepRunning { get; init; }

    /// <summary>The node's address, set once it listens.</summary>
    public string DashboardUrl { get; init; } = "";

    public TimeSpan Cycle => UpFor + DownFor;
}
