using System.Net.Sockets;
using System.Text.RegularExpressions;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Security;
using AgentMesh.Node.Storage;
using Microsoft.AspNetCore.Connections;

namespace AgentMesh.Node.Hosting;

/// <summary>Recognises the start failures an operator can fix, wherever the host wrapped them.</summary>
internal static partial class StartupFailures
{
    private const string BindFailurePrefix = "Failed to bind to address";

    /// <summary>The message and exit code for <paramref name="exception"/>, or null when it is not one the operator can fix.</summary>
    public static NodeStartupException? Classify(Exception exception, IReadOnlyList<ListenUrl> urls)
    {
        foreach (var inner in Flatten(exception))
        {
            switch (inner)
            {
                case StoreUnavailableException store:
                    return new NodeStartupException(NodeExitCode.StoreUnavailable, store.Message, store);
                case IOException io when io.Message.StartsWith(BindFailurePrefix, StringComparison.Ordinal):
                    var address = BoundAddress().Match(io.Message) is { Success: true } match
                        ? match.Groups["address"].Value
                        : urls[0].ToString();
                    var reason = io.InnerException switch
                    {
                        AddressInUseException => "the port is in use",
                        SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "the address is not on this machine",
                        SocketException { SocketErrorCode: SocketError.AccessDenied } => "permission denied (ports below 1024 need privileges)",
                        { } other => other.Message,
                        null => io.Message,
                    };
                    return new NodeStartupException(NodeExitCode.CannotListen,
                        $"cannot listen on {address}: {reason} (set {ConfigurationKeys.NodeUrls} or --urls)", io);
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="exception"/> is a failure <see cref="Classify"/> turns into one line.</summary>
    public static bool IsFixable(Exception exception) =>
        Flatten(exception).Any(inner => inner is StoreUnavailableException
            || (inner is IOException io && io.Message.StartsWith(BindFailurePrefix, StringComparison.Ordinal)));

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"Failed to bind to address (?<address>\S+?):? (address|An attempt|Cannot|Permission)", RegexOptions.CultureInvariant)]
    private static partial Regex BoundAddress();
}
