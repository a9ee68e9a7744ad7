using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using AgentMesh.Client;
using AgentMesh.Client.Frames;

namespace AgentMesh.Cli.Agent;

/// <summary>
/// The built-in agent host of <c>agentmesh agent run</c>: one agent's link to a node, and its sessions
/// run as chat conversations against an OpenAI-compatible endpoint.
/// </summary>
/// <remarks>
/// Two loops. The frame loop reads the node's frames and answers the cheap ones at once (welcome,
/// nudge, suspension, errors); it queues <c>deliver</c> and <c>stop-session</c> for the worker in
/// arrival order. The worker owns the conversations and makes one model call at a time. A
/// <c>stop-session</c> or <c>suspended</c> cancels the call in flight through <see cref="_lock"/>, which
/// guards <see cref="_inFlight"/>, <see cref="_stoppedSessions"/>, <see cref="_suspended"/> and <see cref="_resumed"/>.
/// </remarks>
internal sealed partial class AgentHost : IDisposable
{
    private readonly AgentHostOptions _options;
    private readonly HostLog _log;
    private readonly TimeProvider _time;
    private readonly ChatCompletionsClient _chat;
    private readonly Channel<NodeFrame> _work = Channel.CreateUnbounded<NodeFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    private readonly HashSet<string> _stoppedSessions = [];
    private InFlightCall? _inFlight;
    private bool _suspended;
    private TaskCompletionSource _resumed = NewGate(open: true);
    private long _lastMessageId;
    private string? _onboarding;

    public AgentHost(AgentHostOptions options, TextWriter output, TimeProvider time)
    {
        _options = options;
        _time = time;
        _log = new HostLog(output, time);
        _chat = new ChatCompletionsClient(options.BaseUrl, options.ApiKey, options.CallTimeout);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> (Ctrl-C) or until the link stops for good; returns an exit code.</summary>
    /// <exception cref="CliException">The options are invalid, or the node refused the agent.</exception>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        AgentLinkClient client;
        try
        {
            client = new AgentLinkClient(new AgentLinkClientOptions
            {
                NodeUri = _options.NodeUri,
                AgentId = _options.AgentId,
                BearerToken = _options.Token,
                ContextTokens = _options.ContextTokens,
                Labels = new Dictionary<string, string> { ["host"] = Environment.MachineName, ["runner"] = "agentmesh agent run" },
                TimeProvider = _time,
            });
        }
        catch (ArgumentException e)
        {
            var option = e.ParamName switch
            {
                nameof(AgentLinkClientOptions.AgentId) => "--id",
                nameof(AgentLinkClientOptions.NodeUri) => "--node",
                _ => "agent run",
            };
            var problem = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new CliException(ExitCodes.Usage, $"{option}: {problem}", e);
        }

        await using (client)
        {
            client.StateChanged += (_, change) => OnStateChanged(change);
            _log.Line($"agent {_options.AgentId}, incarnation {client.Incarnation}: linking to {_options.NodeUri}; " +
                $"model {_options.Provider}/{_options.Model} at {_chat.Endpoint}");
            if (!await ConnectFirstAsync(client, cancellationToken))
            {
                return ExitCodes.Ok;
            }

            using var stopWorker = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var worker = Task.Run(() => WorkAsync(client, stopWorker.Token), CancellationToken.None);
            try
            {
                await foreach (var frame in client.ReadFramesAsync(cancellationToken))
                {
                    await HandleAsync(client, frame, cancellationToken);
                }

                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _log.Line("stopping (Ctrl-C)");
                return ExitCodes.Ok;
            }
            catch (AgentLinkReplacedException e)
            {
                throw new CliException(ExitCodes.Refused,
                    $"another process connected as agent {_options.AgentId} and replaced this one; not reconnecting ({e.Message})", e);
            }
            catch (AgentLinkAuthenticationException e)
            {
                throw new CliException(ExitCodes.Unauthorized, $"the node refused the agent token on a reconnect: {e.Message}", e);
            }
            finally
            {
                _work.Writer.TryComplete();
                await stopWorker.CancelAsync();
                await worker;
            }
        }
    }

    public void Dispose() => _chat.Dispose();

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

