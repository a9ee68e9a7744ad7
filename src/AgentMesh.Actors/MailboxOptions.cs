namespace AgentMesh.Actors;

/// <summary>Mailbox settings of one actor.</summary>
public sealed record MailboxOptions
{
    public static readonly MailboxOptions Default = new();

    /// <summary>
    /// User messages processed per turn before the actor yields its thread. Akka.NET's default of 30
    /// keeps a busy actor from starving others while amortising the cost of scheduling a turn.
    /// </summary>
    public int Throughput { get; init; } = 30;
}
