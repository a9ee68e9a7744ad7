namespace AgentMesh.Client;

/// <summary>
/// The node sent a frame larger than <see cref="AgentLinkClientOptions.MaxFrameBytes"/>. The client
/// closed the connection with 1009 without reading the rest; the link reconnects as after any drop.
/// </summary>
public sealed class AgentLinkFrameTooLargeException : AgentLinkProtocolException
{
    /// <summary>The code the spec uses for this case.</summary>
    public const string FrameTooLarge = "frame-too-large";

    public AgentLinkFrameTooLargeException(int maxFrameBytes)
        : base(FrameTooLarge, $"The node sent a frame larger than the client's limit of {maxFrameBytes} bytes; the link was closed with 1009.")
    {
        MaxFrameBytes = maxFrameBytes;
    }

    public int MaxFrameBytes { get; }
}
