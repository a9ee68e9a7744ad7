using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary>The colours of agent states, member statuses and alert severities, the same in every table.</summary>
internal static class StateStyles
{
    public static Style AgentState(string? state) => state switch
    {
        "ready" => new Style(Color.Green),
        "onboarding" => new Style(Color.Blue),
        "flapping" => new Style(Color.Yellow),
        "suspended" => new Style(Color.Red),
        "offline" => new Style(Color.Grey),
        _ => Style.Plain,
    };

    public static Style Link(string? link) => link switch
    {
        "up" => new Style(Color.Green),
        "down" => new Style(Color.Grey),
        _ => Style.Plain,
    };

    public static Style MemberStatus(string? status) => status switch
    {
        "up" => new Style(Color.Green),
        "joining" => new Style(Color.Blue),
        "leaving" => new Style(Color.Yellow),
        "down" => new Style(Color.Red),
        _ => Style.Plain,
    };

    public static Style CircuitState(string? state) => state switch
    {
        "closed" => new Style(Color.Green),
        "half-open" or "halfOpen" => new Style(Color.Yellow),
        "open" => new Style(Color.Red),
        _ => Style.Plain,
    };

    public static Style Severity(string? severity) => severity?.ToLowerInvariant() switch
    {
        "critical" or "hard" or "error" => new Style(Color.Red),
        "warning" or "soft" => new Style(Color.Yellow),
        "info" => new Style(Color.Blue),
        _ => Style.Plain,
    };

    /// <summary>A table cell of plain text (never read as markup) in <paramref name="style"/>.</summary>
    public static Text Cell(string? text, Style? style = null) => new(text ?? "-", style ?? Style.Plain);
}
