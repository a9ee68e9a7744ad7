namespace AgentMesh.Node.Configuration;

/// <summary>
/// Every key the node reads, and the sections whose keys are names (agent ids, scopes, models,
/// log categories). A key under <c>AgentMesh</c> that is neither is reported as a likely typo (a
/// warning); inside <see cref="Agents"/>, <see cref="Budgets"/> and <see cref="Prices"/> a key the
/// reader does not know is an error, since a typo there would silently leave a guard unset.
/// </summary>
public static class ConfigurationKeys
{
    public const string NodeName = "AgentMesh:Node:Name";
    public const string NodeUrls = "AgentMesh:Node:Urls";
    public const string NodeRoles = "AgentMesh:Node:Roles";
    public const string NodeShutdownTimeout = "AgentMesh:Node:ShutdownTimeout";
    public const string NodeHealthTimeout = "AgentMesh:Node:HealthTimeout";
    public const string StoreProvider = "AgentMesh:Store:Provider";
    public const string SqlitePath = "AgentMesh:Store:Sqlite:Path";
    public const string PostgreSqlConnectionString = "AgentMesh:Store:PostgreSql:ConnectionString";
    public const string PostgreSqlSchema = "AgentMesh:Store:PostgreSql:Schema";
    public const string AdminToken = "AgentMesh:Auth:AdminToken";
    public const string AgentToken = "AgentMesh:Auth:AgentToken";
    public const string AgentTokens = "AgentMesh:Auth:AgentTokens";
    public const string LinkMaxFrameBytes = "AgentMesh:Link:MaxFrameBytes";
    public const string LinkHelloTimeout = "AgentMesh:Link:HelloTimeout";
    public const string LogLevel = "AgentMesh:Logging:LogLevel";
    public const string LogConsoleEnabled = "AgentMesh:Logging:Console:Enabled";
    public const string LogFileEnabled = "AgentMesh:Logging:File:Enabled";
    public const string LogFilePath = "AgentMesh:Logging:File:Path";
    public const string LogFileRetained = "AgentMesh:Logging:File:RetainedFiles";
    public const string AlertsWebhookUrl = "AgentMesh:Alerts:WebhookUrl";
    public const string Agents = "AgentMesh:Agents";
    public const string Budgets = "AgentMesh:Budgets";
    public const string Prices = "AgentMesh:Prices";

    /// <summary>Keys whose values are secrets: never logged, never shown in a message.</summary>
    public static readonly IReadOnlyList<string> SecretPrefixes = ["AgentMesh:Auth", PostgreSqlConnectionString];

    /// <summary>Keys with a single value.</summary>
    internal static readonly IReadOnlyList<string> Leaves =
    [
        NodeName, NodeUrls, NodeShutdownTimeout, NodeHealthTimeout, StoreProvider, SqlitePath,
        PostgreSqlConnectionString, PostgreSqlSchema, AdminToken, AgentToken, LinkMaxFrameBytes, LinkHelloTimeout,
        LogConsoleEnabled, LogFileEnabled, LogFilePath, LogFileRetained, AlertsWebhookUrl,
    ];

    /// <summary>Sections whose keys are names: roles, per-agent tokens, per-category levels, policies, budgets and prices.</summary>
    internal static readonly IReadOnlyList<string> OpenSections = [NodeRoles, AgentTokens, LogLevel, Agents, Budgets, Prices];

    public static bool IsSecret(string key) =>
        SecretPrefixes.Any(prefix => key.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase));

    internal static bool IsKnown(string key) =>
        Leaves.Any(leaf => leaf.Equals(key, StringComparison.OrdinalIgnoreCase))
        || OpenSections.Any(section => key.Equals(section, StringComparison.OrdinalIgnoreCase)
            || key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase));
}
