namespace AgentMesh.Cli;

/// <summary>The exit codes of the <c>agentmesh</c> command; scripts match on them (docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected failed: a node error (5xx) or a bug; the message names it.</summary>
    public const int Unexpected = 1;

    /// <summary>The node could not be reached, did not answer in time, or closed the stream.</summary>
    public const int Unreachable = 2;

    /// <summary>The node refused the token (HTTP 401/403, or the agent link's upgrade was refused).</summary>
    public const int Unauthorized = 3;

    /// <summary>The agent, scope or path does not exist (HTTP 404).</summary>
    public const int NotFound = 4;

    /// <summary>The node refused the request in its current state (HTTP 409: circuit open, suspended; a replaced agent link).</summary>
    public const int Refused = 5;

    /// <summary>The command line is wrong, or the node found the request itself wrong (HTTP 400); the BSD <c>EX_USAGE</c>.</summary>
    public const int Usage = 64;

    /// <summary><c>agentmesh simulate</c> ran, and at least one of the scenario's targets was not met (the output says which).</summary>
    public const int TargetNotMet = 6;
}
