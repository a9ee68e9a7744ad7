namespace AgentMesh.Node.Hosting;

/// <summary>The exit codes of <see cref="AgentMeshNode.RunAsync(string[], CancellationToken)"/>; scripts and service managers match on them.</summary>
public static class NodeExitCode
{
    /// <summary>The node ran and stopped cleanly (Ctrl-C, SIGTERM, a stop request).</summary>
    public const int Stopped = 0;

    /// <summary>Something unexpected failed; the log has the details.</summary>
    public const int Failed = 1;

    /// <summary>The store could not be opened: a file that cannot be written, PostgreSQL down, a schema newer than this code.</summary>
    public const int StoreUnavailable = 2;

    /// <summary>The configuration has bad values, or the node would be reachable from other machines without tokens.</summary>
    public const int InvalidConfiguration = 3;

    /// <summary>The HTTP listener could not bind: the port is in use, or the address is not on this machine.</summary>
    public const int CannotListen = 4;
}
