namespace AgentMesh.Cli.Simulation;

/// <summary>
/// The scenarios shipped with the command, one per field report, written in the same JSON format a
/// user's file uses (embedded from <c>Simulation/Scenarios/*.json</c>), so the format is proven by use.
/// </summary>
internal static class BuiltInScenarios
{
    private const string Prefix = "AgentMesh.Cli.Simulation.Scenarios.";

    /// <summary>The names, in the order the field reports are told in docs/simulate.md.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["onboarding-loop", "restart-loop", "idle-nudge", "design-storm", "duplicate-updates", "subagent-fanout"];

    public static bool IsBuiltIn(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The scenario's JSON text.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(BuiltInScenarios).Assembly.GetManifestResourceStream(Prefix + name + ".json")
            ?? throw new InvalidOperationException($"The built-in scenario '{name}' is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Scenario Load(string name) => ScenarioReader.Read(Text(name), $"the built-in scenario {name}");
}
