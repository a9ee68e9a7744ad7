namespace AgentMesh.Node.Domain;

/// <summary>
/// An agent's recent token use in fixed buckets, oldest first, every bucket of the span present
/// (zero when nothing was reported); the last one is the bucket in progress.
/// </summary>
public sealed record TokenVelocitySeries(string AgentId, int BucketSeconds, IReadOnlyList<TokenVelocityPoint> Points);
