using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using AgentMesh.Client.Frames;

namespace AgentMesh.Client;

/// <summary>The agent → node frames.</summary>
public sealed partial class AgentLinkClient
{
    /// <summary>
    /// Sends a message to another agent or a room and waits for the node's answer. While the link is
    /// down the call waits for it to come back. The whole call is bounded by
    /// <see cref="AgentLinkClientOptions.SendTimeout"/>; the frame is written at most once.
    /// </summary>
    /// <param name="to">An agent id, or <c>room:&lt;name&gt;</c>.</param>
    /// <param name="body">Any JSON value (a string or an object); copied, so the caller may dispose its document.</param>
    /// <param name="sessionKey">The recipient's conversation; <see langword="null"/> for the node's default.</param>
    /// <param name="kind">What the message is for.</param>
    /// <param name="cancellationToken">Stops waiting; it does not unsend a frame already written.</param>
    /// <returns>The message id in the recipient's inbox, and whether the node dropped it as a duplicate.</returns>
    /// <exception cref="ArgumentException">A value breaks the spec's rules, or the frame exceeds the frame limit.</exception>
    /// <exception cref="AgentLinkRejectedException">The node answered <c>rejected</c>; nothing was delivered.</exception>
    /// <exception cref="AgentLinkProtocolException">The node answered <c>error</c>.</exception>
    /// <exception cref="AgentLinkConnectionLostException">The link dropped before the answer; the outcome is unknown.</exception>
    /// <exception cref="TimeoutException">No answer within the send timeout; the outcome is unknown.</exception>
    /// <exception cref="AgentLinkReplacedException">The client has stopped because it was replaced.</exception>
    /// <exception cref="AgentLinkAuthenticationException">The client has stopped because a reconnect was refused.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Task<SendResult> SendAsync(
        string to,
        JsonElement body,
        string? sessionKey = null,
        SendKind kind = SendKind.Message,
        CancellationToken cancellationToken = default)
    {
        string reference;
        byte[] utf8;
        try
        {
            var frame = new SendFrame(NextRef(), to, body, sessionKey, kind);
            (reference, utf8) = (frame.Ref, EncodeForSending(frame));
        }
        catch (ArgumentException e)
        {
            return Task.FromException<SendResult>(e); // Like every failure of a send: in the task.
        }

        return SendEncodedAsync(reference, to, utf8, cancellationToken);
    }

    /// <summary>Sends a text message; see <see cref="SendAsync(string, JsonElement, string?, SendKind, CancellationToken)"/>.</summary>
    public Task<SendResult> SendAsync(
        string to,
        string text,
        string? sessionKey = null,
        SendKind kind = SendKind.Message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reference = NextRef();
        byte[] utf8;
        try
        {
            utf8 = CheckFrameSize(AgentLinkCodec.EncodeTextSend(reference, to, text, sessionKey, kind), FrameTypes.Send);
        }
        catch (ArgumentException e)
        {
            return Task.FromException<SendResult>(e); // Like every failure of a send: in the task.
        }

        return SendEncodedAsync(reference, to, utf8, cancellationToken);
    }

    private async Task<SendResult> SendEncodedAsync(string reference, string to, byte[] utf8, CancellationToken cancellationToken)
    {
        ThrowIfStopped();

        // One object per send: its answer is settled by the node's answer, the shared timeout timer,
        // the caller's token, a dropped connection or the client stopping, whichever comes first.
        var send = new PendingSend(reference, to);
        _pending[reference] = send;
        _sendTimeouts.Start(send);
        using var cancellation = cancellationToken.UnsafeRegister(
            static (state, token) => ((PendingSend)state!).TryCancel(token), send);
        LinkConnection? connection = null;
        try
        {
            connection = TryAttachNow(send) ?? await AttachAsync(send).ConfigureAwait(false);
            connection.QueueSend(utf8, send);

            // Not kept alive by this method while the answer is awaited: the writer holds the frame until it is written.
            utf8 = null!;
            return await send.Answer.ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(reference, out _);
            connection?.Untrack(send);
        }
    }

    /// <summary>
    /// <c>welcome-ack</c>: onboarding is done. Like every method below it, completes when the frame is
    /// written (the protocol has no answer for it), waits for the link while it is down, is bounded by
    /// <see cref="AgentLinkClientOptions.SendTimeout"/>, and is not re-sent after a drop.
    /// </summary>
    /// <exception cref="AgentLinkConnectionLostException">The link dropped while the frame was being written.</exception>
    /// <exception cref="TimeoutException">The link did not come back within the send timeout.</exception>
    public Task AckWelcomeAsync(string welcomeId, CancellationToken cancellationToken = default) =>
        PostAsync(new WelcomeAckFrame(welcomeId), cancellationToken);

    /// <summary><c>session-started</c>: a fresh session was loaded; the node counts a spawn and <paramref name="contextTokens"/> as input.</summary>
    public Task SessionStartedAsync(string sessionId, long contextTokens, CancellationToken cancellationToken = default) =>
        PostAsync(new SessionStartedFrame(sessionId, contextTokens), cancellationToken);

    /// <summary><c>usage</c>: the tokens one model call spent, for the node's budgets.</summary>
    public Task ReportUsageAsync(
        string sessionId,
        string provider,
        string model,
        long inputTokens,
        long cachedInputTokens,
        long outputTokens,
        CancellationToken cancellationToken = default) =>
        PostAsync(new UsageFrame(sessionId, provider, model, inputTokens, cachedInputTokens, outputTokens), cancellationToken);

    /// <summary>
    /// <c>result</c>: the outcome of a delivered message. Report failures honestly: three consecutive
    /// non-retryable failures open the session's circuit on the node.
    /// </summary>
    public Task ReportResultAsync(
        string sessionId,
        long messageId,
        ResultStatus status,
        bool retryable = false,
        string? error = null,
        CancellationToken cancellationToken = default) =>
        PostAsync(new ResultFrame(sessionId, messageId, status, retryable, error), cancellationToken);

    /// <summary><c>session-ended</c>: the agent closed the session.</summary>
    public Task SessionEndedAsync(string sessionId, string reason, CancellationToken cancellationToken = default) =>
        PostAsync(new SessionEndedFrame(sessionId, reason), cancellationToken);

    /// <summary>
    /// <c>fetch</c>: asks for inbox messages with id greater than <paramref name="after"/>, at most
    /// <paramref name="limit"/>. The messages arrive as <see cref="DeliverFrame"/>s in <see cref="Frames"/>.
    /// </summary>
    public Task FetchAsync(long after, int limit, CancellationToken cancellationToken = default) =>
        PostAsync(new FetchFrame(after, limit), cancellationToken);

    private async Task PostAsync(AgentFrame frame, CancellationToken cancellationToken)
    {
        var utf8 = EncodeForSending(frame);
        ThrowIfStopped();
        using var timeout = new CancellationTokenSource(_options.SendTimeout, _time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var type = FrameType(frame);
        try
        {
            var connection = await WaitForLinkAsync(bounded.Token).ConfigureAwait(false);
            await WriteAsync(connection, utf8, type, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Could not write '{type}' within {_options.SendTimeout}: the agent link stayed down.", e);
        }
    }

    /// <summary>The connection that is up, if there is one and it takes the send in; no waiting, no task.</summary>
    /// <remarks>
    /// Reads the gate without the lifecycle lock (a reference read is atomic; 128 concurrent senders
    /// contended for it): a gate replaced meanwhile hands out a connection that has dropped, whose
    /// <see cref="LinkConnection.TryTrack"/> refuses the send, which then takes the waiting path.
    /// </remarks>
    private LinkConnection? TryAttachNow(PendingSend send)
    {
        var gate = Volatile.Read(ref _linkUp).Task;
        return gate.IsCompletedSuccessfully && gate.Result.TryTrack(send) ? gate.Result : null;
    }

    /// <summary>
    /// Waits for a connection that takes the send in, so that its drop fails exactly this send; while
    /// the link is down, until the send's answer is settled otherwise (time out, cancellation, stop).
    /// </summary>
    private async Task<LinkConnection> AttachAsync(PendingSend send)
    {
        while (true)
        {
            Task<LinkConnection> gate;
            lock (_lifecycleLock)
            {
                gate = _linkUp.Task;
            }

            if (!gate.IsCompleted)
            {
                await Task.WhenAny(gate, send.Answer).ConfigureAwait(false);
                if (send.Answer.IsCompleted)
                {
                    await send.Answer.ConfigureAwait(false); // Failed or cancelled: throws why.
                }
            }

            LinkConnection connection;
            try
            {
                connection = await gate.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (gate.IsCanceled)
            {
                throw StopError();
            }

            if (connection.TryTrack(send))
            {
                return connection;
            }

            // It dropped after the gate handed it out; nothing was written, so the next link is as good.
        }
    }

    private async Task<LinkConnection> WaitForLinkAsync(CancellationToken cancellationToken)
    {
        Task<LinkConnection> gate;
        lock (_lifecycleLock)
        {
            gate = _linkUp.Task;
        }

        try
        {
            return await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (gate.IsCanceled)
        {
            throw StopError();
        }
    }

    private static async Task WriteAsync(LinkConnection connection, byte[] utf8, string type, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(utf8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            throw new AgentLinkConnectionLostException(
                $"The agent link dropped while '{type}' was being written; whether the node got it is unknown.", e);
        }
    }

    private byte[] EncodeForSending(AgentFrame frame) => CheckFrameSize(AgentLinkCodec.Encode(frame), FrameType(frame));

    private byte[] CheckFrameSize(byte[] utf8, string type) =>
        utf8.Length <= _options.MaxFrameBytes
            ? utf8
            : throw new ArgumentException(
                $"The '{type}' frame is {utf8.Length} bytes, more than the frame limit of {_options.MaxFrameBytes}; "
                + "the node would close the link with 1009.",
                "frame");

    private string NextRef() => Interlocked.Increment(ref _lastRef).ToString(CultureInfo.InvariantCulture);

    private static string FrameType(AgentFrame frame) => frame switch
    {
        HelloFrame => FrameTypes.Hello,
        WelcomeAckFrame => FrameTypes.WelcomeAck,
        SessionStartedFrame => FrameTypes.SessionStarted,
        UsageFrame => FrameTypes.Usage,
        ResultFrame => FrameTypes.Result,
        SessionEndedFrame => FrameTypes.SessionEnded,
        SendFrame => FrameTypes.Send,
        FetchFrame => FrameTypes.Fetch,
        _ => frame.GetType().Name,
    };
}
