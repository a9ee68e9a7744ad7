using AgentMesh.Client.Frames;

namespace AgentMesh.Client;

/// <summary>
/// How an <see cref="AgentLinkClient"/> reaches its node and behaves when the link drops. Immutable;
/// change it with <c>with</c>. Values are checked when the client is created.
/// </summary>
public sealed record AgentLinkClientOptions
{
    /// <summary>The spec's default frame limit, 1 MiB.</summary>
    public const int DefaultMaxFrameBytes = 1024 * 1024;

    /// <summary>The node's agent link endpoint, <c>ws://host:port/agents/link</c> (or <c>wss://</c>).</summary>
    public required Uri NodeUri { get; init; }

    /// <summary>The agent's stable id: 1–64 characters of <c>[A-Za-z0-9._-]</c>.</summary>
    public required string AgentId { get; init; }

    /// <summary>
    /// This process's incarnation (1–128 printable characters). <see langword="null"/>, the default,
    /// makes each <see cref="AgentLinkClient"/> instance choose a new GUID once and keep it across its
    /// reconnects. Set it only to carry one incarnation across several client instances of the same
    /// process; a new process must use a new value, or the node will not welcome it.
    /// </summary>
    public string? Incarnation { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer</c> on every upgrade; <see langword="null"/> sends no header.</summary>
    public string? BearerToken { get; init; }

    /// <summary>The <c>contextTokens</c> of <c>hello</c>: tokens a fresh session loads before doing any work.</summary>
    public long? ContextTokens { get; init; }

    /// <summary>The <c>labels</c> of <c>hello</c>.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The delay before the first reconnect attempt after a drop; it doubles with each failed attempt.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The cap of the reconnect delay. A connection that stayed up at least this long resets the
    /// back-off to <see cref="ReconnectMinDelay"/>; a shorter one keeps growing it, so a link that
    /// drops right after each handshake is not hammered.
    /// </summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The fraction (0–1) by which each reconnect delay is shortened at random, so that agents cut off
    /// together do not return together. 0 makes the delays exact.
    /// </summary>
    public double ReconnectJitter { get; init; } = 0.2;

    /// <summary>The source of the jitter; a seeded instance makes it reproducible. Used from one thread at a time.</summary>
    public Random JitterRandom { get; init; } = Random.Shared;

    /// <summary>The bound on one connection attempt: opening the WebSocket, sending <c>hello</c> and receiving <c>hello-ok</c>.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The bound on one send, from the call until the frame is written (and, for
    /// <see cref="AgentLinkClient.SendAsync(string, System.Text.Json.JsonElement, string?, SendKind, CancellationToken)"/>,
    /// until its <c>sent</c> or <c>rejected</c> arrives), including any wait for the link to come back.
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest frame, in UTF-8 bytes, sent or accepted; a larger incoming frame drops the link with 1009.</summary>
    public int MaxFrameBytes { get; init; } = DefaultMaxFrameBytes;

    /// <summary>
    /// How often the WebSocket pings the node, and how long it waits for the pong before it declares the
    /// link dead. These run on the socket's own timers, not on <see cref="TimeProvider"/>.
    /// <see cref="Timeout.InfiniteTimeSpan"/> for <see cref="KeepAliveTimeout"/> sends pings without
    /// expecting answers.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <inheritdoc cref="KeepAliveInterval"/>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The clock of every delay and timeout the client keeps (back-off, hello, send).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(NodeUri, nameof(NodeUri));
        if (!NodeUri.IsAbsoluteUri || (NodeUri.Scheme != "ws" && NodeUri.Scheme != "wss"))
        {
            throw new ArgumentException(
                $"The node URI must be an absolute ws:// or wss:// URI such as ws://host:port/agents/link; got '{NodeUri}'.",
                nameof(NodeUri));
        }

        LinkText.AgentId(AgentId, nameof(AgentId));
        if (Incarnation is not null)
        {
            LinkText.Incarnation(Incarnation, nameof(Incarnation));
        }

        RequirePositive(ReconnectMinDelay, nameof(ReconnectMinDelay));
        RequirePositive(ReconnectMaxDelay, nameof(ReconnectMaxDelay));
        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            throw new ArgumentException(
                $"{nameof(ReconnectMaxDelay)} ({ReconnectMaxDelay}) must not be less than {nameof(ReconnectMinDelay)} ({ReconnectMinDelay}).",
                nameof(ReconnectMaxDelay));
        }

        if (ReconnectJitter is < 0 or > 1 || double.IsNaN(ReconnectJitter))
        {
            throw new ArgumentOutOfRangeException(nameof(ReconnectJitter), ReconnectJitter, "The jitter is a fraction from 0 to 1.");
        }

        ArgumentNullException.ThrowIfNull(JitterRandom, nameof(JitterRandom));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        RequirePositive(HelloTimeout, nameof(HelloTimeout));
        RequirePositive(SendTimeout, nameof(SendTimeout));
        RequirePositive(KeepAliveInterval, nameof(KeepAliveInterval));
        if (KeepAliveTimeout != Timeout.InfiniteTimeSpan)
        {
            RequirePositive(KeepAliveTimeout, nameof(KeepAliveTimeout));
        }

        // A hello with the largest id, incarnation and a few labels fits in far less; below this the
        // limit could refuse the handshake itself.
        const int SmallestUsefulLimit = 1024;
        if (MaxFrameBytes < SmallestUsefulLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxFrameBytes), MaxFrameBytes, $"The frame limit must be at least {SmallestUsefulLimit} bytes.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
