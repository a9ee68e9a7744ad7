using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Configuration;

/// <summary>Log events of configuration (event ids 5100–5199). Secrets are redacted before they get here.</summary>
internal static partial class Log
{
    [LoggerMessage(5100, LogLevel.Warning, "Configuration: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);

    [LoggerMessage(5101, LogLevel.Debug, "Configuration: {Setting}")]
    public static partial void ConfigurationSetting(ILogger logger, string setting);

    public static void Report(ILogger logger, NodeConfiguration configuration, ConfigurationReport report)
    {
        foreach (var warning in report.Warnings)
        {
            ConfigurationWarning(logger, warning);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var setting in ConfigurationDump.Lines(configuration))
            {
                ConfigurationSetting(logger, setting);
            }
        }
    }
}
