using AgentMesh.Node.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentMesh.Node.Configuration;

/// <summary>
/// Reads and validates the <c>AgentMesh</c> section into <see cref="AgentMeshOptions"/>. Every bad
/// value is collected, not just the first, each with its key, its source and what is allowed, so
/// that one start-up attempt shows everything to fix. Also enforces the exposure rule: a node
/// reachable from other machines must have an admin token and agent tokens.
/// </summary>
public sealed partial class AgentMeshOptionsReader
{
    private readonly NodeConfiguration _configuration;
    private readonly List<ConfigurationProblem> _problems = [];

    private AgentMeshOptionsReader(NodeConfiguration configuration)
    {
        _configuration = configuration;
    }

    public static ConfigurationReport Read(NodeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new AgentMeshOptionsReader(configuration);
        var options = new AgentMeshOptions
        {
            Node = reader.ReadNode(),
            Store = reader.ReadStore(),
            Auth = reader.ReadAuth(),
            Link = reader.ReadLink(),
            Logging = reader.ReadLogging(),
            Alerts = reader.ReadAlerts(),
            Agents = reader.ReadAgents(),
            Budgets = reader.ReadBudgets(),
            Prices = reader.ReadPrices(),
        };
        reader.CheckExposure(options);
        var warnings = UnknownKeyWarnings(configuration);
        return reader._problems.Count == 0
            ? new ConfigurationReport(options, [], warnings)
            : new ConfigurationReport(null, reader._problems, warnings);
    }

