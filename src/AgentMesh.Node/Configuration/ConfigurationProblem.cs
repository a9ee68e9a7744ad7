namespace AgentMesh.Node.Configuration;

/// <summary>
/// One bad setting: the key, the value (unless it is a secret), where it comes from and what is
/// allowed. Printed as one line, e.g.
/// <c>AgentMesh:Link:MaxFrameBytes = "-5" in cluster-config/mac-mini.json: must be a whole number between 1024 and 67108864</c>.
/// </summary>
/// <param name="Key">The full key, <c>AgentMesh:Section:Name</c>.</param>
/// <param name="Value">The value as configured; null when the key is not set or is a secret.</param>
/// <param name="Where">"in file", "in environment variable X", "on the command line"; null when not set anywhere.</param>
/// <param name="Requirement">What the value must be, starting with a verb: "must be …".</param>
public sealed record ConfigurationProblem(string Key, string? Value, string? Where, string Requirement)
{
    /// <summary>A secret's value is never shown, only that it is hidden.</summary>
    public bool IsSecret { get; init; }

    public override string ToString() => (Where, IsSecret) switch
    {
        (null, _) => $"{Key} is not set: {Requirement}",
        (_, true) => $"{Key} (value hidden) {Where}: {Requirement}",
        _ => $"{Key} = \"{Value}\" {Where}: {Requirement}",
    };
}
