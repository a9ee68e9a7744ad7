using AgentMesh.Node.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace AgentMesh.Node.Configuration;

/// <summary>
/// The node's configuration, layered from lowest to highest precedence: <c>appsettings.json</c>
/// next to the node, the file named by <c>--config</c>, <c>AGENTMESH__*</c> environment
/// variables, then the command line. Knows which layer supplied each key.
/// </summary>
public sealed class NodeConfiguration
{
    /// <summary>The settings file shipped next to the node.</summary>
    public const string SettingsFileName = "appsettings.json";

    /// <summary>Command-line switches that stand for longer keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--urls"] = "AgentMesh:Node:Urls",
        ["--name"] = "AgentMesh:Node:Name",
    };

    private readonly IReadOnlyList<ConfigurationLayer> _layers;

    private NodeConfiguration(IConfigurationRoot root, IReadOnlyList<ConfigurationLayer> layers)
    {
        Root = root;
        _layers = layers;
    }

    public IConfigurationRoot Root { get; }

    /// <summary>
    /// Builds the layers. A missing <c>--config</c> file, a file that is not valid JSON or a
    /// command line that cannot be read is a <see cref="NodeStartupException"/> naming the culprit.
    /// </summary>
    /// <param name="args">The command line; <c>--config &lt;file&gt;</c> is taken out, the rest are settings.</param>
    /// <param name="host">Where the settings file and environment come from (tests replace them).</param>
    public static NodeConfiguration Build(IReadOnlyList<string> args, NodeHostOptions host)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<string>();
        var (configFile, settingArgs) = SplitConfigFile(args, problems);

        var builder = new ConfigurationBuilder();
        var names = new List<string>();
        var settingsFile = host.SettingsFile ?? Path.Combine(AppContext.BaseDirectory, SettingsFileName);
        AddJsonFile(builder, names, settingsFile, optional: true, problems);
        if (configFile is not null)
        {
            if (File.Exists(configFile))
            {
                AddJsonFile(builder, names, configFile, optional: false, problems);
            }
            else
            {
                problems.Add($"--config {configFile}: the file does not exist (looked for {Path.GetFullPath(configFile)})");
            }
        }

        builder.Add(new AgentMeshEnvironmentVariables(host.EnvironmentVariables));
        names.Add("environment variables");
        builder.AddCommandLine([.. settingArgs], SwitchMappings.ToDictionary(pair => pair.Key, pair => pair.Value));
        names.Add("command line");

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (FormatException exception)
        {
            // The command-line provider refuses a single-dash switch it has no mapping for.
            throw new NodeStartupException(NodeExitCode.InvalidConfiguration, $"the command line cannot be read: {exception.Message}");
        }

        if (problems.Count > 0)
        {
            throw new NodeStartupException(NodeExitCode.InvalidConfiguration, string.Join(Environment.NewLine, problems));
        }

        return new NodeConfiguration(root, [.. root.Providers.Zip(names, (provider, name) => new ConfigurationLayer(provider, name))]);
    }

    /// <summary>
    /// Where the value of <paramref name="key"/> comes from, phrased to follow it ("in x.json",
    /// "in environment variable X", "on the command line"), or null when no layer sets it.
    /// </summary>
    public string? Where(string key)
    {
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            if (_layers[i].Provider.TryGet(key, out _))
            {
                return _layers[i].Where(key);
            }
        }

        return null;
    }

    /// <summary>The value of <paramref name="key"/>; null when unset or empty (an empty value means "use the default").</summary>
    public string? Value(string key) => Root[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static (string? ConfigFile, List<string> Settings) SplitConfigFile(IReadOnlyList<string> args, List<string> problems)
    {
        string? configFile = null;
        var rest = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            string? value;
            if (args[i] == "--config")
            {
                if (i + 1 >= args.Count)
                {
                    problems.Add("--config needs a file name: --config <file.json>");
                    continue;
                }

                value = args[++i];
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                value = args[i]["--config=".Length..];
            }
            else
            {
                rest.Add(args[i]);
                continue;
            }

            if (configFile is not null)
            {
                problems.Add($"--config is given twice ({configFile} and {value}); give one file");
            }

            configFile = value;
        }

        return (configFile, rest);
    }

    private static void AddJsonFile(ConfigurationBuilder builder, List<string> names, string path, bool optional, List<string> problems)
    {
        var fullPath = Path.GetFullPath(path);
        var name = DisplayPath(path);
        builder.Add<JsonConfigurationSource>(source =>
        {
            source.Path = Path.GetFileName(fullPath);
            source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(fullPath)!); // a full path has a directory
            source.Optional = optional;
            source.ReloadOnChange = false;
            source.OnLoadException = context =>
            {
                problems.Add($"{name} cannot be read: {Innermost(context.Exception).Message}");
                context.Ignore = true;
            };
        });
        names.Add(name);
    }

    /// <summary>A path as the operator wrote it when relative, otherwise relative to the working directory when below it.</summary>
    private static string DisplayPath(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
