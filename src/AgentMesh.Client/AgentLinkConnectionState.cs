namespace AgentMesh.Client;

/// <summary>Where an <see cref="AgentLinkClient"/> is in its life.</summary>
public enum AgentLinkConnectionState
{
    /// <summary>Not connected yet: before <see cref="AgentLinkClient.ConnectAsync"/>, or after it failed.</summary>
    Disconnected,

    /// <summary>Opening the WebSocket and exchanging <c>hello</c> / <c>hello-ok</c>.</summary>
    Connecting,

    /// <summary><c>hello-ok</c> received; frames flow both ways.</summary>
    Connected,

    /// <summary>The link dropped or an attempt failed; waiting out the back-off before the next attempt.</summary>
    Reconnecting,

    /// <summary>
    /// For good: disposed, replaced by another connection of the same agent (close 4000), or refused
    /// with HTTP 401 on a reconnect. Nothing is retried.
    /// </summary>
    Stopped,
}