    private NodeOptions ReadNode()
    {
        var defaults = new NodeOptions();
        var name = Read(ConfigurationKeys.NodeName, defaults.Name, value => NodeNames.IsValid(value) ? value : null,
            $"must be 1-{NodeNames.MaxLength} characters of letters, digits, '.', '_' and '-'");
        var urls = Read(ConfigurationKeys.NodeUrls, defaults.Urls, ParseUrls,
            "must be one or more http://host:port addresses separated by ';', like http://127.0.0.1:5080");
        return new NodeOptions
        {
            Name = name,
            Urls = urls,
            Roles = ReadRoles(),
            ShutdownTimeout = ReadDuration(ConfigurationKeys.NodeShutdownTimeout, defaults.ShutdownTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            HealthTimeout = ReadDuration(ConfigurationKeys.NodeHealthTimeout, defaults.HealthTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)),
        };

        IReadOnlyList<ListenUrl>? ParseUrls(string value)
        {
            try
            {
                var parsed = ListenUrl.ParseList(value);
                return parsed.Count > 0 ? parsed : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    private IReadOnlyList<string> ReadRoles()
    {
        const string Requirement = "must be a role name: lower-case letters, digits and '-', at most 32 characters";
        var section = _configuration.Root.GetSection(ConfigurationKeys.NodeRoles);
        var entries = section.Value is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(role => (Key: section.Path, Role: role))
            : section.GetChildren().Select(child => (Key: child.Path, Role: child.Value ?? ""));
        var roles = new List<string>();
        foreach (var (key, role) in entries)
        {
            if (role.Length is > 0 and <= 32 && role.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                roles.Add(role);
            }
            else
            {
                Problem(key, role, Requirement);
            }
        }

        return [.. roles.Distinct(StringComparer.Ordinal)];
    }

    private NodeStoreOptions ReadStore()
    {
        var defaults = new NodeStoreOptions();
        var connectionString = _configuration.Value(ConfigurationKeys.PostgreSqlConnectionString);
        var provider = ReadValue(ConfigurationKeys.StoreProvider, connectionString is null ? StoreProvider.Sqlite : StoreProvider.PostgreSql,
            value => value.ToLowerInvariant() switch
            {
                "sqlite" => StoreProvider.Sqlite,
                "postgresql" => StoreProvider.PostgreSql,
                _ => (StoreProvider?)null,
            },
            "must be sqlite or postgresql");

        if (connectionString is not null && !IsValidConnectionString(connectionString))
        {
            Problem(ConfigurationKeys.PostgreSqlConnectionString, null,
                "must be an Npgsql connection string with a host, like Host=db;Database=agentmesh;Username=agentmesh;Password=...");
        }
        else if (connectionString is null && provider == StoreProvider.PostgreSql)
        {
            _problems.Add(new ConfigurationProblem(ConfigurationKeys.PostgreSqlConnectionString, null, null,
                $"must be set when {ConfigurationKeys.StoreProvider} is postgresql ({_configuration.Where(ConfigurationKeys.StoreProvider)})"));
        }

        return new NodeStoreOptions
        {
            Provider = provider,
            SqlitePath = Read(ConfigurationKeys.SqlitePath, defaults.SqlitePath, value => value.Contains('\0', StringComparison.Ordinal) ? null : value, "must be a file path"),
            PostgreSqlConnectionString = connectionString,
            PostgreSqlSchema = Read(ConfigurationKeys.PostgreSqlSchema, defaults.PostgreSqlSchema,
                value => IsSchemaName(value) ? value : null,
                "must be 1-63 lower-case letters, digits or '_', not starting with a digit"),
        };

        static bool IsValidConnectionString(string value)
        {
            try
            {
                return !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(value).Host);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        static bool IsSchemaName(string value) =>
            value.Length is > 0 and <= 63 && !char.IsAsciiDigit(value[0])
            && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
    }

    private AuthOptions ReadAuth()
    {
        var agentTokens = new Dictionary<string, SecretToken>(StringComparer.Ordinal);
        foreach (var child in _configuration.Root.GetSection(ConfigurationKeys.AgentTokens).GetChildren())
        {
            if (!AgentIds.IsValid(child.Key))
            {
                _problems.Add(new ConfigurationProblem(child.Path, null, _configuration.Where(child.Path) ?? WhereFirstChild(child),
                    $"'{child.Key}' is not an agent id: 1-64 characters of letters, digits, '.', '_' and '-'") { IsSecret = true });
            }
            else if (child.GetChildren().Any())
            {
                Problem(child.Path, null, "must be a token string, not a section", secret: true);
            }
            else if (ReadToken(child.Path) is { } token)
            {
                agentTokens[child.Key] = token;
            }
        }

        return new AuthOptions
        {
            AdminToken = ReadToken(ConfigurationKeys.AdminToken),
            AgentToken = ReadToken(ConfigurationKeys.AgentToken),
            AgentTokens = agentTokens,
        };

        string? WhereFirstChild(IConfigurationSection section) =>
            section.AsEnumerable().Select(pair => _configuration.Where(pair.Key)).FirstOrDefault(where => where is not null);
    }

    private SecretToken? ReadToken(string key)
    {
        var value = _configuration.Value(key);
        if (value is null)
        {
            return null;
        }

        if (value.Length < SecretToken.MinLength || value.Any(char.IsWhiteSpace))
        {
            Problem(key, null, $"must be at least {SecretToken.MinLength} characters without spaces (for example the output of: openssl rand -hex 32)", secret: true);
            return null;
        }

        return new SecretToken(value);
    }

    private LinkOptions ReadLink()
    {
        var defaults = new LinkOptions();
        return new LinkOptions
        {
            MaxFrameBytes = (int)ReadWholeNumber(ConfigurationKeys.LinkMaxFrameBytes, defaults.MaxFrameBytes, LinkOptions.MinFrameBytes, LinkOptions.MaxFrameBytesLimit),
            HelloTimeout = ReadDuration(ConfigurationKeys.LinkHelloTimeout, defaults.HelloTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
        };
    }

    private NodeLoggingOptions ReadLogging()
    {
        var defaults = new NodeLoggingOptions();
        var defaultLevel = defaults.DefaultLevel;
        var overrides = new Dictionary<string, LogLevel>(StringComparer.Ordinal);
        foreach (var child in _configuration.Root.GetSection(ConfigurationKeys.LogLevel).GetChildren())
        {
            var level = ReadValue(child.Path, LogLevel.Information, ParseLevel, "must be one of Trace, Debug, Information, Warning, Error, Critical, None");
            if (child.Key.Equals("Default", StringComparison.OrdinalIgnoreCase))
            {
                defaultLevel = level;
            }
            else
            {
                overrides[child.Key] = level;
            }
        }

        return new NodeLoggingOptions
        {
            DefaultLevel = defaultLevel,
            Overrides = overrides,
            ConsoleEnabled = ReadBoolean(ConfigurationKeys.LogConsoleEnabled, defaults.ConsoleEnabled),
            FileEnabled = ReadBoolean(ConfigurationKeys.LogFileEnabled, defaults.FileEnabled),
            FilePath = Read(ConfigurationKeys.LogFilePath, defaults.FilePath, value => value.Contains('\0', StringComparison.Ordinal) ? null : value, "must be a file path"),
            RetainedFiles = (int)ReadWholeNumber(ConfigurationKeys.LogFileRetained, defaults.RetainedFiles, 1, 3650),
        };

        static LogLevel? ParseLevel(string value) =>
            !value.Any(char.IsAsciiDigit) && Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) ? level : null;
    }

    private AlertOptions ReadAlerts() => new()
    {
        WebhookUrl = Read<Uri?>(ConfigurationKeys.AlertsWebhookUrl, null,
            value => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null,
            "must be an absolute http:// or https:// URL"),
    };

    /// <summary>A node other machines can reach must not run without tokens: refuse to start and say which to set.</summary>
    private void CheckExposure(AgentMeshOptions options)
    {
        if (options.Node.IsLoopbackOnly || _configuration.Value(ConfigurationKeys.NodeUrls) is not { } urls)
        {
            return;
        }

        var missing = new List<string>();
        if (options.Auth.AdminToken is null)
        {
            missing.Add(ConfigurationKeys.AdminToken);
        }

        if (!options.Auth.HasAgentTokens)
        {
            missing.Add($"{ConfigurationKeys.AgentToken} (or {ConfigurationKeys.AgentTokens}:<agent id> per agent)");
        }

        if (missing.Count > 0)
        {
            var exposed = string.Join(", ", options.Node.Urls.Where(url => !url.IsLoopback));
            Problem(ConfigurationKeys.NodeUrls, urls,
                $"listens where other machines can reach it ({exposed}), so it needs tokens: set {string.Join(" and ", missing)}, or listen on 127.0.0.1 only");
        }
    }
}
