using System.Globalization;

namespace AgentMesh.Persistence.CrashWriter;

/// <summary>The command line of the crash writer.</summary>
/// <example>
/// <c>--store sqlite --path /tmp/j.db --persistence-id crash --batch-size 3</c><br/>
/// <c>--store postgresql --connection-string "Host=..." --persistence-id crash</c>
/// </example>
public sealed record CrashWriterOptions
{
    public required string Store { get; init; }

    public string? Path { get; init; }

    public string? ConnectionString { get; init; }

    public string PersistenceId { get; init; } = "crash-writer";

    public int BatchSize { get; init; } = 3;

    /// <summary>The writer stops by itself after this many events, killed or not.</summary>
    public long MaxEvents { get; init; } = 100_000;

    public static CrashWriterOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string? Value(string name) => values.GetValueOrDefault(name);
        var options = new CrashWriterOptions
        {
            Store = Value("--store") ?? throw new ArgumentException("--store sqlite|postgresql is required."),
            Path = Value("--path"),
            ConnectionString = Value("--connection-string"),
        };
        return options with
        {
            PersistenceId = Value("--persistence-id") ?? options.PersistenceId,
            BatchSize = Value("--batch-size") is { } batch ? int.Parse(batch, CultureInfo.InvariantCulture) : options.BatchSize,
            MaxEvents = Value("--max-events") is { } max ? long.Parse(max, CultureInfo.InvariantCulture) : options.MaxEvents,
        };
    }

    /// <summary>The arguments that <see cref="Parse"/> turns back into these options.</summary>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string> { "--store", Store, "--persistence-id", PersistenceId };
        arguments.AddRange(["--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(["--max-events", MaxEvents.ToString(CultureInfo.InvariantCulture)]);
        if (Path is not null)
        {
            arguments.AddRange(["--path", Path]);
        }

        if (ConnectionString is not null)
        {
            arguments.AddRange(["--connection-string", ConnectionString]);
        }

        return arguments;
    }
}
