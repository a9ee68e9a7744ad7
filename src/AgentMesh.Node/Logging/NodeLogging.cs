using System.Globalization;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace AgentMesh.Node.Logging;

/// <summary>
/// Builds the node's Serilog logger: a human-readable console sink and a daily rolling JSON file,
/// levels from <see cref="NodeLoggingOptions"/>, every event enriched with the node's name.
/// Structured fields such as <c>AgentId</c>, <c>Incarnation</c> and <c>SessionId</c> come from the
/// log messages and scopes (<see cref="LogScopes"/>).
/// </summary>
public static class NodeLogging
{
    /// <summary>The category of Microsoft.Extensions.Hosting's own start and stop events.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <param name="options">Levels and sinks.</param>
    /// <param name="nodeName">Added to every event as <c>Node</c>.</param>
    /// <param name="consoleOutput">Where the console sink writes; the process console when null.</param>
    public static Logger CreateLogger(NodeLoggingOptions options, string nodeName, TextWriter? consoleOutput)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(ToSerilog(options.DefaultLevel))
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Node", nodeName)
            // The host reports a failed start with the exception's stack; for a failure the operator can fix
            // (port in use, store down) the node logs and prints one line instead.
            .Filter.ByExcluding(logEvent => logEvent.Exception is { } exception
                && logEvent.Properties.TryGetValue("SourceContext", out var source)
                && source.ToString() == "\"" + HostCategory + "\""
                && StartupFailures.IsFixable(exception));
        foreach (var (category, level) in options.Overrides)
        {
            configuration.MinimumLevel.Override(category, ToSerilog(level));
        }

        if (options.ConsoleEnabled)
        {
            if (consoleOutput is null)
            {
                configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture);
            }
            else
            {
                configuration.WriteTo.Sink(new TextWriterSink(consoleOutput, new MessageTemplateTextFormatter(ConsoleTemplate, CultureInfo.InvariantCulture)));
            }
        }

        if (options.FileEnabled)
        {
            configuration.WriteTo.File(
                new JsonFormatter(renderMessage: true, formatProvider: CultureInfo.InvariantCulture),
                Path.GetFullPath(options.FilePath),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: options.RetainedFiles);
        }

        return configuration.CreateLogger();
    }

    /// <summary>Microsoft's level names, as configured, in Serilog's terms; <c>None</c> turns a category off.</summary>
    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        LogLevel.Critical => LogEventLevel.Fatal,
        _ => LevelAlias.Off,
    };

    /// <summary>Writes rendered events to a <see cref="TextWriter"/>, one at a time.</summary>
    private sealed class TextWriterSink(TextWriter output, MessageTemplateTextFormatter formatter) : ILogEventSink
    {
        private readonly Lock _lock = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_lock)
            {
                formatter.Format(logEvent, output);
                output.Flush();
            }
        }
    }
}
