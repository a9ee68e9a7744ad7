using AgentMesh.Actors;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Events;
using AgentMesh.Node.Http;
using AgentMesh.Node.Metrics;
using AgentMesh.Node.Security;
using AgentMesh.Node.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Hosting;

public static class NodeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the node's infrastructure: the validated options (also each section on its own), the
    /// store, the actor system and its lifetime, the token checks, the event hub, metrics, health
    /// and problem details. The link, the admin API and the dashboard add theirs beside it.
    /// </summary>
    /// <remarks>
    /// Singletons a later registration may replace (tests do): <see cref="TimeProvider"/> (system
    /// clock), <see cref="NodeStore"/> (from <see cref="AgentMeshOptions.Store"/>).
    /// </remarks>
    public static IServiceCollection AddAgentMeshNode(this IServiceCollection services, AgentMeshOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);

        services.AddSingleton(options);
        services.AddSingleton(options.Node);
        services.AddSingleton(options.Store);
        services.AddSingleton(options.Auth);
        services.AddSingleton(options.Link);
        services.AddSingleton(options.Alerts);
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Node.ShutdownTimeout);
        services.Configure<ConsoleLifetimeOptions>(console => console.SuppressStatusMessages = true);

        services.AddSingleton(provider => NodeStore.Create(
            options.Store, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(provider => ActorSystem.Create(options.Node.Name, new ActorSystemOptions
        {
            TimeProvider = provider.GetRequiredService<TimeProvider>(),
            LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
        }));
        services.AddHostedService<ActorSystemLifetime>();

        services.AddMetrics();
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton(provider => PrometheusExporter.ForNode(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

        services.AddSingleton<AdminTokenAuthenticator>();
        services.AddSingleton(provider => new AgentTokenValidator(options.Auth, options.Node.IsLoopbackOnly, provider.GetRequiredService<NodeMetrics>()));
        services.AddSingleton(provider => new EventHub(provider.GetRequiredService<NodeMetrics>()));
        services.AddSingleton<NodeHealth>();

        services.AddProblemDetails();
        services.AddExceptionHandler<NodeExceptionHandler>();
        // Binding failures throw, so that NodeExceptionHandler answers them with a 400 that says what is wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Adds a step that runs at start, once the actor system and the store are ready (see <see cref="IActorSystemSetup"/>).</summary>
    public static IServiceCollection AddActorSystemSetup<TSetup>(this IServiceCollection services)
        where TSetup : class, IActorSystemSetup
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<IActorSystemSetup, TSetup>();
    }

    /// <inheritdoc cref="AddActorSystemSetup{TSetup}(IServiceCollection)"/>
    public static IServiceCollection AddActorSystemSetup(this IServiceCollection services, Func<ActorSystem, IServiceProvider, CancellationToken, Task> setup)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(setup);
        return services.AddSingleton<IActorSystemSetup>(provider => new DelegateSetup(setup, provider));
    }

    private sealed class DelegateSetup(Func<ActorSystem, IServiceProvider, CancellationToken, Task> setup, IServiceProvider provider) : IActorSystemSetup
    {
        public Task ConfigureAsync(ActorSystem system, CancellationToken cancellationToken) => setup(system, provider, cancellationToken);
    }
}
