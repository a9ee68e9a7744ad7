namespace AgentMesh.Orchestration.Agents;

/// <summary>The wire and journal names of <see cref="MessageKind"/> (<c>message</c>, <c>onboarding</c>, <c>broadcast</c>), without formatting one per message.</summary>
public static class MessageKindNames
{
    public static string ToWire(this MessageKind kind) => kind switch
    {
        MessageKind.Message => "message",
        MessageKind.Onboarding => "onboarding",
        MessageKind.Broadcast => "broadcast",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a message kind."),
    };
}
