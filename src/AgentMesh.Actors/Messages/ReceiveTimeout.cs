namespace AgentMesh.Actors;

/// <summary>Sent to an actor that received nothing for its configured receive timeout.</summary>
public sealed record ReceiveTimeout : INotInfluenceReceiveTimeout, Dispatch.IAutoReceivedMessage
{
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout()
    {
    }
}
