using AgentMesh.Node.Api;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Dashboard;
using AgentMesh.Node.Logging;
using AgentMesh.Node.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace AgentMesh.Node.Hosting;

/// <summary>
/// One node: configuration read and validated, logging set up, the web application built with the
/// node's services, middleware and endpoints. <see cref="StartAsync(CancellationToken)"/> turns the failures an
/// operator can fix into a <see cref="NodeStartupException"/> with the right exit code.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;

    private NodeHost(WebApplication app, AgentMeshOptions options, Microsoft.Extensions.Logging.ILogger logger)
    {
        _app = app;
        Options = options;
        _logger = logger;
    }

    public AgentMeshOptions Options { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The addresses the node listens on, with the real ports once started (port 0 becomes the chosen one).</summary>
    public IReadOnlyList<Uri> Addresses => [.. _app.Urls.Select(url => new Uri(url))];

    /// <summary>
    /// Reads the configuration (see <see cref="NodeConfiguration"/>) and builds the node without starting it.
    /// </summary>
    /// <exception cref="NodeStartupException">The configuration is unreadable, invalid or unsafe (<see cref="NodeExitCode.InvalidConfiguration"/>).</exception>
    public static NodeHost Create(IReadOnlyList<string> args, NodeHostOptions hostOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(hostOptions);
        var configuration = NodeConfiguration.Build(args, hostOptions);
        var report = AgentMeshOptionsReader.Read(configuration);
        if (report.Options is not { } options || !report.IsValid)
        {
            var lines = report.Problems.Select(problem => "  " + problem)
                .Concat(report.Warnings.Select(warning => "  warning: " + warning));
            var count = report.Problems.Count == 1 ? "1 problem" : $"{report.Problems.Count} problems";
            throw new NodeStartupException(NodeExitCode.InvalidConfiguration,
                $"the configuration is not valid ({count}):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }

        var serilog = NodeLogging.CreateLogger(options.Logging, options.Node.Name, hostOptions.ConsoleOutput);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(NodeHost).Assembly.GetName().Name,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration.Root);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace); // Serilog applies the configured levels
        builder.Logging.AddSerilog(serilog, dispose: true);
        builder.WebHost.UseUrls(string.Join(';', options.Node.Urls));
        builder.Services.AddSingleton(configuration);
        builder.Services.AddAgentMeshNode(options);
        builder.Services.AddAgentMeshDomain();
        hostOptions.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAgentMeshNode();
        app.MapAgentMeshInfrastructure();
        app.MapAgentMeshDomain();
        app.MapAgentMeshDashboard();
        hostOptions.ConfigureApplication?.Invoke(app);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentMesh.Node");
        Configuration.Log.Report(logger, configuration, report);
        return new NodeHost(app, options, logger);
    }

    /// <summary>Builds and starts a node; see <see cref="Create"/> and <see cref="StartAsync(CancellationToken)"/>.</summary>
    public static async Task<NodeHost> StartAsync(IReadOnlyList<string> args, NodeHostOptions hostOptions, CancellationToken cancellationToken)
    {
        var host = Create(args, hostOptions);
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens the store, starts the actor system, then listens.</summary>
    /// <exception cref="NodeStartupException">
    /// The store cannot be opened (<see cref="NodeExitCode.StoreUnavailable"/>) or the listener cannot
    /// bind (<see cref="NodeExitCode.CannotListen"/>). On any failure, what had started is stopped again first.
    /// </exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app.StartAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            var failure = StartupFailures.Classify(exception, Options.Node.Urls);
            // A failure the operator can fix is one line; only a surprise gets its stack trace logged.
            Log.StartFailed(_logger, failure is null ? exception : null, failure?.Message ?? exception.Message);
            await StopQuietlyAsync();
            if (failure is null)
            {
                throw;
            }

            throw failure;
        }

        Log.NodeListening(_logger, Options.Node.Name, string.Join(", ", _app.Urls), _app.Services.GetRequiredService<NodeStore>().Description);
        var missing = new List<string>();
        if (Options.Auth.AdminToken is null)
        {
            missing.Add("admin token");
        }

        if (!Options.Auth.HasAgentTokens)
        {
            missing.Add("agent tokens");
        }

        if (missing.Count > 0)
        {
            Log.DevelopmentMode(_logger, string.Join(" and ", missing));
        }
    }

    /// <summary>Completes when the node has stopped: after Ctrl-C, SIGTERM, <see cref="IHostApplicationLifetime.StopApplication"/> or <paramref name="cancellationToken"/>.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening, runs the coordinated shutdown and closes the store, within <see cref="NodeOptions.ShutdownTimeout"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task StopQuietlyAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The start failure is what the operator needs to see; the log has this one.
            Log.StartFailed(_logger, exception, "stopping after the failed start failed too");
        }
    }
}
