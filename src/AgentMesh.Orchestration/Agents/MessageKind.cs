namespace AgentMesh.Orchestration.Agents;

/// <summary>What a sent message is, as the link's <c>send</c> frame names it.</summary>
public enum MessageKind
{
    /// <summary>An ordinary message, delivered into the recipient's session for its key.</summary>
    Message,

    /// <summary>
    /// Onboarding material. It becomes the recipient's welcome when its current incarnation has not
    /// had one; otherwise it is dropped as a duplicate (the field's onboarding loop re-sent it on
    /// every rediscovery).
    /// </summary>
    Onboarding,

    /// <summary>A message to a room, fanned out to its members; nobody owns clearing it.</summary>
    Broadcast,
}
