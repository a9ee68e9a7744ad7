namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>fetch</c>: pull inbox messages with id greater than <see cref="After"/>, at most
/// <see cref="Limit"/>; the node answers with <c>deliver</c> frames.
/// </summary>
public sealed record FetchFrame : AgentFrame
{
    public FetchFrame(long after, int limit)
    {
        After = after;
        Limit = limit;
    }

    public long After { get; init => field = LinkText.NotNegative(value, "'after'", "after"); }

    public int Limit
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException("limit", value, "A fetch limit must be 1 or more.");
    }
}
