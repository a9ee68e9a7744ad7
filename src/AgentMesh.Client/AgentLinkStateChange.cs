using AgentMesh.Client.Frames;

namespace AgentMesh.Client;

/// <summary>One transition of an <see cref="AgentLinkClient"/>, as passed to <see cref="AgentLinkClient.StateChanged"/>.</summary>
/// <param name="State">The new state.</param>
/// <param name="Previous">The state before.</param>
/// <param name="Attempt">
/// For <see cref="AgentLinkConnectionState.Reconnecting"/>, and a reconnect's
/// <see cref="AgentLinkConnectionState.Connecting"/> and <see cref="AgentLinkConnectionState.Connected"/>:
/// the number of the attempt since the last stable connection (1, 2, …); otherwise 0.
/// </param>
/// <param name="RetryDelay">For <see cref="AgentLinkConnectionState.Reconnecting"/>: how long the client waits before that attempt.</param>
/// <param name="HelloOk">For <see cref="AgentLinkConnectionState.Connected"/>: the node's answer to this connection's <c>hello</c>.</param>
/// <param name="Error">
/// Why the link went down or the attempt failed (<see cref="AgentLinkConnectionState.Reconnecting"/>,
/// <see cref="AgentLinkConnectionState.Disconnected"/>), or why the client stopped
/// (<see cref="AgentLinkConnectionState.Stopped"/>; <see langword="null"/> when it was disposed).
/// </param>
public sealed record AgentLinkStateChange(
    AgentLinkConnectionState State,
    AgentLinkConnectionState Previous,
    int Attempt = 0,
    TimeSpan? RetryDelay = null,
    HelloOkFrame? HelloOk = null,
    Exception? Error = null);
