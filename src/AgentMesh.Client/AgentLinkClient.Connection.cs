using System.Net.WebSockets;
using AgentMesh.Client.Frames;

namespace AgentMesh.Client;

/// <summary>The connection's life: handshake, the receive loop, reconnecting and stopping.</summary>
public sealed partial class AgentLinkClient
{
    /// <summary>
    /// Opens a WebSocket, sends <c>hello</c> and waits for <c>hello-ok</c>, all within the hello timeout.
    /// Frames other than <c>hello-ok</c> and <c>error</c> that arrive first are kept, to be handed on
    /// after it, in order.
    /// </summary>
    private async Task<Handshake> HandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.HelloTimeout, _time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        LinkConnection? connection = null;
        try
        {
            connection = await LinkConnection.OpenAsync(_options, bounded.Token).ConfigureAwait(false);

            // The write itself is not cancellable without losing the socket (see LinkConnection.SendAsync),
            // so the timeout aborts the socket instead.
            using var abortOnTimeout = bounded.Token.Register(connection.Abort);
            await connection.SendAsync(_hello, bounded.Token).ConfigureAwait(false);

            var early = new List<NodeFrame>();
            while (true)
            {
                var utf8 = await connection.ReceiveFrameAsync(bounded.Token).ConfigureAwait(false);
                if (utf8 is null)
                {
                    throw ClosedByNode(connection, "before answering hello");
                }

                switch (AgentLinkCodec.DecodeNodeFrame(utf8.Value.Span))
                {
                    case HelloOkFrame helloOk:
                        return new Handshake(connection, helloOk, early);
                    case ErrorFrame error:
                        throw new AgentLinkProtocolException(
                            error.Code, $"The node refused hello with error '{error.Code}'{Quoted(error.Message)}.");
                    case var other:
                        early.Add(other);
                        break;
                }
            }
        }
        catch (Exception e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            Discard(connection);
            throw new TimeoutException(
                $"No hello-ok from {_options.NodeUri} within {_options.HelloTimeout} of starting to connect.", e);
        }
        catch
        {
            Discard(connection);
            throw;
        }
    }

    /// <summary>
    /// The receive loop for the life of the client: reads the current connection until it drops, then
    /// reconnects and carries on with the new one. Never throws.
    /// </summary>
    private async Task RunAsync(LinkConnection connection)
    {
        try
        {
            await ReconnectLoopAsync(connection).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A fault here is a bug in the loop; the client stops with it rather than hang unseen.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Stop(e);
        }
    }

    private async Task ReconnectLoopAsync(LinkConnection connection)
    {
        // Consecutive attempts since the last stable connection; decides the back-off.
        var attempt = 0;
        while (true)
        {
            var drop = await PumpAsync(connection).ConfigureAwait(false);
            var upFor = LinkDown(connection, drop);
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            if (drop is AgentLinkReplacedException)
            {
                Stop(drop);
                return;
            }

            if (upFor >= _options.ReconnectMaxDelay)
            {
                attempt = 0;
            }

            (var next, attempt) = await ReconnectAsync(attempt, drop).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            connection = next;
        }
    }

    /// <summary>
    /// Waits out the back-off and tries again until a connection is up (returned, and already current)
    /// or the client stops (<see langword="null"/>).
    /// </summary>
    private async Task<(LinkConnection? Connection, int Attempt)> ReconnectAsync(int attempt, Exception reason)
    {
        while (true)
        {
            attempt++;
            var delay = _backoff.DelayFor(attempt);

            // The delay's timer exists before the change is announced, so whoever drives the clock from
            // the announcement cannot advance it before the timer is armed.
            var wait = Task.Delay(delay, _time, _stopping.Token);
            SetState(AgentLinkConnectionState.Reconnecting, attempt, delay, error: reason);
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return (null, attempt);
            }

            SetState(AgentLinkConnectionState.Connecting, attempt);
            try
            {
                var handshake = await HandshakeAsync(_stopping.Token).ConfigureAwait(false);
                if (!TryLinkUp(handshake))
                {
                    Discard(handshake.Connection);
                    return (null, attempt);
                }

                SetState(AgentLinkConnectionState.Connected, attempt, helloOk: handshake.HelloOk);
                return (handshake.Connection, attempt);
            }
            catch (Exception e) when (e is AgentLinkAuthenticationException or AgentLinkReplacedException)
            {
                Stop(e);
                return (null, attempt);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return (null, attempt);
            }
#pragma warning disable CA1031 // Whatever made this attempt fail, the answer is the next attempt.
            catch (Exception e)
#pragma warning restore CA1031
            {
                reason = e;
            }
        }
    }

    /// <summary>Reads and dispatches frames until the connection drops; returns why it dropped.</summary>
    private async Task<Exception> PumpAsync(LinkConnection connection)
    {
        try
        {
            while (true)
            {
                var utf8 = await connection.ReceiveFrameAsync(_abort.Token).ConfigureAwait(false);
                if (utf8 is null)
                {
                    // Answer the node's close, as the close handshake asks.
                    await connection.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty).ConfigureAwait(false);
                    return ClosedByNode(connection, "while connected");
                }

                Dispatch(AgentLinkCodec.DecodeNodeFrame(utf8.Value.Span));
            }
        }
        catch (AgentLinkProtocolException e)
        {
            return e;
        }