    /// <summary>
    /// The first connection, retried with doubling delays while the node cannot be reached (an agent
    /// host started before its node waits for it); later reconnects are the client's own.
    /// </summary>
    /// <returns>False when cancelled before a connection was made.</returns>
    private async Task<bool> ConnectFirstAsync(AgentLinkClient client, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await client.ConnectAsync(cancellationToken);
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (AgentLinkAuthenticationException e)
            {
                throw new CliException(ExitCodes.Unauthorized,
                    $"the node refused the agent token (HTTP {e.StatusCode.ToString(CultureInfo.InvariantCulture)}): pass --token or set AGENTMESH_TOKEN", e);
            }
            catch (AgentLinkReplacedException e)
            {
                throw new CliException(ExitCodes.Refused, $"the node replaced this connection with another one for {_options.AgentId}: {e.Message}", e);
            }
            catch (AgentLinkProtocolException e)
            {
                throw new CliException(ExitCodes.Refused, $"the node refused the hello ({e.Code}): {e.Message}", e);
            }
            catch (Exception e) when (e is AgentLinkException or TimeoutException)
            {
                _log.Line($"cannot link to {_options.NodeUri}: {e.Message}; retrying in {delay.TotalSeconds:0} s");
            }

            try
            {
                await Task.Delay(delay, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.FirstConnectMaxDelay.Ticks));
        }
    }

    private void OnStateChanged(AgentLinkStateChange change)
    {
        switch (change.State)
        {
            case AgentLinkConnectionState.Reconnecting:
                _log.Line($"link down ({change.Error?.Message ?? "closed"}); reconnecting in " +
                    $"{(change.RetryDelay ?? TimeSpan.Zero).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s (attempt {change.Attempt.ToString(CultureInfo.InvariantCulture)})");
                break;
            case AgentLinkConnectionState.Stopped when change.Error is not null:
                _log.Line($"link stopped for good: {change.Error.Message}");
                break;
        }
    }

    private async Task HandleAsync(AgentLinkClient client, NodeFrame frame, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case HelloOkFrame hello:
                _log.Line($"linked to node {hello.Node}: state {hello.State}, inbox up to {hello.InboxHighWater.ToString(CultureInfo.InvariantCulture)}");
                // A suspension lifted while the link was down arrives as this state, not as 'resumed'.
                SetSuspended(hello.State == AgentStates.Suspended);
                break;
            case WelcomeFrame welcome:
                _onboarding = BodyText(welcome.Payload);
                _log.Line($"welcome {welcome.WelcomeId}: {_onboarding.Length.ToString(CultureInfo.InvariantCulture)} characters of onboarding material; acknowledged");
                await TryPostAsync("welcome-ack", () => client.AckWelcomeAsync(welcome.WelcomeId, cancellationToken));
                break;
            case DeliverFrame deliver:
                _lastMessageId = Math.Max(_lastMessageId, deliver.MessageId);
                _work.Writer.TryWrite(deliver);
                break;
            case NudgeFrame nudge:
                _log.Line($"nudge: messages up to {nudge.PendingUpTo.ToString(CultureInfo.InvariantCulture)}; fetching after {_lastMessageId.ToString(CultureInfo.InvariantCulture)}");
                await TryPostAsync("fetch", () => client.FetchAsync(_lastMessageId, _options.FetchLimit, cancellationToken));
                break;
            case StopSessionFrame stop:
                _log.Line($"session {stop.SessionId} stopped by the node ({stop.Reason ?? "no reason"})");
                lock (_lock)
                {
                    // A delivery of this session still queued is skipped; one in flight is cancelled.
                    _stoppedSessions.Add(stop.SessionId);
                }

                CancelInFlight(call => call.SessionId == stop.SessionId, InterruptReason.SessionStopped);
                _work.Writer.TryWrite(stop);
                break;
            case SuspendedFrame suspended:
                _log.Line($"suspended ({suspended.Reason ?? "no reason"}): no model calls until resumed");
                SetSuspended(true);
                break;
            case ResumedFrame:
                _log.Line("resumed");
                SetSuspended(false);
                break;
            case ErrorFrame error:
                _log.Line($"the node reported an error ({error.Code}): {error.Message}");
                break;
            case RejectedFrame rejected:
                _log.Line($"the node rejected a frame ({rejected.Reason}): {rejected.Detail}");
                break;
            case UnknownFrame unknown:
                _log.Line($"ignored a frame of unknown type '{unknown.Type}'");
                break;
            case MalformedFrame malformed:
                _log.Line($"ignored a malformed frame: {malformed.Problem}");
                break;
            default:
                _log.Line($"ignored a {frame.GetType().Name}");
                break;
        }
    }

    private void SetSuspended(bool suspended)
    {
        lock (_lock)
        {
            if (_suspended == suspended)
            {
                return;
            }

            _suspended = suspended;
            if (suspended)
            {
                _resumed = NewGate(open: false);
            }
            else
            {
                _resumed.TrySetResult();
            }
        }

        if (suspended)
        {
            CancelInFlight(_ => true, InterruptReason.Suspended);
        }
    }

    private void CancelInFlight(Func<InFlightCall, bool> which, InterruptReason reason)
    {
        lock (_lock)
        {
            if (_inFlight is { } call && which(call))
            {
                call.Interrupt(reason);
            }
        }
    }

    /// <summary>A frame without an answer; a failure to write it is logged, and the link carries on.</summary>
    private async Task TryPostAsync(string what, Func<Task> post)
    {
        try
        {
            await post();
        }
        catch (Exception e) when (e is AgentLinkException or TimeoutException or ObjectDisposedException)
        {
            _log.Line($"could not send {what}: {e.Message}");
        }
    }

    /// <summary>A JSON string as its text; any other JSON value as JSON.</summary>
    private static string BodyText(JsonElement body) =>
        body.ValueKind == JsonValueKind.String ? body.GetString() ?? string.Empty : body.GetRawText();
}
