using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Configuration;

/// <summary><c>AgentMesh:Logging</c>: levels and the rolling JSON file.</summary>
public sealed record NodeLoggingOptions
{
    public const string DefaultFilePath = "./data/logs/agentmesh-.json";

    /// <summary>The level of every category without an override (<c>LogLevel:Default</c>).</summary>
    public LogLevel DefaultLevel { get; init; } = LogLevel.Information;

    /// <summary>Levels per category prefix (<c>LogLevel:Microsoft.AspNetCore</c> and so on).</summary>
    public IReadOnlyDictionary<string, LogLevel> Overrides { get; init; } = new Dictionary<string, LogLevel>(StringComparer.Ordinal);

    /// <summary>Whether the human-readable console sink is on.</summary>
    public bool ConsoleEnabled { get; init; } = true;

    /// <summary>Whether the JSON file sink is on.</summary>
    public bool FileEnabled { get; init; } = true;

    /// <summary>The file name pattern: the date goes before the extension, a new file every day.</summary>
    public string FilePath { get; init; } = DefaultFilePath;

    /// <summary>Daily files kept before the oldest is deleted.</summary>
    public int RetainedFiles { get; init; } = 31;
}