#pragma warning disable CA1031 // Whatever ended the receive, the connection is gone and the answer is a reconnect.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new AgentLinkConnectionLostException($"The agent link to {_options.NodeUri} dropped: {e.Message}", e);
        }
    }

    /// <summary>Completes the pending send a frame answers, or queues the frame for the agent.</summary>
    private void Dispatch(NodeFrame frame)
    {
        switch (frame)
        {
            case SentFrame sent:
                if (_pending.TryRemove(sent.Ref, out var accepted))
                {
                    accepted.TryComplete(new SendResult(sent.MessageId, sent.Duplicate));
                    return;
                }

                break;
            case RejectedFrame { Ref: { } rejectedRef } rejected:
                if (_pending.TryRemove(rejectedRef, out var refused))
                {
                    refused.TryFail(new AgentLinkRejectedException(rejected.Reason, rejected.Detail));
                    return;
                }

                break;
            case ErrorFrame { Ref: { } errorRef } error:
                if (_pending.TryRemove(errorRef, out var failed))
                {
                    failed.TryFail(new AgentLinkProtocolException(
                        error.Code, $"The node answered send '{errorRef}' with error '{error.Code}'{Quoted(error.Message)}."));
                    return;
                }

                break;
        }

        _incoming.Writer.TryWrite(frame);
    }

    /// <summary>
    /// Makes a handshaken connection the current one: its <c>hello-ok</c> and early frames are queued
    /// before anything the receive loop reads, and waiting sends are released. False, changing nothing,
    /// once the client is disposed or stopped. The caller announces the state change, outside the lock.
    /// </summary>
    private bool TryLinkUp(Handshake handshake)
    {
        lock (_lifecycleLock)
        {
            if (_disposed || _stopped)
            {
                return false;
            }

            _connection = handshake.Connection;
            _linkedAt = _time.GetTimestamp();
            _incoming.Writer.TryWrite(handshake.HelloOk);
            foreach (var frame in handshake.Early)
            {
                _incoming.Writer.TryWrite(frame);
            }

            _linkUp.TrySetResult(handshake.Connection);
            return true;
        }
    }

    /// <summary>
    /// Retires a dropped connection and fails the sends that were waiting for an answer on it; returns
    /// how long it was up.
    /// </summary>
    private TimeSpan LinkDown(LinkConnection connection, Exception reason)
    {
        TimeSpan upFor;
        lock (_lifecycleLock)
        {
            upFor = _time.GetElapsedTime(_linkedAt);
            if (ReferenceEquals(_connection, connection))
            {
                _connection = null;
            }

            // A new gate before the connection is marked closed: a send refused by the closed
            // connection then waits for the next one instead of finding this one again.
            if (_linkUp.Task.IsCompleted && !_stopped)
            {
                _linkUp = NewLinkGate();
            }
        }

        foreach (var send in connection.MarkClosed())
        {
            send.TryFail(new AgentLinkConnectionLostException(
                $"The agent link dropped before the node answered send '{send.Ref}'; whether the node accepted it is unknown. "
                + "Sending it again is safe: the node answers a repeat with duplicate: true.",
                reason));
        }

        Discard(connection);
        return upFor;
    }

    /// <summary>
    /// Stops the client for good (<paramref name="reason"/> <see langword="null"/> means disposed):
    /// fails what waits, completes <see cref="Frames"/>, and announces <see cref="AgentLinkConnectionState.Stopped"/>.
    /// </summary>
    private void Stop(Exception? reason)
    {
        lock (_lifecycleLock)
        {
            if (_stopped)
            {
                return;
            }

            _stoppedBy = reason;
            _stopped = true;
            _connection = null;
            if (_linkUp.Task.IsCompleted)
            {
                _linkUp = NewLinkGate();
            }

            // Cancelled rather than faulted: each waiter turns it into its own StopError().
            _linkUp.TrySetCanceled();
        }

        SetState(AgentLinkConnectionState.Stopped, error: reason);

        foreach (var send in _pending.Values)
        {
            send.TryFail(StopError());
        }

        _incoming.Writer.TryComplete(reason);
    }

    private static AgentLinkException ClosedByNode(LinkConnection connection, string when)
    {
        if (connection.CloseStatus == (WebSocketCloseStatus)AgentLinkReplacedException.CloseStatus)
        {
            return new AgentLinkReplacedException(connection.CloseStatusDescription);
        }

        var status = connection.CloseStatus is { } code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no status";
        return new AgentLinkConnectionLostException(
            $"The node closed the agent link {when} ({status}{Quoted(connection.CloseStatusDescription)}).");
    }

    private static string Quoted(string? text) => string.IsNullOrEmpty(text) ? string.Empty : $": '{text}'";

    private readonly record struct Handshake(LinkConnection Connection, HelloOkFrame HelloOk, IReadOnlyList<NodeFrame> Early);
}
