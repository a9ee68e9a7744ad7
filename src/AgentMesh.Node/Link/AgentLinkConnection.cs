using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using AgentMesh.Actors;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Security;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Transport;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Link;

/// <summary>
/// One agent connection: the handshake (hello within the timeout, token allowed to speak for the
/// agent), then every frame turned into a message to the agent's actor. Frames to the agent go
/// through one outbox and one writer, so the order an actor tells them in is the order on the wire.
/// A bad frame gets an <c>error</c> frame and changes nothing.
/// </summary>
internal sealed class AgentLinkConnection(
    WebSocket socket,
    BufferedLinkStream? batches,
    AgentCredential credential,
    IActorRef agents,
    AgentTokenValidator tokens,
    LinkOptions options,
    TimeProvider time,
    ILogger logger,
    string? remoteAddress)
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private static long s_connections;

    private readonly Channel<object> _outbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private AgentId? _agent;
    private LinkRef? _link;
    private SendAnswers? _answers;

    public async Task RunAsync(CancellationToken stopping)
    {
        _link = new LinkRef("c" + Interlocked.Increment(ref s_connections), _outbox.Writer);
        using var answers = _answers = new SendAnswers(_outbox.Writer, SendTimeout, time);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var writer = Task.Run(() => WriteLoopAsync(connection.Token), CancellationToken.None);
        var reason = "closed";
        try
        {
            reason = await ReceiveLoopAsync(connection.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            reason = "node stopping";
            _outbox.Writer.TryWrite(new CloseRequest(WebSocketCloseStatus.EndpointUnavailable, "node stopping"));
        }
        catch (WebSocketException ex)
        {
            reason = "connection lost";
            Log.ConnectionFailed(logger, ex);
        }
        finally
        {
            if (_agent is { } agent)
            {
                agents.Tell(new AgentLinkClosed(agent, _link));
                Log.AgentDisconnected(logger, agent.Value, reason);
            }

            _outbox.Writer.TryComplete();
            await writer.WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            if (socket.State == WebSocketState.CloseSent)
            {
                // Finish the close handshake before dropping the connection: a reset would discard
                // the last frames (the error that says why) before the agent has read them.
                await AwaitPeerCloseAsync().WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await connection.CancelAsync();
            socket.Abort();
        }
    }

    private async Task<string> ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        using var helloDeadline = new CancellationTokenSource(options.HelloTimeout, time);
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, helloDeadline.Token);
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var token = _agent is null ? receiving.Token : cancellationToken;
            ReceiveOutcome outcome;
            try
            {
                outcome = await ReceiveFrameAsync(buffer, token);
            }
            catch (OperationCanceledException) when (helloDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                _outbox.Writer.TryWrite(new CloseRequest(WebSocketCloseStatus.PolicyViolation, "hello-timeout"));
                return "no hello in time";
            }

            switch (outcome)
            {
                case ReceiveOutcome.Closed:
                    _outbox.Writer.TryWrite(new CloseRequest(WebSocketCloseStatus.NormalClosure, "bye"));
                    return "closed by the agent";
                case ReceiveOutcome.TooLarge:
                    _outbox.Writer.TryWrite(new ErrorReply("frame-too-large", $"Frames are limited to {options.MaxFrameBytes} bytes.", null));
                    _outbox.Writer.TryWrite(new CloseRequest(WebSocketCloseStatus.MessageTooBig, "frame-too-large"));
                    return "frame too large";
                case ReceiveOutcome.Binary:
                    _outbox.Writer.TryWrite(new ErrorReply("invalid", "Only text frames are accepted.", null));
                    continue;
            }

            var frame = LinkFrameReader.Read(buffer.WrittenSpan);
            if (_agent is null)
            {
                if (Handshake(frame) is { } refusal)
                {
                    return refusal;
                }

                continue;
            }

            Dispatch(_agent.Value, frame);
        }
    }

    /// <summary>Handles a frame before the handshake; returns a reason when the connection must end.</summary>
    private string? Handshake(IncomingFrame frame)
    {
        if (frame is not HelloFrame hello)
        {
            Refuse(frame as InvalidFrame ?? new InvalidFrame("hello-required", "The first frame must be hello.", null));
            return null;
        }

        if (!AgentId.TryCreate(hello.AgentId, out var agent, out var agentError))
        {
            Refuse(new InvalidFrame("invalid", $"hello: {agentError}", null));
            return null;
        }

        if (!Incarnation.TryCreate(hello.Incarnation, out var incarnation, out var incarnationError))
        {
            Refuse(new InvalidFrame("invalid", $"hello: {incarnationError}", null));
            return null;
        }

        if (!tokens.Permits(credential, agent.Value))
        {
            Log.ConnectionRefused(logger, remoteAddress, $"the token may not speak for agent {agent}");
            _outbox.Writer.TryWrite(new ErrorReply("unauthorized", $"This token may not speak for agent '{agent}'.", null));
            _outbox.Writer.TryWrite(new CloseRequest(WebSocketCloseStatus.PolicyViolation, "unauthorized"));
            return "token not valid for the agent";
        }

        _agent = agent;
        Log.AgentConnected(logger, agent.Value, incarnation.Value, remoteAddress);
        agents.Tell(new AgentHello(agent, incarnation, _link!, hello.ContextTokens, hello.Labels)); // Set at the start of RunAsync.
        return null;
    }

    private void Dispatch(AgentId agent, IncomingFrame frame)
    {
        switch (frame)
        {
            case HelloFrame:
                Refuse(new InvalidFrame("invalid", "hello was already accepted on this connection.", null));
                break;
            case WelcomeAckFrame ack:
                agents.Tell(new WelcomeAcknowledged(agent, ack.WelcomeId));
                break;
            case SessionStartedFrame started when SessionId.TryCreate(started.SessionId, out var session):
                agents.Tell(new SessionStartedReport(agent, session, started.ContextTokens));
                break;
            case UsageFrame usage:
                if (!ModelKey.TryCreate(usage.Provider, usage.Model, out _, out var modelError))
                {
                    Refuse(new InvalidFrame("invalid", $"usage: {modelError}", null));
                    break;
                }

                agents.Tell(new UsageReport(
                    agent,
                    usage.SessionId is { } id && SessionId.TryCreate(id, out var usageSession) ? usageSession : null,
                    usage.Provider,
                    usage.Model,
                    usage.InputTokens,
                    usage.CachedInputTokens,
                    usage.OutputTokens));
                break;
            case ResultFrame result when SessionId.TryCreate(result.SessionId, out var session):
                agents.Tell(new RunResultReport(agent, session, result.MessageId, result.Ok, result.Retryable, result.Error));
                break;
            case SessionEndedFrame ended when SessionId.TryCreate(ended.SessionId, out var session):
                agents.Tell(new SessionEndedReport(agent, session, ended.Reason));
                break;
            case SendFrame send:
                Send(agent, send);
                break;
            case FetchFrame fetch:
                agents.Tell(new FetchRequest(agent, fetch.After, fetch.Limit));
                break;
            case InvalidFrame invalid:
                Refuse(invalid);
                break;
            default:
                Refuse(new InvalidFrame("invalid", "The frame's sessionId is not a valid session id.", null));
                break;
        }
    }

    /// <summary>
    /// A <c>send</c>: straight to the recipient's actor when this agent is known not to be suspended
    /// and the recipient is an agent (the common case, one actor hop); otherwise through the sender's
    /// own actor, which refuses it while suspended and routes room posts. Either way the answer comes
    /// back through <see cref="SendAnswers"/>.
    /// </summary>
    private void Send(AgentId agent, SendFrame send)
    {
        SessionKey key;
        if (send.SessionKey is null)
        {
            key = SessionKey.Default;
        }
        else if (!SessionKey.TryCreate(send.SessionKey, out key, out var keyError))
        {
            _outbox.Writer.TryWrite(new RejectedReply(send.Ref, "invalid", keyError));
            return;
        }

        var kind = send.Kind switch
        {
            "onboarding" => MessageKind.Onboarding,
            "broadcast" => MessageKind.Broadcast,
            _ => MessageKind.Message,
        };
        var replyTo = _answers!.Expect(send.Ref); // Set at the start of RunAsync.
        if (_link!.KnownNotSuspended && AgentId.TryCreate(send.To, out var recipient, out _))
        {
            agents.Tell(new AcceptMessage(recipient, agent.Value, send.Body, key, kind), replyTo);
        }
        else
        {
            agents.Tell(new SendFromAgent(agent, send.To, send.Body, key, kind), replyTo);
        }
    }

    private void Refuse(InvalidFrame invalid)
    {
        Log.FrameRefused(logger, _agent?.Value ?? "(before hello)", invalid.Code, invalid.Message);
        _outbox.Writer.TryWrite(new ErrorReply(invalid.Code, invalid.Message, invalid.Ref));
    }

    // Pooled: the receive loop awaits each call once, so its state machine box is reused instead of allocated per frame.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReceiveOutcome> ReceiveFrameAsync(ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        var tooLarge = false;
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var result = await socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return ReceiveOutcome.Closed;
            }

            if (!tooLarge)
            {
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > options.MaxFrameBytes)
                {
                    // Keep reading to the frame's end without keeping it, then refuse it.
                    tooLarge = true;
                    buffer.ResetWrittenCount();
                }
            }

            if (result.EndOfMessage)
            {
                return tooLarge ? ReceiveOutcome.TooLarge
                    : result.MessageType == WebSocketMessageType.Binary ? ReceiveOutcome.Binary
                    : ReceiveOutcome.Frame;
            }
        }
    }

    /// <summary>
    /// Writes the outbox in order. What is queued when the writer wakes goes out as one batch (one
    /// write to the connection instead of one per frame), up to
    /// <see cref="BufferedLinkStream.MaxBatchBytes"/>; a close ends the loop after its batch is written.
    /// </summary>
    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var json = LinkFrameWriter.CreateWriter(buffer);
        var reader = _outbox.Reader;
        try
        {
            var open = true;
            while (open && await reader.WaitToReadAsync(cancellationToken))
            {
                batches?.BeginBatch();
                try
                {
                    while (open && reader.TryRead(out var item))
                    {
                        open = await WriteAsync(item, buffer, json, cancellationToken);
                        if (batches is { PendingBytes: >= BufferedLinkStream.MaxBatchBytes })
                        {
                            await batches.EndBatchAsync(cancellationToken);
                            batches.BeginBatch();
                        }
                    }
                }
                finally
                {
                    if (batches is not null)
                    {
                        await batches.EndBatchAsync(cancellationToken);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            Log.ConnectionFailed(logger, ex);
        }
    }

    /// <summary>Writes one outbox item; false when it closed the connection (nothing more is written).</summary>
    private async ValueTask<bool> WriteAsync(object item, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case LinkReplacedFrame:
                await CloseAsync(CloseRequest.Replaced, "replaced", cancellationToken);
                return false;
            case CloseRequest close:
                await CloseAsync(close.Status, close.Description, cancellationToken);
                return false;
            default:
                if (LinkFrameWriter.TryWrite(item, buffer, json) && socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                }

                return true;
        }
    }

    private async Task AwaitPeerCloseAsync()
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (WebSocketException)
        {
            // The agent went away without answering the close: nothing left to wait for.
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, description, cancellationToken);
        }
    }

    private enum ReceiveOutcome
    {
        Frame,
        Closed,
        TooLarge,
        Binary,
    }
}
