namespace AgentMesh.Actors.Supervision;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; carry on with the next message.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one; the mailbox is kept, the failed message is not retried.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, so its own supervisor decides.</summary>
    Escalate,
}
