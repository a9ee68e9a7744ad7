namespace AgentMesh.Orchestration.Budgets;

/// <summary>The state of a <see cref="RollingWindow{T}"/>, for persistence.</summary>
/// <param name="BucketWidth">The span one bucket covers.</param>
/// <param name="NewestBucket">The absolute index (UTC ticks / bucket ticks) of the newest bucket, or <see cref="long.MinValue"/> before the first add.</param>
/// <param name="Buckets">The buckets, oldest first; the last one is <paramref name="NewestBucket"/>.</param>
public sealed record RollingWindowSnapshot<T>(TimeSpan BucketWidth, long NewestBucket, T[] Buckets)
    where T : struct;
