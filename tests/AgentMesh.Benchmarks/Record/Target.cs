namespace AgentMesh.Benchmarks.Record;

/// <summary>
/// A figure the project has promised (an issue's target), how to find it in a run, and how to judge it.
/// </summary>
/// <param name="Area">The heading it is listed under.</param>
/// <param name="What">What is measured, in words.</param>
/// <param name="Find">Picks the figure out of the run's results; null when the suite did not run.</param>
/// <param name="Goal">The target in words, e.g. <c>≥ 1.1× the baseline</c>.</param>
/// <param name="Met">Judges the figure.</param>
public sealed record Target(
    string Area,
    string What,
    Func<RunResults, Figure?> Find,
    string Goal,
    Func<Figure, bool> Met);

/// <summary>A measured figure, already formatted, with its baseline and ratio when there are any.</summary>
/// <param name="Text">The figure as the page shows it.</param>
/// <param name="Value">The figure in its unit (ns, events/s, bytes, seconds), for judging.</param>
/// <param name="Baseline">The baseline's figure in the same run, as the page shows it.</param>
/// <param name="Ratio">Times faster than the baseline in the same run, for judging ratio targets.</param>
public sealed record Figure(string Text, double Value, string? Baseline = null, double? Ratio = null);
