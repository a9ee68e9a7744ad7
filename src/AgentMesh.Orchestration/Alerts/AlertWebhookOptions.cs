namespace AgentMesh.Orchestration.Alerts;

/// <summary>Where and how the alert webhook POSTs logged alerts.</summary>
public sealed record AlertWebhookOptions
{
    /// <summary>An absolute <c>http</c> or <c>https</c> URL; each logged alert is POSTed there as JSON.</summary>
    public required Uri Url
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Url));
            if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"The alert webhook URL must be an absolute http(s) URL; got '{value}'.", nameof(Url));
            }

            field = value;
        }
    }

    /// <summary>Alerts waiting for delivery, beyond the one being sent (default 1,000); when full the oldest is dropped and counted.</summary>
    public int QueueCapacity
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(QueueCapacity));
            field = value;
        }
    } = 1_000;

    /// <summary>The wait before the first retry (default 1 s); each further retry waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(MinRetryDelay));
            field = value;
        }
    } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries (default 5 minutes). An alert is retried until it is delivered or pushed out of the queue.</summary>
    public TimeSpan MaxRetryDelay
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(MaxRetryDelay));
            field = value;
        }
    } = TimeSpan.FromMinutes(5);

    /// <summary>How long one POST may take, on the actor system's clock (default 10 s); a timeout is retried.</summary>
    public TimeSpan RequestTimeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(RequestTimeout));
            field = value;
        }
    } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): <see cref="MinRetryDelay"/> × 2^(attempt−1), capped.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = MinRetryDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 40));
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}
