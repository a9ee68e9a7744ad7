namespace AgentMesh.Node.Configuration;

/// <summary><c>AgentMesh:Link</c>: limits of the agent link (spec/agent-link.md).</summary>
public sealed record LinkOptions
{
    public const int MinFrameBytes = 1024;

    public const int MaxFrameBytesLimit = 64 * 1024 * 1024;

    /// <summary>The largest frame accepted; larger ones are refused with <c>frame-too-large</c> and close 1009.</summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>How long after the upgrade the first frame, <c>hello</c>, may take.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
