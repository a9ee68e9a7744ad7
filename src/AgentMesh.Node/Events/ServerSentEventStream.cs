namespace AgentMesh.Node.Events;

/// <summary>Pumps a subscription into a <see cref="ServerSentEventWriter"/>, with a heartbeat comment on a fixed period.</summary>
public static class ServerSentEventStream
{
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(15);

    public const string HeartbeatComment = "heartbeat";

    /// <summary>
    /// Writes every event of <paramref name="subscription"/> as it arrives and a heartbeat every
    /// <paramref name="heartbeat"/> of <paramref name="timeProvider"/>'s time. Returns when the
    /// subscription is disposed; throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> fires (the client went away or the node stops).
    /// </summary>
    public static async Task RunAsync(
        EventSubscription subscription,
        ServerSentEventWriter writer,
        TimeProvider timeProvider,
        TimeSpan heartbeat,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var timer = new PeriodicTimer(heartbeat, timeProvider);

        // At most one wait of each kind is outstanding; the one that did not fire is kept for the next round.
        Task<bool>? ready = null;
        Task<bool>? tick = null;
        while (true)
        {
            while (subscription.TryRead(out var hubEvent))
            {
                await writer.WriteAsync(hubEvent, cancellationToken);
            }

            ready ??= subscription.WaitToReadAsync(cancellationToken).AsTask();
            tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
            var fired = await Task.WhenAny(ready, tick);
            if (fired == tick)
            {
                tick = null;
                await fired;
                await writer.WriteCommentAsync(HeartbeatComment, cancellationToken);
            }
            else
            {
                ready = null;
                if (!await fired)
                {
                    return;
                }
            }
        }
    }
}
