namespace AgentMesh.Cli.Simulation;

/// <summary>The right-hand side of a target: a number, or a figure's name.</summary>
internal sealed record ScenarioBound(double? Value, string? Figure)
{
    public double Resolve(IReadOnlyDictionary<string, double> figures) =>
        Value ?? figures[Figure!]; // One of the two is set by the reader.

    public override string ToString() => Value?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? Figure!;
}
