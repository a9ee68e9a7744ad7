namespace AgentMesh.Node.Storage;

/// <summary>The store cannot be opened or does not answer. The message is one line without credentials.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string store, string reason, Exception? innerException = null)
        : base($"cannot open the store ({store}): {reason}", innerException)
    {
        Store = store;
        Reason = reason;
    }

    /// <summary>Which store: a file path, or a database and host, never a password.</summary>
    public string Store { get; }

    public string Reason { get; }
}
